import type { Context } from "hono";

/**
 * Who the client is, for rate limiting. By default the socket's peer address (Node, via
 * @hono/node-server's `env.incoming`). With `trustProxy` the address comes from X-Forwarded-For:
 * `true` (= 1) means one trusted proxy in front, so the last entry is the one that proxy saw; with
 * n proxies it is the n-th from the right. Entries further left are whatever the client wrote
 * and are never used, or anyone could pick a fresh identity per request.
 */
export function clientAddress(
  c: Context,
  trustProxy: boolean | number,
): string {
  const hops =
    trustProxy === true
      ? 1
      : trustProxy === false
        ? 0
        : Math.max(0, Math.floor(trustProxy));
  if (hops > 0) {
    const forwarded = c.req
      .header("x-forwarded-for")
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const entry = forwarded?.[forwarded.length - hops];
    if (entry) return entry;
  }
  const env = c.env as
    { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? "unknown";
}
