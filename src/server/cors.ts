/**
 * CORS for the API. Allowed origins get `Access-Control-Allow-Origin` on preflights and on actual
 * responses; every other cross-origin caller gets no CORS header at all. With no origins configured
 * only same-origin pages may call (the usual setup: the page and the API behind one host).
 */
export const ALLOWED_METHODS = "POST, OPTIONS";
export const ALLOWED_HEADERS = ["accept", "content-type", "x-request-id"];
export const EXPOSED_HEADERS = "Retry-After, X-Request-Id";

export function normalizeOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, "").toLowerCase();
}

export function isOriginAllowed(
  origin: string,
  allowed: ReadonlySet<string>,
): boolean {
  return allowed.has(normalizeOrigin(origin));
}

/** A browser sends Origin on same-origin POSTs too; those are fine without any CORS configuration. */
export function isSameOrigin(
  origin: string,
  host: string | undefined,
): boolean {
  if (!host) return false;
  try {
    // Compare host:port only: behind a TLS-terminating proxy the scheme the server sees differs.
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

export function corsHeaders(origin: string): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Expose-Headers": EXPOSED_HEADERS,
  };
}

export function preflightHeaders(
  origin: string,
  requestedHeaders: string | undefined,
): Record<string, string> {
  const asked = (requestedHeaders ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const headers: Record<string, string> = {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Methods": ALLOWED_METHODS,
    "Access-Control-Max-Age": "600",
  };
  // Only the headers the API reads; an api_key header is deliberately not among them.
  const granted = asked.filter((h) => ALLOWED_HEADERS.includes(h));
  if (granted.length)
    headers["Access-Control-Allow-Headers"] = granted.join(", ");
  return headers;
}
