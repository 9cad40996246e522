import { LitElement, html, nothing } from 'lit';
import type { PrepareOptions, PreparedImage } from './capture/prepare-image.js';
import { renderCameraView } from './camera-view.js';
import { CameraController } from './controllers/camera-controller.js';
import { UploadController, type ScanState, type UploadSettings } from './controllers/upload-controller.js';
import type { MrzCaptureSource, MrzErrorCode, MrzResultDetail } from './events.js';
import { inheritedLang, messagesFor, resolveLocale, type Messages } from './i18n/index.js';
import { styles } from './mrz-scanner.styles.js';

const RESULT_FIELDS = ['name', 'documentNumber', 'birthDate', 'expirationDate', 'nationality', 'personalNumber'] as const;

/**
 * Reads the Machine Readable Zone of an identity document: the person uploads, drops or pastes a photo
 * (or uses the camera), the element prepares it (upright, downscaled JPEG without EXIF), sends it to your
 * backend and reports the check-digit-verified fields as an event.
 *
 * @summary Photo in, verified MRZ fields out, as DOM events.
 *
 * @fires {MrzCaptureEvent} mrz-capture - Cancelable, before the upload; `detail: { image, source }`. `preventDefault()` stops the upload.
 * @fires {MrzResultEvent} mrz-result - The MRZ was read and verified; `detail: { format, valid, fields, checks, details, lines, sessionId, timings }`.
 * @fires {MrzErrorEvent} mrz-error - One per failed attempt; `detail: { code, message, retryable, status?, result? }`.
 *
 * @slot title - Heading text. Defaults to a localized "Scan an ID document".
 * @slot help - Instructions under the heading. Defaults to a localized hint.
 *
 * @csspart base - The outer box, also the drop zone.
 * @csspart title - The heading.
 * @csspart help - The instructions.
 * @csspart actions - The row of buttons.
 * @csspart button - Every button.
 * @csspart status - The live region announcing the state (and the error message).
 * @csspart progress - The upload progress bar.
 * @csspart result - The list of recognized fields.
 * @csspart video - The live camera preview.
 * @csspart frame - The ID-1 card guide drawn over the preview (SVG), with the MRZ area.
 * @csspart hint - The line under the guide: where to put the card, or what to fix (too dark, glare, blur).
 *
 * @cssprop [--mrz-accent-color=#0b57d0] - Buttons, focus ring, progress, drop highlight.
 * @cssprop [--mrz-background=#fff] - Background (and text on accent-coloured buttons).
 * @cssprop [--mrz-text-color=#1f1f1f] - Text colour.
 * @cssprop [--mrz-font-family=system-ui] - Font.
 * @cssprop [--mrz-radius=12px] - Corner radius of the box and buttons.
 * @cssprop [--mrz-spacing=16px] - Base spacing unit.
 */
export class MrzScannerElement extends LitElement {
  static override styles = styles;
  // A static properties table instead of decorators: the decorator helpers cost ~650 B gzip in the bundle.
  static override properties = {
    endpoint: {},
    timeout: { type: Number },
    lang: {},
    maxDimension: { type: Number, attribute: 'max-dimension' },
    quality: { type: Number },
    fieldName: { attribute: 'field-name' },
    credentials: {},
    headers: { attribute: false },
    maxFileSize: { type: Number, attribute: 'max-file-size' },
    autoCapture: { type: Boolean, attribute: 'auto-capture' },
    strings: { attribute: false },
  };
  // Clicking anywhere in the box focuses its first button, so Ctrl/Cmd+V pastes right away.
  static override shadowRootOptions: ShadowRootInit = { mode: 'open', delegatesFocus: true };

  #upload = new UploadController(this);
  // Any lang attribute in the document may change ours (inherited): a page-wide language switch re-renders.
  #langObserver = new MutationObserver(() => this.requestUpdate());
  #camera = new CameraController(this, {
    video: () => this.renderRoot.querySelector('video'),
    onCapture: (image) => this.submitCapture(image),
    onError: (code) => this.fail(code),
    onFallback: () => this.#openChooser(true),
    // The upload's checked settings (a typo in a numeric attribute falls back to its default, as for a file).
    prepareOptions: (): PrepareOptions => this.uploadSettings() ?? this,
    autoCapture: () => this.autoCapture,
  });

  get #input(): HTMLInputElement {
    return this.renderRoot.querySelector('input')!;
  }

  /** A file is being dragged over the box (drop highlight). */
  #dragging?: boolean;

  /** URL the image is POSTed to (multipart). Required: your backend, which holds the API key. */
  endpoint = '';

  /** ms from sending the image to reading the whole answer, retries included. */
  timeout = 30000;

  /** UI language: `en`, `ru`, `ky` or `kk` (`ru-RU` means `ru`); else the nearest ancestor's `lang`, else English. */
  override lang = '';

  /** Long side of the uploaded image, in pixels. */
  maxDimension = 1600;

  /** JPEG quality of the uploaded image, 0–1. */
  quality = 0.85;

  /** Name of the multipart field that carries the image. */
  fieldName = 'image';

  /** fetch credentials mode of the upload: `same-origin`, `include` or `omit`. */
  credentials: RequestCredentials = 'same-origin';

  /** Extra request headers, e.g. a per-session token from your backend. Property only. */
  headers: Record<string, string> = {};

  /** Larger files are refused (`file-too-large`) before they are read, in bytes. */
  maxFileSize = 25 * 1024 * 1024;

  /** Takes the photo by itself once the card in the camera preview is steady and sharp. */
  autoCapture = false;

  /** Overrides of any UI string or error message, keyed like the English messages. Property only. */
  strings: Partial<Messages> = {};

  #hadFocus?: Element | null;

  /** Where the element is: `ready`, `preparing`, `sending`, `result` or `error`. */
  get state(): ScanState {
    return this.#upload.state;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // An attributeFilter implies attributes: true.
    this.#langObserver.observe(document.documentElement, { subtree: true, attributeFilter: ['lang'] });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#langObserver.disconnect();
  }

  /** Our own `lang`, else the nearest ancestor's, else English. */
  get #locale() {
    return resolveLocale(this.lang || inheritedLang(this));
  }

  get #messages() {
    return messagesFor(this.#locale, this.strings);
  }

  override willUpdate(): void {
    this.#hadFocus = this.shadowRoot?.activeElement;
  }

  // No super.updated(): ReactiveElement's is empty and LitElement does not override it.
  override updated(): void {
    this.setAttribute('state', this.#upload.state);
    this.toggleAttribute('busy', this.#upload.busy);
    // The focused button may have been replaced by the next state's: keep keyboard users in place.
    if (this.#hadFocus && !this.shadowRoot!.activeElement) this.renderRoot.querySelector('button')?.focus();
  }

  #onFileChosen(): void {
    const file = this.#input.files?.[0];
    this.#input.value = '';
    if (file) void this.#upload.scan(file, 'file');
  }

  #onDragOver(event: DragEvent): void {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.#drag(true);
  }

  #drag(on: boolean): void {
    this.#dragging = on;
    this.requestUpdate();
  }

  #onDragLeave(event: DragEvent): void {
    if (!(event.currentTarget as Element).contains(event.relatedTarget as Node | null)) this.#drag(false);
  }

  /** A dropped or pasted image: the event's type (`drop`, `paste`) is the capture source. */
  #onDrop(event: Event & { dataTransfer?: DataTransfer | null; clipboardData?: DataTransfer | null }): void {
    this.#drag(false);
    const file = (event.dataTransfer ?? event.clipboardData)?.files[0];
    if (!file) return;
    event.preventDefault();
    void this.#upload.scan(file, event.type as MrzCaptureSource);
  }

  #openChooser(capture: boolean): void {
    if (capture) this.#input.setAttribute('capture', 'environment');
    else this.#input.removeAttribute('capture');
    this.#input.click();
  }

  /** Scans an image exactly as choosing it in the file chooser does. Never rejects: failures are `mrz-error` events. */
  scanFile(file: Blob): Promise<void> {
    return this.#upload.scan(file, 'file');
  }

  /**
   * Opens the rear camera with a live preview and the card guide. Where the browser has no camera API
   * (in-app browsers), opens the file chooser asking for the camera instead. Never rejects.
   */
  async startCamera(): Promise<void> {
    if (!this.uploadSettings()) return this.fail('config-error');
    if (this.#upload.busy) return;
    this.#upload.clear();
    await this.#camera.start();
  }

  /** Takes the photo from the running camera (cropped to the guide) and scans it; `camera-not-started` otherwise. */
  capture(): Promise<void> {
    return this.#camera.capture();
  }

  /** Turns the camera off and goes back to the buttons. */
  stopCamera(): void {
    this.#camera.stop();
  }

  /** Stops any running attempt (it ends in `mrz-error` with code `aborted`), turns the camera off, goes back to ready. */
  reset(): void {
    this.#camera.stop();
    this.#upload.clear();
  }

  /** Uploads an already prepared image (the camera's path); fires `mrz-capture` first, like a file. */
  submitCapture(image: PreparedImage, source: MrzCaptureSource = 'camera'): Promise<void> {
    return this.#upload.submit(image, source);
  }

  /**
   * Reports a failure outside the upload (camera) through the one `mrz-error` path.
   * @internal
   */
  fail(code: MrzErrorCode): void {
    this.#upload.fail(code);
  }

  /** @internal */
  uploadSettings(): UploadSettings | null {
    // A key in the page would be readable by anyone: refuse to run rather than ever send it.
    if (!this.endpoint || this.hasAttribute('api-key') || (this as { apiKey?: unknown }).apiKey != null) return null;
    const { endpoint, fieldName, headers, credentials } = this;
    // A typo in a numeric attribute (NaN, 0, negative, Infinity) falls back to the default instead of breaking every scan.
    const positive = (value: number, fallback: number) => (value > 0 && value < Infinity ? value : fallback);
    return {
      endpoint,
      fieldName: fieldName || 'image',
      headers,
      credentials,
      timeout: positive(this.timeout, 30000),
      maxDimension: positive(this.maxDimension, 1600),
      quality: Math.min(positive(this.quality, 0.85), 1),
      maxFileSize: positive(this.maxFileSize, 25 * 1024 * 1024),
    };
  }

  /** @internal */
  errorMessage(code: MrzErrorCode): string {
    return this.#messages[code];
  }

  override render() {
    const m = this.#messages;
    const { state, progress, error, result } = this.#upload;
    const status = error?.message ?? (this.#camera.active ? m.cameraHint : m[state === 'result' ? 'done' : state === 'error' ? 'ready' : state]);
    return html`
      <div
        part="base"
        class="base ${this.#dragging ? 'dragging' : ''}"
        lang=${this.#locale}
        @dragenter=${this.#onDragOver}
        @dragover=${this.#onDragOver}
        @dragleave=${this.#onDragLeave}
        @drop=${this.#onDrop}
        @paste=${this.#onDrop}
      >
        <p part="title" class="title"><slot name="title">${m.title}</slot></p>
        <p part="help"><slot name="help">${this.#dragging ? m.drop : m.help}</slot></p>
        <p part="status" class=${error ? 'error' : nothing} role="status">${status}</p>
        ${state === 'sending'
          ? html`<progress part="progress" aria-label=${m.progress} max="100" value=${progress === null ? nothing : Math.round(progress * 100)}></progress>`
          : nothing}
        ${result ? this.#renderResult(result, m) : nothing}
        ${this.#camera.active
          ? renderCameraView(this.#camera, m, this)
          : html`<div part="actions" class="actions">${this.#renderActions(state, m)}</div>`}
        <input type="file" accept="image/*" hidden aria-label=${m.upload} @change=${this.#onFileChosen}>
      </div>
    `;
  }

  // No type="button" anywhere: a button in a shadow root has no form owner, so none can submit a page's form.
  #renderActions(state: ScanState, m: Messages) {
    if (state === 'preparing' || state === 'sending') {
      return html`<button part="button" @click=${this.reset}>${m.cancel}</button>`;
    }
    // After a camera failure (any camera-* code, insecure-context) uploading a photo is one click away, and
    // "Try again" retries the camera: the same two buttons as when ready.
    const cameraFailed = /^(camera-|insecure-context)/.test(this.#upload.error?.code ?? '');
    if (state === 'ready' || cameraFailed) {
      return html`
        <button part="button" class="primary" @click=${this.#chooseFile}>${m.upload}</button>
        <button part="button" @click=${this.startCamera}>${cameraFailed ? m.tryAgain : m.camera}</button>
      `;
    }
    return html`<button part="button" class="primary" @click=${this.reset}>${state === 'error' ? m.tryAgain : m.scanAnother}</button>`;
  }

  /** "Upload photo": from an error, back to ready first, so a closed chooser leaves the plain buttons. */
  #chooseFile(): void {
    this.reset();
    this.#openChooser(false);
  }

  #renderResult({ fields }: MrzResultDetail, m: Messages) {
    const shown = { ...fields, name: [fields.lastName, fields.firstName].filter(Boolean).join(' ') };
    return html`<dl part="result">
      ${RESULT_FIELDS.map((key) => (shown[key] ? html`<dt>${m[key]}</dt><dd>${shown[key]}</dd>` : nothing))}
    </dl>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mrz-scanner': MrzScannerElement;
  }
}
