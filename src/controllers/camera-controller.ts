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
import {
  cameraConstraints,
  cameraErrorCode,
  hasGetUserMedia,
  type CameraErrorCode,
} from '../capture/camera-constraints.js';
import {
  DEFAULT_THRESHOLDS,
  SteadyDetector,
  type FrameHint,
  type FrameQuality,
  type QualityThresholds,
} from '../capture/frame-quality.js';
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
  onError: (code: CameraErrorCode | PrepareErrorCode, cause?: unknown) => void;
  /** No getUserMedia (in-app browsers, WebViews): the host opens its file input with capture="environment". */
  onFallback: () => void;
  /** How to encode the photo (max-dimension, quality…), read at capture time. */
  prepareOptions: () => PrepareOptions;
  /** Whether to analyse frames and capture by itself (the `auto-capture` attribute), read on every frame. */
  autoCapture: () => boolean;
  /** Called after each analysed frame with its cost in ms (bench and diagnostics). */
  onFrameAnalysed?: (ms: number, quality: FrameQuality) => void;
  thresholds?: QualityThresholds;
}

/** Analyse at most this often: a steady card needs a few frames, not all 30 a second. */
const ANALYSIS_INTERVAL_MS = 80;

export class CameraController implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #options: CameraControllerOptions;
  #stream: MediaStream | null = null;
  #status: CameraStatus = 'idle';
  /** Bumped by every stop; an answer from getUserMedia for an older generation is released at once. */
  #generation = 0;
  #releaseTimer: ReturnType<typeof setTimeout> | undefined;
  #resumeWhenVisible = false;
  #devices: MediaDeviceInfo[] = [];
  #torch = false;
  #detector: SteadyDetector;
  #sampler = new FrameSampler();
  #frameRequest: {
    video: HTMLVideoElement;
    id: number;
    kind: 'video' | 'animation';
  } | null = null;
  #lastAnalysis = 0;
  hint: FrameHint | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement, options: CameraControllerOptions) {
    this.#host = host;
    this.#options = options;
    this.#detector = new SteadyDetector(options.thresholds ?? DEFAULT_THRESHOLDS);
    host.addController(this);
  }

  get status(): CameraStatus {
    return this.#status;
  }

  /** True from the moment the camera is asked for until it is released: the host shows the preview. */
  get active(): boolean {
    return this.#status !== 'idle';
  }

  get stream(): MediaStream | null {
    return this.#stream;
  }

  get canSwitch(): boolean {
    return this.#devices.length > 1;
  }

  get torchSupported(): boolean {
    const track = this.#track();
    const caps = track?.getCapabilities?.() as (MediaTrackCapabilities & { torch?: boolean }) | undefined;
    return caps?.torch === true;
  }

  get torch(): boolean {
    return this.#torch;
  }

  hostConnected(): void {
    clearTimeout(this.#releaseTimer);
    this.#releaseTimer = undefined;
    document.addEventListener('visibilitychange', this.#onVisibility);
    // A media element removed from the document is paused; after a DOM move, carry on playing.
    if (this.#stream) void this.#attach();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisibility);
    clearTimeout(this.#releaseTimer);
    // Deferred: a DOM move disconnects and reconnects in the same task; only a real removal releases.
    this.#releaseTimer = setTimeout(() => {
      this.#releaseTimer = undefined;
      if (!this.#host.isConnected) this.stop();
    }, 0);
  }

  /** Opens the camera and shows the preview. Failures end in `onError`; never rejects. */
  async start(): Promise<void> {
    if (this.#status !== 'idle') return;
    this.#resumeWhenVisible = false;
    if (typeof isSecureContext === 'boolean' && !isSecureContext) {
      this.#options.onError('insecure-context');
      return;
    }
    if (!hasGetUserMedia()) {
      this.#options.onFallback();
      return;
    }
    this.#setStatus('starting');
    const stream = await this.#open();
    if (!stream) return;
    this.#setStatus('live');
    await this.#attach();
    void this.#refreshDevices();
  }

  /** Releases the camera (light off) and hides the preview. Safe to call at any time. */
  stop(): void {
    this.#generation++;
    this.#stopAnalysis();
    this.#release();
    this.#torch = false;
    this.#setStatus('idle');
  }

  /** Takes the photo: full-resolution frame, cropped to the guide with a margin, handed to onCapture. */
  async capture(): Promise<void> {
    const track = this.#track();
    const video = this.#options.video();
    if (this.#status !== 'live' || !track || track.readyState !== 'live') {
      this.#options.onError('camera-not-started');
      return;
    }
    this.#setStatus('capturing');
    this.#stopAnalysis();
    let frame: ImageBitmap;
    try {
      frame = await grabFrame(track, video);
    } catch (error) {
      this.stop();
      this.#options.onError('camera-unavailable', error);
      return;
    }
    // The frame is ours now: the light goes off before the (slower) encode and upload.
    this.stop();
    const generation = this.#generation;
    let image: PreparedImage;
    try {
      const crop = guideCrop(frame.width, frame.height);
      image = await prepareFrame(frame, frame.width, frame.height, crop, this.#options.prepareOptions());
    } catch (error) {
      this.#options.onError(error instanceof PrepareError ? error.code : 'image-decode-failed', error);
      return;
    } finally {
      frame.close();
    }
    // reset() or a removal while encoding: the person no longer wants this photo sent.
    if (generation !== this.#generation || !this.#host.isConnected) return;
    await this.#options.onCapture(image);
  }

  /** Next camera in the device list, when there is more than one. */
  async switchCamera(): Promise<void> {
    if (this.#status !== 'live' || !this.canSwitch) return;
    const current = this.#track()?.getSettings().deviceId;
    const index = this.#devices.findIndex((d) => d.deviceId === current);
    const next = this.#devices[(index + 1) % this.#devices.length]!;
    this.#stopAnalysis();
    this.#release();
    this.#torch = false;
    this.#setStatus('starting');
    const stream = await this.#open(next.deviceId);
    if (!stream) return;
    this.#setStatus('live');
    await this.#attach();
  }

  /** Torch on/off where the track supports it; returns the state it ended in. */
  async setTorch(on: boolean): Promise<boolean> {
    const track = this.#track();
    if (!track || !this.torchSupported) return false;
    try {
      await track.applyConstraints({
        advanced: [{ torch: on } as MediaTrackConstraintSet],
      });
      this.#torch = on;
    } catch {
      // Some devices list the capability yet refuse it while another constraint is active: keep the old state.
    }
    this.#host.requestUpdate();
    return this.#torch;
  }

  async #open(deviceId?: string): Promise<MediaStream | null> {
    const generation = ++this.#generation;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia(cameraConstraints(deviceId));
    } catch (error) {
      if (generation !== this.#generation) return null;
      this.#setStatus('idle');
      this.#options.onError(cameraErrorCode(error), error);
      return null;
    }
    if (generation !== this.#generation) {
      // stop() (or removal) came while the permission prompt was up: release what just arrived.
      for (const t of stream.getTracks()) t.stop();
      return null;
    }
    this.#stream = stream;
    for (const track of stream.getVideoTracks()) {
      track.addEventListener('ended', () => {
        // Unplugged, revoked, or taken by another app: not something stop() did (it removes the stream first).
        if (this.#stream !== stream) return;
        this.stop();
        this.#options.onError('camera-unavailable');
      });
    }
    return stream;
  }

  async #attach(): Promise<void> {
    const generation = this.#generation;
    await this.#host.updateComplete;
    const video = this.#options.video();
    const stream = this.#stream;
    if (!video || !stream || generation !== this.#generation) return;
    if (video.srcObject !== stream) video.srcObject = stream;
    // iOS Safari shows a black preview unless the video is muted and inline before play().
    video.muted = true;
    video.playsInline = true;
    try {
      await video.play();
    } catch {
      // Autoplay refusal or an interrupted play (a stop in between): the next start or reconnect retries.
    }
    if (generation === this.#generation) this.#startAnalysis(video);
  }

  async #refreshDevices(): Promise<void> {
    try {
      const all = await navigator.mediaDevices.enumerateDevices();
      this.#devices = all.filter((d) => d.kind === 'videoinput' && d.deviceId);
    } catch {
      this.#devices = [];
    }
    this.#host.requestUpdate();
  }

  #startAnalysis(video: HTMLVideoElement): void {
    if (this.#frameRequest) return;
    this.#detector.reset();
    this.hint = null;
    this.#schedule(video);
  }

  #schedule(video: HTMLVideoElement): void {
    if ('requestVideoFrameCallback' in video) {
      this.#frameRequest = {
        video,
        kind: 'video',
        id: video.requestVideoFrameCallback(() => this.#onFrame(video)),
      };
    } else {
      this.#frameRequest = {
        video,
        kind: 'animation',
        id: requestAnimationFrame(() => this.#onFrame(video)),
      };
    }
  }

  #stopAnalysis(): void {
    const r = this.#frameRequest;
    if (!r) return;
    if (r.kind === 'video') r.video.cancelVideoFrameCallback(r.id);
    else cancelAnimationFrame(r.id);
    this.#frameRequest = null;
  }

  #onFrame(video: HTMLVideoElement): void {
    this.#frameRequest = null;
    if (this.#status !== 'live') return;
    const now = performance.now();
    if (!this.#options.autoCapture()) {
      if (this.hint !== null) {
        this.hint = null;
        this.#detector.reset();
        this.#host.requestUpdate();
      }
    } else if (now - this.#lastAnalysis >= ANALYSIS_INTERVAL_MS) {
      this.#lastAnalysis = now;
      void this.#analyse(video, now);
      return;
    }
    this.#schedule(video);
  }

  async #analyse(video: HTMLVideoElement, started: number): Promise<void> {
    const generation = this.#generation;
    const quality = await this.#sampler.sample(video).catch(() => null);
    // Stopped, captured or switched while the frame was being read: this result is stale.
    if (generation !== this.#generation || this.#status !== 'live') return;
    if (quality) {
      const ready = this.#detector.push(quality);
      this.#options.onFrameAnalysed?.(performance.now() - started, quality);
      if (this.#detector.hint !== this.hint) {
        this.hint = this.#detector.hint;
        this.#host.requestUpdate();
      }
      if (ready) {
        void this.capture();
        return;
      }
    }
    this.#schedule(video);
  }

  #onVisibility = (): void => {
    if (document.visibilityState === 'hidden' && this.#status !== 'idle') {
      // Keep the light off while nobody looks at the page; come back to the preview when they return.
      this.stop();
      this.#resumeWhenVisible = true;
    } else if (document.visibilityState === 'visible' && this.#resumeWhenVisible && this.#host.isConnected) {
      void this.start();
    }
  };

  #track(): MediaStreamTrack | undefined {
    return this.#stream?.getVideoTracks()[0];
  }

  #release(): void {
    const stream = this.#stream;
    this.#stream = null;
    // Detach before stopping: WebKitGTK hangs when tracks stop under a video element already removed
    // from the document that still plays them.
    const video = this.#options.video();
    if (video && video.srcObject) {
      video.pause();
      video.srcObject = null;
    }
    if (stream) for (const t of stream.getTracks()) t.stop();
  }

  #setStatus(status: CameraStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    if (status !== 'live') this.hint = null;
    this.#host.requestUpdate();
  }
}

/** Full-resolution frame: ImageCapture.grabFrame where it exists (Chromium), else the current video frame. */
async function grabFrame(track: MediaStreamTrack, video: HTMLVideoElement | null | undefined): Promise<ImageBitmap> {
  if (typeof ImageCapture === 'function') {
    try {
      return await new ImageCapture(track).grabFrame();
    } catch {
      // Some drivers refuse grabFrame while streaming; the video frame is the same picture.
    }
  }
  if (!video || !video.videoWidth) throw new Error('no video frame');
  return createImageBitmap(video);
}
