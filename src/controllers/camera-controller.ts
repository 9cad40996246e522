/**
 * The camera behind <mrz-scanner>'s live preview: opens the rear camera, feeds the host's <video>, takes
 * the photo (cropped to the ID-1 guide), optionally captures by itself once the card is steady and sharp,
 * and makes sure the camera light goes off whenever it should — stopCamera(), a capture, the page
 * hidden, the element removed (deferred a tick, so moving the element in the DOM keeps the camera).
 *
 * It never throws at the host for expected failures: each ends in one `onError(code)` call.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { guideCrop } from '../capture/camera-guide.js';
import { cameraConstraints, cameraErrorCode, type CameraErrorCode } from '../capture/camera-constraints.js';
import { SteadyDetector, type FrameHint, type FrameQuality } from '../capture/frame-quality.js';
import { FrameSampler } from '../capture/frame-sampler.js';
import {
  PrepareError,
  prepareFrame,
  type PrepareErrorCode,
  type PrepareOptions,
  type PreparedImage,
} from '../capture/prepare-image.js';

export type CameraStatus = 'idle' | 'starting' | 'live' | 'capturing';

export interface CameraControllerOptions {
  /** The preview element the host renders while the camera is `starting`/`live`. */
  video: () => HTMLVideoElement | null | undefined;
  /** Upload path for a taken photo (the element's submitCapture(image, 'camera')). */
  onCapture: (image: PreparedImage) => unknown;
  /** One call per failure; the host turns it into its single `mrz-error`. */
  onError: (code: CameraErrorCode | PrepareErrorCode) => void;
  /** No getUserMedia (in-app browsers, WebViews): the host opens its file input with capture="environment". */
  onFallback: () => void;
  /** How to encode the photo (max-dimension, quality…), read at capture time. */
  prepareOptions: () => PrepareOptions;
  /** Whether to analyse frames and capture by itself (the `auto-capture` attribute), read on every frame. */
  autoCapture: () => boolean;
  /** Called after each analysed frame with its cost in ms (bench and diagnostics). */
  onFrameAnalysed?: (ms: number, quality: FrameQuality) => void;
}

/** Analyse at most this often: a steady card needs a few frames, not all 30 a second. */
const ANALYSIS_INTERVAL_MS = 80;

export class CameraController implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #options: CameraControllerOptions;
  #stream: MediaStream | null = null;
  #status: CameraStatus = 'idle';
  /** Bumped by every stop and open; an answer for an older generation is stale (released, or ignored). */
  #generation = 0;
  #releaseTimer?: ReturnType<typeof setTimeout>;
  #resumeWhenVisible = false;
  #devices: MediaDeviceInfo[] = [];
  #detector = new SteadyDetector();
  #sampler = new FrameSampler();
  /** The generation whose analysis loop runs: one loop per stream, even across DOM moves. */
  #loop?: number;
  #lastAnalysis = 0;

  constructor(host: ReactiveControllerHost & HTMLElement, options: CameraControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get status(): CameraStatus {
    return this.#status;
  }

  /** True from the moment the camera is asked for until it is released: the host shows the preview. */
  get active(): boolean {
    return this.#status !== 'idle';
  }

  get canSwitch(): boolean {
    return this.#devices.length > 1;
  }

  get torchSupported(): boolean {
    return (this.#track()?.getCapabilities?.() as { torch?: boolean } | undefined)?.torch === true;
  }

  /** Whether the torch is on, as the camera itself reports it. */
  get torch(): boolean {
    return (this.#track()?.getSettings() as { torch?: boolean } | undefined)?.torch === true;
  }

  /** What the live preview should tell the person (auto-capture only); null while nothing is wrong. */
  get hint(): FrameHint | null {
    return this.#status === 'live' && this.#options.autoCapture() ? this.#detector.hint : null;
  }

  hostConnected(): void {
    clearTimeout(this.#releaseTimer);
    document.addEventListener('visibilitychange', this.#onVisibility);
    // A media element removed from the document is paused; after a DOM move, carry on playing.
    if (this.#stream) void this.#attach();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisibility);
    // Deferred: a DOM move disconnects and reconnects in the same task; only a real removal releases.
    this.#releaseTimer = setTimeout(() => {
      if (!this.#host.isConnected) this.stop();
    });
  }

  /** Opens the camera and shows the preview. Failures end in `onError`; never rejects. */
  async start(): Promise<void> {
    if (this.active) return;
    this.#resumeWhenVisible = false;
    // Old browsers without the notion have no isSecureContext at all: only an explicit false refuses.
    if (globalThis.isSecureContext === false) return this.#options.onError('insecure-context');
    // getUserMedia is missing in many in-app browsers and WebViews.
    if (!navigator.mediaDevices?.getUserMedia) return this.#options.onFallback();
    if (await this.#open()) {
      const all = await navigator.mediaDevices.enumerateDevices().catch(() => []);
      this.#devices = all.filter((d) => d.kind === 'videoinput' && d.deviceId);
      this.#host.requestUpdate();
    }
  }

  /** Releases the camera (light off) and hides the preview. Safe to call at any time. */
  stop(): void {
    const stream = this.#stream;
    this.#generation++;
    this.#stream = null;
    // Detach before stopping: WebKitGTK hangs when tracks stop under a video element already removed
    // from the document that still plays them.
    const video = this.#options.video();
    if (video?.srcObject) {
      video.pause();
      video.srcObject = null;
    }
    stream?.getTracks().forEach((t) => t.stop());
    this.#setStatus('idle');
  }

  /** Takes the photo: full-resolution frame, cropped to the guide with a margin, handed to onCapture. */
  async capture(): Promise<void> {
    const track = this.#track();
    if (this.#status !== 'live' || track?.readyState !== 'live') return this.#options.onError('camera-not-started');
    // Not live any more: the analysis loop stops at its next frame.
    this.#setStatus('capturing');
    // ImageCapture.grabFrame() where it exists (Chromium); elsewhere, or when a driver refuses it while
    // streaming, the video's current frame: the same picture at the track's full resolution.
    const frame = await (async () => new ImageCapture(track).grabFrame())()
      .catch(() => createImageBitmap(this.#options.video()!))
      .catch(() => null);
    // The frame is ours now (or there is none): the light goes off before the (slower) encode and upload.
    this.stop();
    if (!frame) return this.#options.onError('camera-unavailable');
    const generation = this.#generation;
    let image: PreparedImage;
    try {
      const { width, height } = frame;
      image = await prepareFrame(frame, width, height, guideCrop(width, height), this.#options.prepareOptions());
    } catch (error) {
      return this.#options.onError(error instanceof PrepareError ? error.code : 'image-decode-failed');
    } finally {
      frame.close();
    }
    // reset() or a removal while encoding: the person no longer wants this photo sent.
    if (generation === this.#generation && this.#host.isConnected) await this.#options.onCapture(image);
  }

  /** Next camera in the device list, when there is more than one. */
  async switchCamera(): Promise<void> {
    if (this.#status !== 'live' || !this.canSwitch) return;
    const current = this.#track()?.getSettings().deviceId;
    const index = this.#devices.findIndex((d) => d.deviceId === current);
    const next = this.#devices[(index + 1) % this.#devices.length]!;
    // Idle only until #open says 'starting' in the same task: the host renders neither gap nor flicker.
    this.stop();
    await this.#open(next.deviceId);
  }

  /** Torch on/off where the track supports it; `torch` tells the state it ended in. */
  async setTorch(on: boolean): Promise<void> {
    if (this.torchSupported) {
      try {
        await this.#track()!.applyConstraints({
          advanced: [{ torch: on } as MediaTrackConstraintSet],
        });
      } catch {
        // Some devices list the capability yet refuse it while another constraint is active: the state stays.
      }
      this.#host.requestUpdate();
    }
  }

  /** Asks for the camera (the rear one, or `deviceId`) and shows it; false when that did not happen. */
  async #open(deviceId?: string): Promise<boolean> {
    this.#setStatus('starting');
    const generation = ++this.#generation;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia(cameraConstraints(deviceId));
    } catch (error) {
      if (generation === this.#generation) {
        this.#setStatus('idle');
        this.#options.onError(cameraErrorCode(error));
      }
      return false;
    }
    if (generation !== this.#generation) {
      // stop() (or removal) came while the permission prompt was up: release what just arrived.
      stream.getTracks().forEach((t) => t.stop());
      return false;
    }
    this.#stream = stream;
    // Unplugged, revoked, or taken by another app: not something stop() did (it removes the stream first).
    stream.getVideoTracks()[0]!.onended = () => {
      if (this.#stream !== stream) return;
      this.stop();
      this.#options.onError('camera-unavailable');
    };
    this.#setStatus('live');
    await this.#attach();
    return true;
  }

  async #attach(): Promise<void> {
    const generation = this.#generation;
    await this.#host.updateComplete;
    const video = this.#options.video();
    // Same generation: the stream is still ours (stop() bumps the generation as it drops the stream).
    if (!video || generation !== this.#generation) return;
    if (video.srcObject !== this.#stream) video.srcObject = this.#stream;
    // iOS Safari shows a black preview unless the video is muted and inline before play().
    video.muted = true;
    video.playsInline = true;
    // An autoplay refusal or an interrupted play (a stop in between): the next start or reconnect retries.
    await video.play().catch(() => undefined);
    if (generation === this.#generation && this.#loop !== generation) {
      this.#loop = generation;
      this.#detector.reset();
      this.#schedule(video, generation);
    }
  }

  /**
   * The next turn of the analysis loop: once per presented camera frame (rVFC), else per display refresh.
   * Nothing to cancel: a stop or a new stream starts a new generation, and the stale turn ends at its check.
   */
  #schedule(video: HTMLVideoElement, generation: number): void {
    const next = () => void this.#onFrame(video, generation);
    if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(next);
    else requestAnimationFrame(next);
  }

  async #onFrame(video: HTMLVideoElement, generation: number): Promise<void> {
    // Stopped, switched, or capturing (which ends in a stop): this loop is over.
    if (generation !== this.#generation || this.#status !== 'live') return;
    const started = performance.now();
    // Auto-capture off (the host re-renders on that change, and the hint goes): no streak carries over.
    if (!this.#options.autoCapture()) this.#detector.reset();
    else if (started - this.#lastAnalysis >= ANALYSIS_INTERVAL_MS) {
      this.#lastAnalysis = started;
      const quality = await this.#sampler.sample(video).catch(() => null);
      // The same checks again: the frame was read asynchronously.
      if (generation !== this.#generation || this.#status !== 'live') return;
      if (quality) {
        const hint = this.#detector.hint;
        const ready = this.#detector.push(quality);
        this.#options.onFrameAnalysed?.(performance.now() - started, quality);
        if (this.#detector.hint !== hint) this.#host.requestUpdate();
        if (ready) return this.capture();
      }
    }
    this.#schedule(video, generation);
  }

  #onVisibility = (): void => {
    if (document.visibilityState === 'hidden') {
      // Keep the light off while nobody looks at the page; come back to the preview when they return.
      if (this.active) {
        this.stop();
        this.#resumeWhenVisible = true;
      }
    } else if (this.#resumeWhenVisible && this.#host.isConnected) {
      void this.start();
    }
  };

  #track(): MediaStreamTrack | undefined {
    return this.#stream?.getVideoTracks()[0];
  }

  #setStatus(status: CameraStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.#host.requestUpdate();
  }
}
