import type { MrzErrorCode } from '../events.js';

/** A failure the backend client has already classified. */
export class ApiError extends Error {
  readonly code: MrzErrorCode;
  readonly status: number | undefined;
  constructor(code: MrzErrorCode, status?: number) {
    super(code);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

/**
 * The human message of an error body: JSON `detail`, `message` or `error` (a string, or FastAPI's list of
 * `{ msg }`), else the body as plain text.
 */
export function messageOf(body: string): string {
  try {
    const json: unknown = JSON.parse(body);
    if (json && typeof json === 'object') {
      const record = json as Record<string, unknown>;
      for (const key of ['detail', 'message', 'error']) {
        const value = record[key];
        if (typeof value === 'string') return value;
        if (Array.isArray(value)) {
          return value.map((item) => (item && typeof item === 'object' ? String((item as { msg?: unknown }).msg ?? '') : String(item))).join('; ');
        }
      }
      return '';
    }
  } catch {
    // not JSON: a proxy or framework answered in plain text
  }
  return body.trim();
}

/** Upstream messages (see the upstream API's "Possible errors") that say more than their status. */
const MESSAGE_CODES: ReadonlyArray<readonly [RegExp, MrzErrorCode]> = [
  [/subscription has not started|no active or future subscription|does not have (a )?subscription/i, 'subscription-inactive'],
  [/does not have access/i, 'access-denied'],
  [/max(imum)? attempts exceeded/i, 'attempts-exceeded'],
  [/error while parsing mrz/i, 'mrz-not-found'],
];

/** Maps a non-2xx answer to an error code: the message first, then the status. */
export function codeFor(status: number, message: string): MrzErrorCode {
  for (const [pattern, code] of MESSAGE_CODES) if (pattern.test(message)) return code;
  if (status === 503) return 'service-unavailable';
  if (status === 429) return 'rate-limited';
  if (status === 413) return 'file-too-large';
  if (status === 415) return 'unsupported-file';
  return status >= 400 && status < 500 ? 'request-rejected' : 'server-error';
}
