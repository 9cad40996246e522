import type { MrzErrorCode } from '../events.js';

/**
 * A failure already classified with the element's error code: thrown by the backend client and, as
 * `PrepareError`, by image preparation, so the upload controller reads one shape.
 */
export class ApiError<C extends MrzErrorCode = MrzErrorCode> extends Error {
  readonly code: C;
  /** HTTP status, when the backend answered. */
  readonly status: number | undefined;
  constructor(code: C, status?: number) {
    super(code);
    this.code = code;
    this.status = status;
  }
}

/**
 * Upstream messages (see the upstream API's "Possible errors") that say more than their status. Matched
 * against the whole body: whether it is JSON `detail`/`message`/`error`, FastAPI's list of `{ msg }` or plain
 * text, the message's words are in it as they are.
 */
const MESSAGE_CODES: ReadonlyArray<readonly [RegExp, MrzErrorCode]> = [
  [/subscription has not started|no active or future subscription|does not have (a )?subscription/i, 'subscription-inactive'],
  [/does not have access/i, 'access-denied'],
  [/max(imum)? attempts exceeded/i, 'attempts-exceeded'],
  [/error while parsing mrz/i, 'mrz-not-found'],
];

/** Maps a non-2xx answer to an error code: the message in its body first, then the status. */
export function codeFor(status: number, body: string): MrzErrorCode {
  for (const [pattern, code] of MESSAGE_CODES) if (pattern.test(body)) return code;
  if (status === 503) return 'service-unavailable';
  if (status === 429) return 'rate-limited';
  if (status === 413) return 'file-too-large';
  if (status === 415) return 'unsupported-file';
  return status >= 400 && status < 500 ? 'request-rejected' : 'server-error';
}
