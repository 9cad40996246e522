/**
 * An answer the server gives on its own (not the recognizer's): always JSON `{ "detail": "…" }`.
 * `closeConnection` marks answers given before the request body was read to the end; the app then
 * drains the rest and closes the connection gracefully (RFC 9112 §9.6) so the client reads the answer.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly headers: Readonly<Record<string, string>> = {},
    readonly closeConnection = false,
  ) {
    super(detail);
    this.name = "HttpError";
  }
}

/** Thrown by a recognizer when the service behind it cannot be reached or answers garbage (→ 502). */
export class BadGatewayError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BadGatewayError";
  }
}
