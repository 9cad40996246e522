import { BadGatewayError } from "./http-error.js";
import { extensionFor, type ImageMediaType } from "./image-type.js";
import type {
  RecognizeRequest,
  RecognizeResponse,
  Recognizer,
} from "./recognizer.js";

export const DEFAULT_UPSTREAM_URL =
  "https://kyc.biometric.kz/api/v1/backend/mrz/retrieve/";

const ON_NODE =
  typeof process !== "undefined" && typeof process.versions?.node === "string";

/** An upstream answer larger than this is not an MRZ result; refuse to hold it in memory. */
const MAX_UPSTREAM_BODY = 1024 * 1024;

export interface UpstreamRecognizerOptions {
  readonly apiKey: string;
  readonly url?: string;
  /** Injected for other runtimes or instrumentation; the global fetch by default. */
  readonly fetch?: typeof fetch;
}

/**
 * Forwards the image to the recognition service (../shared/seed/upstream-mrz-api.txt) as multipart
 * with the organisation's `api_key`, and hands back its status and JSON body untouched.
 */
export class UpstreamRecognizer implements Recognizer {
  readonly name = "upstream";
  private readonly url: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: UpstreamRecognizerOptions) {
    if (!options.apiKey) throw new Error("UpstreamRecognizer needs an API key");
    this.url = options.url ?? DEFAULT_UPSTREAM_URL;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async recognize(request: RecognizeRequest): Promise<RecognizeResponse> {
    const { body, contentType, length } = multipartBody(
      this.options.apiKey,
      request.image,
      request.mediaType,
    );
    let response: Response;
    try {
      response = await this.fetch(this.url, {
        method: "POST",
        headers: {
          Accept: "application/json",
          "Content-Type": contentType,
          "Content-Length": String(length),
        },
        body,
        duplex: "half",
        // A redirect would replay the body, key included, to wherever the Location points.
        redirect: "manual",
        signal: request.signal,
      } as RequestInit);
    } catch (error) {
      if (request.signal.aborted) throw request.signal.reason ?? error;
      // Deliberately not the error message: it may carry the URL, and some URLs carry secrets.
      throw new BadGatewayError("Recognition service unreachable", {
        cause: error,
      });
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw new BadGatewayError("Recognition service answered with a redirect");
    }
    const text = await readCapped(response, MAX_UPSTREAM_BODY, request.signal);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new BadGatewayError(
        "Recognition service answered something that is not JSON",
      );
    }
    if (!json || typeof json !== "object" || Array.isArray(json)) {
      throw new BadGatewayError(
        "Recognition service answered JSON that is not an object",
      );
    }
    return { status: response.status, body: json as Record<string, unknown> };
  }
}

/**
 * The multipart body — head, the very image bytes, tail — as one contiguous array. When the image
 * has free room around it in its buffer (the app leaves FRAME_ROOM), head and tail are written there
 * and the image is not copied at all; otherwise it is copied once. One chunk measured cheaper in
 * CPU and memory under load than three (head, image, tail) sent one after the other.
 */
function multipartBody(apiKey: string, image: Uint8Array, mediaType: string) {
  const boundary = `----mrz-scanner-${crypto.randomUUID()}`;
  const ext = extensionFor(mediaType as ImageMediaType);
  const enc = new TextEncoder();
  const head = enc.encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="api_key"\r\n\r\n${apiKey}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="image.${ext}"\r\n` +
      `Content-Type: ${mediaType}\r\n\r\n`,
  );
  const tail = enc.encode(`\r\n--${boundary}--\r\n`);
  const length = head.length + image.length + tail.length;
  const roomAfter = image.buffer.byteLength - image.byteOffset - image.length;
  const inPlace =
    image.buffer instanceof ArrayBuffer &&
    image.byteOffset >= head.length &&
    roomAfter >= tail.length;
  const body = inPlace
    ? new Uint8Array(image.buffer, image.byteOffset - head.length, length)
    : new Uint8Array(length);
  body.set(head, 0);
  if (!inPlace) body.set(image, head.length);
  body.set(tail, head.length + image.length);
  return {
    // On Node an async iterable, not the array itself: undici copies a BufferSource body (as the
    // Fetch spec says) but streams an iterable as it is. Elsewhere the standard body type.
    body: ON_NODE
      ? ((async function* () {
          yield body;
        })() as unknown as BodyInit)
      : body,
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
  };
}

async function readCapped(
  response: Response,
  max: number,
  signal: AbortSignal,
): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > max) {
        await reader.cancel();
        throw new BadGatewayError("Recognition service answer too large");
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof BadGatewayError) throw error;
    if (signal.aborted) throw signal.reason ?? error;
    throw new BadGatewayError(
      "Recognition service connection failed mid-answer",
      { cause: error },
    );
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return new TextDecoder().decode(all);
}
