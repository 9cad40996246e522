import { ApiError, codeFor } from './errors.js';
import { parseRecognition } from './schema.js';

export interface RecognizeOptions {
  endpoint: string;
  /** Multipart field that carries the image. */
  fieldName: string;
  headers: Record<string, string>;
  credentials: RequestCredentials;
  /** ms from the first send to the last byte of the answer, retries included. */
  timeout: number;
  /** The attempt's signal, not yet aborted (the controller starts a request only for its running attempt). */
  signal: AbortSignal;
  /** Upload fraction 0–1, or null when the transport cannot tell (the fetch path never calls it). */
  onProgress?: (fraction: number | null) => void;
}

export interface Recognized {
  mrz: string;
  sessionId: string | null;
  status: number;
}

interface Answer {
  status: number;
  body: string;
}

/**
 * 503 and network failures are retried this many times, after 400 ms, then 800 ms; 4xx never (it would burn
 * limited attempts).
 */
export const RETRIES = 2;

/**
 * Sends the image to the backend and returns the MRZ text it found. Every failure is thrown as an
 * `ApiError` carrying the element's error code.
 */
export async function recognize(image: Blob, options: RecognizeOptions): Promise<Recognized> {
  const controller = new AbortController();
  const { signal } = controller;
  // Left in place afterwards: aborting a finished request does nothing, and the attempt's signal goes with it.
  options.signal.addEventListener('abort', () => controller.abort(new ApiError('aborted')));
  const timer = setTimeout(() => controller.abort(new ApiError('timeout')), options.timeout);
  try {
    for (let attempt = 0; ; attempt++) {
      const form = new FormData();
      form.append(options.fieldName, image, 'document.jpg');
      let answer: Answer | undefined;
      try {
        answer = await (options.credentials === 'omit' ? viaFetch : viaXhr)(form, options, signal);
      } catch {
        signal.throwIfAborted(); // with its reason: aborted or timeout
        if (attempt === RETRIES) throw new ApiError('network-error');
      }
      if (answer && (answer.status !== 503 || attempt === RETRIES)) return interpret(answer);
      // The back-off: an abort ends it at once (the timer left running then settles nothing).
      await new Promise((resolve, reject) => {
        setTimeout(resolve, 400 * 2 ** attempt);
        signal.addEventListener('abort', () => reject(signal.reason));
      });
    }
  } finally {
    clearTimeout(timer);
  }
}

function interpret({ status, body }: Answer): Recognized {
  if (status < 200 || status > 299) throw new ApiError(codeFor(status, body), status);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    // not JSON: a bad response, like JSON of the wrong shape
  }
  const parsed = parseRecognition(json);
  if (parsed && !parsed.result) throw new ApiError('mrz-not-found', status);
  if (!parsed?.mrz_string) throw new ApiError('bad-response', status);
  return { mrz: parsed.mrz_string, sessionId: parsed.backend_session_id ?? parsed.backend_session ?? null, status };
}

/** XMLHttpRequest, because fetch cannot report upload progress. */
function viaXhr(form: FormData, options: RecognizeOptions, signal: AbortSignal): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', options.endpoint);
    // XHR only knows "send cookies cross-origin or not"; same-origin requests always carry them.
    xhr.withCredentials = options.credentials === 'include';
    for (const [name, value] of Object.entries(headersOf(options))) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => options.onProgress?.(event.lengthComputable ? event.loaded / event.total : null);
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText });
    xhr.onerror = reject;
    signal.addEventListener('abort', () => {
      xhr.abort();
      reject(signal.reason);
    });
    xhr.send(form);
  });
}

/** fetch, for `credentials="omit"` which XHR cannot express; progress then stays indeterminate. */
async function viaFetch(form: FormData, options: RecognizeOptions, signal: AbortSignal): Promise<Answer> {
  const response = await fetch(options.endpoint, {
    method: 'POST',
    body: form,
    headers: headersOf(options),
    credentials: 'omit',
    signal,
  });
  return { status: response.status, body: await response.text() };
}

function headersOf(options: RecognizeOptions): Record<string, string> {
  return { Accept: 'application/json', ...options.headers };
}
