import type { MrzChecks, MrzFieldDetail, MrzFields, MrzFormat, MrzParseResult } from './mrz/types.js';

/** Where an image came from. */
export type MrzCaptureSource = 'file' | 'camera' | 'paste' | 'drop';

/** Every way an attempt can fail; stable strings an integrator may switch on. */
export type MrzErrorCode =
  // input
  | 'unsupported-file'
  | 'image-decode-failed'
  | 'file-too-large'
  // network
  | 'network-error'
  | 'timeout'
  | 'aborted'
  // upstream
  | 'subscription-inactive'
  | 'access-denied'
  | 'attempts-exceeded'
  | 'mrz-not-found'
  | 'service-unavailable'
  | 'rate-limited'
  | 'request-rejected'
  | 'server-error'
  | 'bad-response'
  // content
  | 'invalid-mrz'
  // setup
  | 'config-error'
  // camera
  | 'camera-permission-denied'
  | 'camera-unavailable'
  | 'insecure-context'
  | 'camera-not-started';

/** Codes where trying again (same or another photo, a moment later) can help. */
const RETRYABLE: ReadonlySet<MrzErrorCode> = new Set<MrzErrorCode>([
  'mrz-not-found',
  'invalid-mrz',
  'service-unavailable',
  'rate-limited',
  'server-error',
  'timeout',
  'network-error',
  'image-decode-failed',
]);

export function isRetryable(code: MrzErrorCode): boolean {
  return RETRYABLE.has(code);
}

export interface MrzCaptureDetail {
  /** The prepared image about to be uploaded (JPEG, upright, no EXIF). */
  image: Blob;
  source: MrzCaptureSource;
}

export interface MrzTimings {
  /** Decoding, orienting, downscaling and encoding the image, in ms. */
  prepare: number;
  /** From sending the request to reading the whole answer (retries included), in ms. */
  upload: number;
  /** From the start of the attempt to the event, in ms. */
  total: number;
}

export interface MrzResultDetail {
  format: MrzFormat;
  valid: true;
  fields: MrzFields;
  checks: MrzChecks;
  details: MrzFieldDetail[];
  lines: string[];
  /** The backend's `backend_session_id` (or `backend_session`); null when it sent none. */
  sessionId: string | null;
  timings: MrzTimings;
}

export interface MrzErrorDetail {
  code: MrzErrorCode;
  /** Plain-language, localized message for the person in front of the screen. */
  message: string;
  retryable: boolean;
  /** HTTP status, when the backend answered. */
  status?: number;
  /** `invalid-mrz` only: the parsed attempt, so the page can still inspect it. */
  result?: MrzParseResult;
}

/**
 * What the three events share: `bubbles` and `composed` (they leave the shadow root), a typed `detail`, and
 * the name each subclass declares as its static `eventName`. Only `mrz-capture` can be cancelled.
 */
export class MrzEvent<T> extends Event {
  readonly detail: T;
  constructor(detail: T) {
    const type = (new.target as unknown as { eventName: string }).eventName;
    super(type, { bubbles: true, composed: true, cancelable: new.target === MrzCaptureEvent });
    this.detail = detail;
  }
}

/**
 * Fired before the upload; `preventDefault()` stops it so the page can take over the image.
 */
export class MrzCaptureEvent extends MrzEvent<MrzCaptureDetail> {
  static readonly eventName = 'mrz-capture';
}

/** Fired once per successful attempt, with check-digit-verified fields. */
export class MrzResultEvent extends MrzEvent<MrzResultDetail> {
  static readonly eventName = 'mrz-result';
}

/** Fired once per failed attempt, never together with `mrz-result`. */
export class MrzErrorEvent extends MrzEvent<MrzErrorDetail> {
  static readonly eventName = 'mrz-error';
}

declare global {
  interface GlobalEventHandlersEventMap {
    [MrzCaptureEvent.eventName]: MrzCaptureEvent;
    [MrzResultEvent.eventName]: MrzResultEvent;
    [MrzErrorEvent.eventName]: MrzErrorEvent;
  }
}
