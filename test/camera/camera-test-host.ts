// A minimal host for CameraController, so the controller is tested on its own, the way an element uses it:
// it renders the <video> while the camera is active and records what the controller reports.
import { LitElement, html } from 'lit';
import { CameraController } from '../../src/controllers/camera-controller.js';
import type { PreparedImage } from '../../src/capture/prepare-image.js';
import type { FrameQuality } from '../../src/capture/frame-quality.js';

export class CameraTestHost extends LitElement {
  errors: string[] = [];
  captures: PreparedImage[] = [];
  fallbacks = 0;
  auto = false;
  analysed: { ms: number; quality: FrameQuality }[] = [];
  /** Where a capture goes; the card tests post it to msw like the element does. */
  deliver: (image: PreparedImage) => unknown = () => undefined;

  camera = new CameraController(this, {
    video: () => this.renderRoot.querySelector('video'),
    onCapture: (image) => {
      this.captures.push(image);
      return this.deliver(image);
    },
    onError: (code) => {
      this.errors.push(code);
    },
    onFallback: () => {
      this.fallbacks++;
    },
    prepareOptions: () => ({
      maxDimension: 1600,
      quality: 0.85,
      maxFileSize: 25_000_000,
    }),
    autoCapture: () => this.auto,
    onFrameAnalysed: (ms, quality) => this.analysed.push({ ms, quality }),
  });

  override render() {
    return this.camera.active ? html`<video playsinline muted autoplay></video>` : html`<p>camera off</p>`;
  }

  get video(): HTMLVideoElement | null {
    return this.renderRoot.querySelector('video');
  }

  /** The camera stream the preview shows (null without a preview). */
  get stream(): MediaStream | null {
    return (this.video?.srcObject as MediaStream | null | undefined) ?? null;
  }
}
if (!customElements.get('camera-test-host')) customElements.define('camera-test-host', CameraTestHost);

declare global {
  interface HTMLElementTagNameMap {
    'camera-test-host': CameraTestHost;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Resolves once `n` new frames have been presented by the video (or rejects after `timeout` ms). */
export function presentedFrames(video: HTMLVideoElement, n = 2, timeout = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no video frame within ${timeout} ms`)), timeout);
    let left = n;
    const next = () =>
      video.requestVideoFrameCallback(() => {
        if (--left <= 0) {
          clearTimeout(timer);
          resolve();
        } else next();
      });
    next();
  });
}

/** Polls `test` every 20 ms until it holds (or fails the test after `timeout` ms). */
export async function until(test: () => boolean, what: string, timeout = 5000): Promise<void> {
  const end = performance.now() + timeout;
  while (!test()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * Records every stream getUserMedia hands out, calling through to the real camera: lets a test check
 * that each one was released even when the page never got hold of it.
 */
export function recordStreams(): {
  streams: MediaStream[];
  calls: () => number;
  restore: () => void;
} {
  const md = navigator.mediaDevices;
  const original = md.getUserMedia;
  const streams: MediaStream[] = [];
  let calls = 0;
  md.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    calls++;
    const s = await original.call(md, constraints);
    streams.push(s);
    return s;
  };
  return {
    streams,
    calls: () => calls,
    restore: () => {
      md.getUserMedia = original;
    },
  };
}

export const allEnded = (stream: MediaStream | null | undefined): boolean =>
  !!stream && stream.getTracks().length > 0 && stream.getTracks().every((t) => t.readyState === 'ended');
