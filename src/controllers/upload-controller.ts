import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError } from '../api/errors.js';
import { recognize } from '../api/client.js';
import { prepareImage, type PreparedImage } from '../capture/prepare-image.js';
import {
  MrzCaptureEvent,
  MrzErrorEvent,
  MrzResultEvent,
  isRetryable,
  type MrzCaptureSource,
  type MrzErrorCode,
  type MrzErrorDetail,
  type MrzResultDetail,
} from '../events.js';
import { parseMrz } from '../mrz/parse-strict.js';
import type { MrzParseResult } from '../mrz/types.js';

/** What the person sees: ready → preparing → sending → result | error → ready. */
export type ScanState = 'ready' | 'preparing' | 'sending' | 'result' | 'error';

export interface UploadSettings {
  endpoint: string;
  fieldName: string;
  headers: Record<string, string>;
  credentials: RequestCredentials;
  timeout: number;
  maxDimension: number;
  quality: number;
  maxFileSize: number;
}

export interface UploadHost extends ReactiveControllerHost, HTMLElement {
  /** The settings of this attempt, or null when the element must refuse to run (`config-error`). */
  uploadSettings(): UploadSettings | null;
  /** Localized message for an error code. */
  errorMessage(code: MrzErrorCode): string;
}

interface Failure {
  code: MrzErrorCode;
  status?: number | undefined;
}

/**
 * Runs one attempt at a time from image to event: prepare → `mrz-capture` → upload → parse →
 * `mrz-result` or `mrz-error`. A newer attempt, `cancel()` or the host leaving the page aborts the
 * running one (which then ends in `aborted`); a stale answer is ignored, so every attempt ends in exactly
 * one event (or none, when a `mrz-capture` listener took the image over).
 */
export class UploadController implements ReactiveController {
  state: ScanState = 'ready';
  /** Upload fraction 0–1 while sending; null when unknown. */
  progress: number | null = null;
  result: MrzResultDetail | null = null;
  error: MrzErrorDetail | null = null;

  #host: UploadHost;
  #attempt: AbortController | null = null;

  constructor(host: UploadHost) {
    this.#host = host;
    host.addController(this);
  }

  get busy(): boolean {
    return this.#attempt !== null;
  }

  hostDisconnected(): void {
    // Deferred so that moving the element within the page does not abort its upload.
    setTimeout(() => {
      if (!this.#host.isConnected) this.cancel();
    });
  }

  /** Prepares a picked, dropped or pasted image, then uploads it. */
  scan(file: Blob, source: MrzCaptureSource): Promise<void> {
    return this.#run(source, (settings, signal) => prepareImage(file, { ...settings, signal }));
  }

  /** Uploads an image someone else already prepared (the camera). */
  submit(image: PreparedImage, source: MrzCaptureSource): Promise<void> {
    return this.#run(source, () => image);
  }

  /** Ends the running attempt with `aborted`; a no-op when idle. */
  cancel(): void {
    if (this.#attempt) this.fail('aborted');
  }

  /** Reports a failure that happened outside an upload (e.g. the camera); stops any running attempt first. */
  fail(code: MrzErrorCode): void {
    this.#fail(this.#attempt, { code });
  }

  /** Back to ready, forgetting the last result or error. */
  clear(): void {
    this.cancel();
    this.#set('ready');
  }

  async #run(
    source: MrzCaptureSource,
    prepare: (settings: UploadSettings, signal: AbortSignal) => PreparedImage | Promise<PreparedImage>,
  ): Promise<void> {
    this.cancel();
    const settings = this.#host.uploadSettings();
    if (!settings) return this.fail('config-error');
    const attempt = (this.#attempt = new AbortController());
    const { signal } = attempt;
    this.#set('preparing');
    let prepared: PreparedImage;
    try {
      prepared = await prepare(settings, signal);
    } catch (error) {
      return this.#fail(attempt, error instanceof ApiError ? error : { code: 'image-decode-failed' });
    }
    // The attempt started when preparing did (the camera prepared its frame before calling submit).
    const started = performance.now() - prepared.timings.prepare;
    if (attempt !== this.#attempt) return;
    if (!this.#host.dispatchEvent(new MrzCaptureEvent({ image: prepared.blob, source }))) {
      // The page took the image over: the attempt ends quietly.
      this.#attempt = null;
      return this.#set('ready');
    }
    if (attempt !== this.#attempt) return; // a listener reset or started another attempt
    this.#set('sending');
    const sent = performance.now();
    let answer;
    try {
      answer = await recognize(prepared.blob, {
        ...settings,
        signal,
        onProgress: (fraction) => {
          if (attempt !== this.#attempt) return;
          this.progress = fraction;
          this.#host.requestUpdate();
        },
      });
    } catch (error) {
      return this.#fail(attempt, error instanceof ApiError ? error : { code: 'network-error' });
    }
    const upload = performance.now() - sent;
    const parsed = parseMrz(answer.mrz);
    const { format, valid } = parsed;
    if (!valid || !format) return this.#fail(attempt, { code: 'invalid-mrz', status: answer.status }, parsed);
    if (attempt !== this.#attempt) return;
    this.#attempt = null;
    const timings = { prepare: prepared.timings.prepare, upload, total: performance.now() - started };
    this.result = { ...parsed, format, valid, sessionId: answer.sessionId, timings };
    this.#set('result');
    this.#host.dispatchEvent(new MrzResultEvent(this.result));
  }

  /**
   * Ends `attempt` with one `mrz-error`, unless it is stale (already cancelled or superseded: it has had its
   * event). `null` is the idle state, for failures outside an upload.
   */
  #fail(attempt: AbortController | null, { code, status }: Failure, result?: MrzParseResult): void {
    if (attempt !== this.#attempt) return;
    attempt?.abort();
    this.#attempt = null;
    const detail: MrzErrorDetail = { code, message: this.#host.errorMessage(code), retryable: isRetryable(code) };
    if (status !== undefined) detail.status = status;
    if (result) detail.result = result;
    this.error = detail;
    // A cancelled attempt goes back to ready: the person chose to stop, there is nothing to explain.
    this.#set(code === 'aborted' ? 'ready' : 'error');
    this.#host.dispatchEvent(new MrzErrorEvent(detail));
  }

  #set(state: ScanState): void {
    this.state = state;
    this.progress = null;
    if (state !== 'result') this.result = null;
    if (state !== 'error') this.error = null;
    this.#host.requestUpdate();
  }
}
