/**
 * The embedded recognizer: reads the MRZ itself, with no key and no network, and answers in the
 * upstream service's contract so the element needs nothing special.
 *
 *   200 { backend_session_id, status: 'SUCCESS', result: true, mrz_string, failure_reason: null, confidence, corrections: [] }
 *       only when every check digit holds exactly as read;
 *   200 { status: 'FAILED', result: false, failure_reason: 'corrected read, needs review', corrections: [...] }
 *       when check digits were used to repair the read: shown for review, never passed off as clean;
 *   422 { detail: 'Error while parsing MRZ' } when no MRZ is found (or the time budget runs out);
 *   413 / 415 { detail } for an image too large to decode safely, or a format it cannot decode.
 */
import type { RecognizeRequest, RecognizeResponse, Recognizer } from '../recognizer.js';
import { decodeUpload } from './decode.js';
import { budget, ImageError, ReadAborted } from './errors.js';
import { readMrz } from './read-mrz.js';
import { templates } from './templates.js';
import { selfCheck } from './warmup.js';

export interface LocalRecognizerOptions {
  /** Per-image time budget in ms (decode + read). Default 8000. */
  readonly timeoutMs?: number;
  /** Largest accepted image in pixels, checked from the header before decoding. Default 40 MP. */
  readonly maxPixels?: number;
}

export const NOT_FOUND = { detail: 'Error while parsing MRZ' } as const;

function sessionId(): string {
  return globalThis.crypto.randomUUID();
}

export interface LocalRecognizer extends Recognizer {
  /**
   * Resolves once the reader has read back an MRZ rendered from its own templates, right after
   * startup: true when it came back exact. It also warms the JIT for the first real request.
   */
  readonly selfCheck: Promise<boolean>;
}

export function createLocalRecognizer(options: LocalRecognizerOptions = {}): LocalRecognizer {
  const timeoutMs = options.timeoutMs ?? 8000;
  // Derive the glyph templates now, at startup, not inside the first request's time budget.
  templates();
  const checked = new Promise<boolean>((resolve) => {
    setTimeout(() => {
      try { resolve(selfCheck()); } catch { resolve(false); }
    }, 0);
  });
  return {
    name: 'local',
    selfCheck: checked,
    async recognize(request: RecognizeRequest): Promise<RecognizeResponse> {
      const deadline = Date.now() + timeoutMs;
      const b = budget(deadline, request.signal);
      try {
        b.check();
        const gray = await decodeUpload(request.image, { ...(options.maxPixels ? { maxPixels: options.maxPixels } : {}) });
        // Let the server's other I/O run between the two long synchronous steps.
        await new Promise((resolve) => setTimeout(resolve, 0));
        b.check();
        const { read } = readMrz(gray, { budget: b });
        if (!read || read.verdict === 'failed') return { status: 422, body: { ...NOT_FOUND } };
        const clean = read.verdict === 'clean';
        return {
          status: 200,
          body: {
            backend_session_id: sessionId(),
            status: clean ? 'SUCCESS' : 'FAILED',
            result: clean,
            mrz_string: read.lines.join('\n'),
            failure_reason: clean ? null : 'corrected read, needs review',
            confidence: Math.round(read.confidence * 1000) / 1000,
            corrections: read.corrections.map((c) => ({ ...c })),
          },
        };
      } catch (e) {
        if (e instanceof ImageError) return { status: e.status, body: e.status === 422 ? { ...NOT_FOUND } : { detail: e.message } };
        if (e instanceof ReadAborted) return { status: 422, body: { ...NOT_FOUND } };
        // Anything else is a reader bug on a strange image: still a clean "not found", never a crash.
        return { status: 422, body: { ...NOT_FOUND } };
      }
    },
  };
}

export { readMrz } from './read-mrz.js';
export { decodeImage, decodeUpload } from './decode.js';
export type { MrzRead, Correction } from './decode-mrz.js';
