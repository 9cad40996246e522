/**
 * What turns an uploaded image into an MRZ answer. The upstream service is one implementation,
 * the embedded reader another; the app does not care which answers.
 *
 * A recognizer answers in the upstream's contract (../shared/seed/upstream-mrz-api.txt): status and
 * JSON body exactly as the element understands them, e.g.
 *   200 { backend_session_id, status, result, mrz_string, failure_reason }
 *   422 { detail: "Error while parsing MRZ" }
 */
export interface RecognizeRequest {
  /**
   * The image bytes exactly as uploaded (already checked: JPEG, PNG or WebP by magic bytes).
   * The app leaves free room in the underlying buffer around this view (see `FRAME_ROOM`), so that
   * a recognizer that wraps the image (e.g. in a multipart body) can write its framing there instead
   * of copying the image; the bytes of the view itself must not be changed.
   */
  readonly image: Uint8Array;
  /** Detected type of `image`: 'image/jpeg' | 'image/png' | 'image/webp'. */
  readonly mediaType: string;
  /** The original file name the client gave, if any (never trusted for the type). */
  readonly fileName?: string;
  /** Aborted when the client goes away or the time budget runs out. */
  readonly signal: AbortSignal;
  /** Request id, for logs. */
  readonly requestId: string;
}

export interface RecognizeResponse {
  readonly status: number;
  /** A JSON-serialisable object. */
  readonly body: Record<string, unknown>;
}

export interface Recognizer {
  /** Short name for logs and /healthz, e.g. 'upstream' or 'local'. */
  readonly name: string;
  recognize(request: RecognizeRequest): Promise<RecognizeResponse>;
}

/** Free bytes the app keeps before and after `RecognizeRequest.image` in its buffer. */
export const FRAME_ROOM = { before: 1024, after: 256 } as const;
