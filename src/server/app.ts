import { Hono, type Context } from "hono";
import { clientAddress } from "./client-address.js";
import {
  corsHeaders,
  isOriginAllowed,
  isSameOrigin,
  normalizeOrigin,
  preflightHeaders,
} from "./cors.js";
import { drainThenClose } from "./graceful-close.js";
import { BadGatewayError, HttpError } from "./http-error.js";
import {
  couldBeImage,
  sniffImageType,
  SNIFF_BYTES,
  type ImageMediaType,
} from "./image-type.js";
import {
  boundaryOf,
  MalformedMultipartError,
  PayloadTooLargeError,
  readMultipart,
} from "./multipart.js";
import { openApiDocument } from "./openapi.js";
import { MemoryRateLimitStore, type RateLimitOptions } from "./rate-limit.js";
import { FRAME_ROOM, type Recognizer } from "./recognizer.js";
import { redactJson, redactText } from "./redact.js";
import { unavailableRecognizer } from "./unavailable-recognizer.js";
import {
  DEFAULT_UPSTREAM_URL,
  UpstreamRecognizer,
} from "./upstream-recognizer.js";

export interface MrzServerOptions {
  /** The recognition service key. Never leaves the server except towards the upstream. */
  readonly apiKey?: string;
  readonly upstreamUrl?: string;
  /** Largest request body accepted; default 10 MB. */
  readonly maxBytes?: number;
  /** Longest a recognizer may take; default 30 s. */
  readonly timeoutMs?: number;
  /** Per-client limit; default 30 per minute; `false` disables it. */
  readonly rateLimit?: RateLimitOptions | false;
  /** Origins allowed to call cross-origin (`https://shop.example`); none = same-origin only. */
  readonly allowedOrigins?: readonly string[];
  /** Read the client address from X-Forwarded-For behind this many proxies (`true` = 1). */
  readonly trustProxy?: boolean | number;
  /** Default: the upstream service when `apiKey` is set, else one that answers 503. */
  readonly recognizer?: Recognizer;
  /** Receives one JSON line per request; default stdout; `false` for silence. */
  readonly logger?: ((line: string) => void) | false;
  /** How long to keep discarding an oversized upload after answering it (RFC 9112 §9.6). */
  readonly lingerMs?: number;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RATE_LIMIT = { limit: 30, windowMs: 60_000 } as const;

type Env = {
  Variables: {
    requestId: string;
    bytesIn: number;
    recognizeMs: number | undefined;
    failure: string | undefined;
  };
};

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * The reference backend as a web-standard fetch handler (`app.fetch(request, env)`), so it runs on
 * Node (@hono/node-server), Deno, Bun and edge platforms alike.
 */
export function createMrzServer(options: MrzServerOptions = {}): Hono<Env> {
  const apiKey = options.apiKey || undefined;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const rate =
    options.rateLimit === false
      ? null
      : { ...DEFAULT_RATE_LIMIT, ...options.rateLimit };
  const store = rate
    ? ((options.rateLimit ? options.rateLimit.store : undefined) ??
      new MemoryRateLimitStore())
    : null;
  const allowed = new Set(
    (options.allowedOrigins ?? []).map(normalizeOrigin).filter(Boolean),
  );
  const trustProxy = options.trustProxy ?? false;
  const recognizer =
    options.recognizer ??
    (apiKey
      ? new UpstreamRecognizer({
          apiKey,
          url: options.upstreamUrl ?? DEFAULT_UPSTREAM_URL,
        })
      : unavailableRecognizer());
  const lingerMs = options.lingerMs ?? 5_000;
  const write =
    options.logger === false
      ? null
      : (options.logger ?? ((line: string) => console.log(line)));
  // Belt and braces: whatever ends up in a log line, the key does not.
  const log = (entry: Record<string, unknown>) =>
    write?.(redactText(JSON.stringify(entry), apiKey));
  const rateText = rate
    ? `${rate.limit} per ${rate.windowMs / 1000} s`
    : "unlimited";
  const openapi = JSON.stringify(
    openApiDocument({ maxBytes, timeoutMs, rateLimit: rateText }),
  );

  const app = new Hono<Env>();

  app.use("*", async (c, next) => {
    const started = performance.now();
    const given = c.req.header("x-request-id");
    const requestId =
      given && /^[\w.-]{1,64}$/.test(given) ? given : crypto.randomUUID();
    c.set("requestId", requestId);
    c.set("bytesIn", 0);
    c.set("recognizeMs", undefined);
    c.set("failure", undefined);
    await next();
    c.res.headers.set("X-Request-Id", requestId);
    const origin = c.req.header("origin");
    if (origin && isOriginAllowed(origin, allowed)) {
      for (const [k, v] of Object.entries(corsHeaders(origin)))
        if (!c.res.headers.has(k)) c.res.headers.set(k, v);
    }
    c.res.headers.append("Vary", "Origin");
    log({
      time: new Date().toISOString(),
      id: requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      bytesIn: c.get("bytesIn"),
      bytesOut: Number(c.res.headers.get("content-length") ?? 0),
      recognizer: c.req.path === "/api/mrz" ? recognizer.name : undefined,
      recognizeMs: c.get("recognizeMs"),
      failure: c.get("failure"),
    });
  });

  app.get("/healthz", () =>
    json(200, { status: "ok", recognizer: recognizer.name }),
  );
  app.get("/openapi.json", (c) => {
    c.header(
      "Content-Length",
      String(new TextEncoder().encode(openapi).length),
    );
    return c.body(openapi, 200, { "Content-Type": "application/json" });
  });

  app.options("/api/mrz", (c) => {
    const origin = c.req.header("origin");
    if (!origin) return c.body(null, 204, { Allow: "POST, OPTIONS" });
    if (!isOriginAllowed(origin, allowed))
      return error(new HttpError(403, "Origin not allowed"));
    return c.body(
      null,
      204,
      preflightHeaders(origin, c.req.header("access-control-request-headers")),
    );
  });

  app.post("/api/mrz", async (c) => {
    const body = c.req.raw.body;
    try {
      const origin = c.req.header("origin");
      if (
        origin &&
        !isOriginAllowed(origin, allowed) &&
        !isSameOrigin(origin, c.req.header("host"))
      ) {
        throw new HttpError(403, "Origin not allowed", {}, true);
      }
      if (rate && store) {
        const { count, resetAt } = await store.increment(
          clientAddress(c, trustProxy),
          rate.windowMs,
        );
        if (count > rate.limit) {
          const retryAfter = String(
            Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)),
          );
          throw new HttpError(
            429,
            "Too many requests",
            { "Retry-After": retryAfter },
            true,
          );
        }
      }
      const declared = Number(c.req.header("content-length") ?? NaN);
      if (declared > maxBytes)
        throw new HttpError(
          413,
          `Request body exceeds ${maxBytes} bytes`,
          {},
          true,
        );
      const boundary = boundaryOf(c.req.header("content-type"));
      if (!boundary) {
        throw new HttpError(
          415,
          'Send multipart/form-data with the photo in the field "image"',
          {},
          true,
        );
      }
      if (!body)
        throw new HttpError(
          400,
          'No image: send the photo in the multipart field "image"',
        );

      const image = await readImage(
        c,
        body,
        boundary,
        maxBytes,
        Number.isFinite(declared) ? declared : 0,
      );
      const answer = await recognizeWithTimeout(
        recognizer,
        image,
        c,
        timeoutMs,
      );
      return json(answer.status, redactJson(answer.body, apiKey));
    } catch (e) {
      if (e instanceof HttpError && e.closeConnection) {
        drainThenClose(c.env, body, {
          lingerMs,
          maxDrainBytes: 64 * 1024 * 1024,
        });
      }
      throw e;
    }
  });

  app.all("/api/mrz", () =>
    error(new HttpError(405, "Method not allowed", { Allow: "POST, OPTIONS" })),
  );
  app.notFound(() => error(new HttpError(404, "Not found")));
  app.onError((e, c) => {
    if (e instanceof HttpError) return error(e);
    c.set("failure", failureCode(e));
    if (e instanceof BadGatewayError)
      return error(new HttpError(502, e.message));
    return error(new HttpError(500, "Internal server error"));
  });

  return app;
}

/** Reads the multipart body, keeping only the `image` part — in one buffer, sized once when possible. */
async function readImage(
  c: Context<Env>,
  body: ReadableStream<Uint8Array>,
  boundary: string,
  maxBytes: number,
  declaredLength: number,
): Promise<{
  bytes: Uint8Array;
  mediaType: ImageMediaType;
  fileName?: string;
}> {
  let image: GrowingBuffer | null = null;
  let fileName: string | undefined;
  const reader = body.getReader();
  try {
    await readMultipart(
      reader,
      boundary,
      (part) => {
        // Only the first `image` part; everything else (an `api_key` field included) is dropped unread.
        if (part.name !== "image" || image) return null;
        fileName = part.fileName;
        const buffer = new GrowingBuffer(
          declaredLength > 0 ? Math.min(declaredLength, maxBytes) : 64 * 1024,
        );
        image = buffer;
        return {
          write(bytes) {
            buffer.push(bytes);
            const head = buffer.bytes();
            // Refuse a non-image as soon as its first bytes are in, not after the whole upload.
            if (
              head.length <= SNIFF_BYTES + bytes.length &&
              !couldBeImage(head.subarray(0, SNIFF_BYTES))
            ) {
              throw unsupported();
            }
          },
          end() {},
        };
      },
      { maxBytes },
      (total) => c.set("bytesIn", total),
    );
  } catch (e) {
    reader.releaseLock();
    if (e instanceof PayloadTooLargeError)
      throw new HttpError(
        413,
        `Request body exceeds ${maxBytes} bytes`,
        {},
        true,
      );
    if (e instanceof HttpError) throw e;
    if (e instanceof MalformedMultipartError)
      throw new HttpError(400, e.message, {}, true);
    throw e;
  }
  const found = image as GrowingBuffer | null;
  if (!found || found.length === 0) {
    throw new HttpError(
      400,
      found
        ? "Empty image"
        : 'No image: send the photo in the multipart field "image"',
    );
  }
  const bytes = found.bytes();
  const mediaType = sniffImageType(bytes);
  if (!mediaType) throw unsupported();
  return { bytes, mediaType, ...(fileName !== undefined && { fileName }) };
}

/**
 * A short, safe description of what went wrong for the log: error names and codes only (e.g.
 * `BadGatewayError: ECONNRESET`), never messages, which may quote URLs, bodies or keys.
 */
function failureCode(e: unknown): string {
  const names: string[] = [];
  for (
    let x: unknown = e, depth = 0;
    x && typeof x === "object" && depth < 4;
    x = (x as Error).cause, depth++
  ) {
    const { name, code } = x as { name?: unknown; code?: unknown };
    names.push(
      typeof code === "string"
        ? code
        : typeof name === "string"
          ? name
          : "Error",
    );
  }
  return names.join(": ") || "Error";
}

function unsupported(): HttpError {
  return new HttpError(
    415,
    "Unsupported image type: send a JPEG, PNG or WebP",
    {},
    true,
  );
}

async function recognizeWithTimeout(
  recognizer: Recognizer,
  image: { bytes: Uint8Array; mediaType: ImageMediaType; fileName?: string },
  c: Context<Env>,
  timeoutMs: number,
) {
  const controller = new AbortController();
  const clientGone = c.req.raw.signal;
  const onClientGone = () => controller.abort(clientGone.reason);
  clientGone?.addEventListener("abort", onClientGone, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const started = performance.now();
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const e = new HttpError(
        504,
        `Recognition service did not answer within ${timeoutMs} ms`,
      );
      controller.abort(e);
      reject(e);
    }, timeoutMs);
  });
  try {
    // The race also covers a recognizer that ignores its signal.
    const answer = await Promise.race([
      recognizer.recognize({
        image: image.bytes,
        mediaType: image.mediaType,
        ...(image.fileName !== undefined && { fileName: image.fileName }),
        signal: controller.signal,
        requestId: c.get("requestId"),
      }),
      timedOut,
    ]);
    if (
      !Number.isInteger(answer.status) ||
      answer.status < 200 ||
      answer.status > 599
    ) {
      throw new BadGatewayError("Recognizer answered with an invalid status");
    }
    if (
      !answer.body ||
      typeof answer.body !== "object" ||
      Array.isArray(answer.body)
    ) {
      throw new BadGatewayError(
        "Recognizer answered JSON that is not an object",
      );
    }
    return answer;
  } catch (e) {
    if (
      controller.signal.aborted &&
      controller.signal.reason instanceof HttpError
    )
      throw controller.signal.reason;
    // Nobody is left to read an answer; 499 (nginx's "client closed request") keeps the log honest.
    if (clientGone?.aborted) throw new HttpError(499, "Client closed request");
    throw e;
  } finally {
    c.set("recognizeMs", Math.round((performance.now() - started) * 10) / 10);
    clearTimeout(timer);
    clientGone?.removeEventListener("abort", onClientGone);
  }
}

function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  const text = JSON.stringify(body);
  return new Response(text, {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": String(new TextEncoder().encode(text).length),
      ...NO_STORE,
      ...headers,
    },
  });
}

function error(e: HttpError): Response {
  return json(
    e.status,
    { detail: e.detail },
    { ...e.headers, ...(e.closeConnection && { Connection: "close" }) },
  );
}

/**
 * Collects one part's bytes, with FRAME_ROOM free around them so the upstream body can be framed
 * in place. Sized once when the length is declared; otherwise it doubles (at most one extra copy).
 */
class GrowingBuffer {
  private buf: Uint8Array;
  length = 0;

  constructor(expected: number) {
    this.buf = new Uint8Array(
      FRAME_ROOM.before + Math.max(1024, expected) + FRAME_ROOM.after,
    );
  }

  push(bytes: Uint8Array): void {
    const needed =
      FRAME_ROOM.before + this.length + bytes.length + FRAME_ROOM.after;
    if (needed > this.buf.length) {
      const next = new Uint8Array(Math.max(this.buf.length * 2, needed));
      next.set(this.bytes(), FRAME_ROOM.before);
      this.buf = next;
    }
    this.buf.set(bytes, FRAME_ROOM.before + this.length);
    this.length += bytes.length;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(
      FRAME_ROOM.before,
      FRAME_ROOM.before + this.length,
    );
  }
}
