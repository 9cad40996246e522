/**
 * A streaming multipart/form-data reader (RFC 7578 over RFC 2046). Unlike `Request.formData()` it
 * never holds the whole body: parts the caller does not want are skipped as they pass, and the byte
 * count is checked on every chunk, so an oversized upload is refused while it is still arriving.
 * Web streams only (no Node APIs), so it runs wherever the app runs.
 */

export class PayloadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body exceeds ${limit} bytes`);
    this.name = "PayloadTooLargeError";
  }
}

export class MalformedMultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MalformedMultipartError";
  }
}

export interface PartInfo {
  readonly name: string;
  readonly fileName?: string;
  /** What the client claims; informative only. */
  readonly contentType?: string;
}

/** Receives one part's bytes. Throwing from `write` stops the read (e.g. a wrong magic number). */
export interface PartSink {
  write(bytes: Uint8Array): void;
  end(): void;
}

export interface MultipartLimits {
  /** Whole request body, headers of the parts included. */
  readonly maxBytes: number;
  readonly maxParts?: number;
  readonly maxHeaderBytes?: number;
}

const CRLF = new Uint8Array([13, 10]);
const CRLFCRLF = new Uint8Array([13, 10, 13, 10]);
const DASH = 45;

/** The boundary of a `multipart/form-data` content type, or null for anything else. */
export function boundaryOf(
  contentType: string | null | undefined,
): string | null {
  if (!contentType) return null;
  const [type, ...params] = splitParams(contentType);
  if (type?.toLowerCase() !== "multipart/form-data") return null;
  const boundary = params.find(([k]) => k === "boundary")?.[1];
  // RFC 2046 §5.1.1: 1–70 characters.
  return boundary && boundary.length <= 70 ? boundary : null;
}

/**
 * Reads the body from `reader` to its end, handing each part to `onPart` (return null to skip it).
 * Returns the number of body bytes read.
 */
export async function readMultipart(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  boundary: string,
  onPart: (part: PartInfo) => PartSink | null,
  limits: MultipartLimits,
  onBytes?: (total: number) => void,
): Promise<number> {
  const delimiter = new TextEncoder().encode(`\r\n--${boundary}`);
  const maxParts = limits.maxParts ?? 32;
  const maxHeaderBytes = limits.maxHeaderBytes ?? 8 * 1024;
  type State = "preamble" | "afterDelimiter" | "headers" | "body" | "epilogue";
  let state: State = "preamble";
  // The body's first delimiter has no CRLF before it; pretend it had one.
  let pending: Uint8Array = CRLF;
  let total = 0;
  let parts = 0;
  let sink: PartSink | null = null;

  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    onBytes?.(total);
    if (total > limits.maxBytes)
      throw new PayloadTooLargeError(limits.maxBytes);
    if (state === "epilogue") continue;
    pending = pending.length === 0 ? value : concat(pending, value);

    for (let progressed = true; progressed;) {
      progressed = false;
      if (state === "preamble" || state === "body") {
        const at = indexOf(pending, delimiter);
        if (at < 0) {
          // Keep only a tail that could be the start of a delimiter split across chunks (usually
          // none, so the next chunk is taken as it is instead of being copied behind the tail).
          const keep = partialDelimiterAtEnd(pending, delimiter);
          if (state === "body" && pending.length > keep)
            sink?.write(pending.subarray(0, pending.length - keep));
          pending = pending.slice(pending.length - keep);
          break;
        }
        if (state === "body") {
          if (at > 0) sink?.write(pending.subarray(0, at));
          sink?.end();
          sink = null;
        }
        pending = pending.subarray(at + delimiter.length);
        state = "afterDelimiter";
        progressed = true;
      } else if (state === "afterDelimiter") {
        if (pending.length < 2) break;
        if (pending[0] === DASH && pending[1] === DASH) {
          state = "epilogue";
          pending = new Uint8Array(0);
          break;
        }
        const eol = indexOf(pending, CRLF);
        if (eol < 0) {
          if (pending.length > 256)
            throw new MalformedMultipartError("Malformed multipart body");
          break;
        }
        // Transport padding (RFC 2046 §5.1.1) may sit between the boundary and its CRLF.
        for (let i = 0; i < eol; i++) {
          if (pending[i] !== 32 && pending[i] !== 9)
            throw new MalformedMultipartError("Malformed multipart body");
        }
        pending = pending.subarray(eol + 2);
        state = "headers";
        progressed = true;
      } else if (state === "headers") {
        let headerEnd: number;
        let bodyStart: number;
        if (pending.length >= 2 && pending[0] === 13 && pending[1] === 10) {
          headerEnd = 0;
          bodyStart = 2;
        } else {
          headerEnd = indexOf(pending, CRLFCRLF);
          bodyStart = headerEnd + 4;
        }
        if (headerEnd < 0) {
          if (pending.length > maxHeaderBytes)
            throw new MalformedMultipartError(
              "Multipart part headers too large",
            );
          break;
        }
        if (headerEnd > maxHeaderBytes)
          throw new MalformedMultipartError("Multipart part headers too large");
        if (++parts > maxParts)
          throw new MalformedMultipartError("Too many multipart parts");
        const info = parsePartHeaders(
          new TextDecoder().decode(pending.subarray(0, headerEnd)),
        );
        sink = onPart(info);
        pending = pending.subarray(bodyStart);
        state = "body";
        progressed = true;
      }
    }
  }
  if (state !== "epilogue")
    throw new MalformedMultipartError(
      "Malformed multipart body: it ended early",
    );
  return total;
}

function parsePartHeaders(text: string): PartInfo {
  let name: string | undefined;
  let fileName: string | undefined;
  let contentType: string | undefined;
  for (const line of text.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const header = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (header === "content-disposition") {
      const [kind, ...params] = splitParams(value);
      if (kind?.toLowerCase() !== "form-data") continue;
      name = params.find(([k]) => k === "name")?.[1];
      fileName = params.find(([k]) => k === "filename")?.[1];
    } else if (header === "content-type") {
      contentType = value;
    }
  }
  if (name === undefined)
    throw new MalformedMultipartError(
      "Multipart part without a form-data name",
    );
  return {
    name,
    ...(fileName !== undefined && { fileName }),
    ...(contentType !== undefined && { contentType }),
  };
}

/** `type; a=1; b="x;y"` → ['type', ['a','1'], ['b','x;y']] with quoted strings unescaped. */
function splitParams(
  value: string,
): [string | undefined, ...[string, string][]] {
  const out: [string, string][] = [];
  let i = value.indexOf(";");
  const head = (i < 0 ? value : value.slice(0, i)).trim();
  while (i >= 0 && i < value.length) {
    i++;
    const eq = value.indexOf("=", i);
    if (eq < 0) break;
    const key = value.slice(i, eq).trim().toLowerCase();
    let j = eq + 1;
    while (value[j] === " ") j++;
    let v = "";
    if (value[j] === '"') {
      for (j++; j < value.length && value[j] !== '"'; j++) {
        if (value[j] === "\\" && j + 1 < value.length) j++;
        v += value[j];
      }
      i = value.indexOf(";", j);
    } else {
      const end = value.indexOf(";", j);
      v = (end < 0 ? value.slice(j) : value.slice(j, end)).trim();
      i = end;
    }
    out.push([key, v]);
  }
  return [head, ...out];
}

/** Length of the longest end of `hay` that is a proper beginning of `needle`. */
function partialDelimiterAtEnd(hay: Uint8Array, needle: Uint8Array): number {
  for (
    let i = Math.max(0, hay.length - needle.length + 1);
    i < hay.length;
    i++
  ) {
    if (hay[i] !== needle[0]) continue;
    let j = 1;
    while (i + j < hay.length && hay[i + j] === needle[j]) j++;
    if (i + j === hay.length) return j;
  }
  return 0;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Node's (and Bun's) native substring search, which works on any Uint8Array; absent elsewhere. */
const nativeIndexOf = (
  globalThis as {
    Buffer?: {
      prototype: {
        indexOf(this: Uint8Array, value: Uint8Array, from?: number): number;
      };
    };
  }
).Buffer?.prototype.indexOf;

/** First index of `needle` in `hay`. */
export function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  if (nativeIndexOf) return nativeIndexOf.call(hay, needle, from);
  return indexOfPortable(hay, needle, from);
}

/** The same without Buffer: jumps with the native indexOf on the needle's first byte. */
export function indexOfPortable(
  hay: Uint8Array,
  needle: Uint8Array,
  from = 0,
): number {
  const first = needle[0];
  const last = hay.length - needle.length;
  for (
    let i = hay.indexOf(first as number, from);
    i >= 0 && i <= last;
    i = hay.indexOf(first as number, i + 1)
  ) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}
