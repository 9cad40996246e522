// Runs in Chromium with the fake camera playing the card (group camera-bench, `npm run bench:camera`):
// 10 s of live preview with the auto-capture analysis running on every sampled frame, measuring what the
// analysis costs per frame and whether it causes long tasks (> 50 ms) that would jank the preview.
import { LitElement, html } from 'lit';
import { fixture } from '@open-wc/testing';
import { CameraController } from '../src/controllers/camera-controller.js';
import { DEFAULT_THRESHOLDS } from '../src/capture/frame-quality.js';
import { FrameSampler } from '../src/capture/frame-sampler.js';

const PREVIEW_MS = 10_000;
// Analyse as usual but never fire, so the whole 10 s are preview + analysis (this page runs only the bench).
DEFAULT_THRESHOLDS.frames = Number.POSITIVE_INFINITY;

class BenchHost extends LitElement {
  frameMs: number[] = [];
  captureMs = 0;
  camera = new CameraController(this, {
    video: () => this.renderRoot.querySelector('video'),
    onCapture: () => undefined,
    onError: (code) => {
      throw new Error(code);
    },
    onFallback: () => undefined,
    prepareOptions: () => ({
      maxDimension: 1600,
      quality: 0.85,
      maxFileSize: 25e6,
    }),
    autoCapture: () => true,
    onFrameAnalysed: (ms) => this.frameMs.push(ms),
  });
  override render() {
    return this.camera.active ? html`<video playsinline muted autoplay></video>` : html``;
  }
}
customElements.define('camera-bench-host', BenchHost);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const round = (x: number) => Math.round(x * 1000) / 1000;

describe('camera bench', () => {
  it('preview + auto-capture analysis for 10 s', async function () {
    this.timeout(PREVIEW_MS + 30_000);
    const host = await fixture<BenchHost>(html`<camera-bench-host></camera-bench-host>`);
    await host.camera.start();
    const video = host.renderRoot.querySelector('video')!;
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push(e.duration);
    });
    observer.observe({ type: 'longtask' });
    let presented = 0;
    const count = () => {
      presented++;
      if (host.camera.active) video.requestVideoFrameCallback(count);
    };
    video.requestVideoFrameCallback(count);
    const q0 = video.getVideoPlaybackQuality();
    host.frameMs.length = 0;
    await new Promise((r) => setTimeout(r, PREVIEW_MS));
    const q1 = video.getVideoPlaybackQuality();
    observer.disconnect();

    const size = `${video.videoWidth}x${video.videoHeight}`;
    // The sampler alone, back to back: the path in use (VideoFrame Y plane) and the canvas fallback.
    const sampler = new FrameSampler();
    // A sampler that finds no VideoFrame on its first frame stays on the canvas path from then on.
    const canvasSampler = new FrameSampler();
    const { VideoFrame } = globalThis;
    Object.assign(globalThis, { VideoFrame: undefined });
    try {
      await canvasSampler.sample(video);
    } finally {
      Object.assign(globalThis, { VideoFrame });
    }
    const yuv: number[] = [];
    const canvas: number[] = [];
    for (let i = 0; i < 60; i++) {
      let t = performance.now();
      await sampler.sample(video);
      yuv.push(performance.now() - t);
      t = performance.now();
      await canvasSampler.sample(video);
      canvas.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }

    const t = performance.now();
    await host.camera.capture();
    const captureMs = performance.now() - t;

    const f = host.frameMs;
    console.log(
      'BENCH ' +
        JSON.stringify({
          video: size,
          seconds: PREVIEW_MS / 1000,
          analysedFrames: f.length,
          analysisMedianMs: round(pct(f, 50)),
          analysisP95Ms: round(pct(f, 95)),
          analysisMaxMs: round(Math.max(...f)),
          yuvMedianMs: round(pct(yuv, 50)),
          yuvP95Ms: round(pct(yuv, 95)),
          canvasMedianMs: round(pct(canvas, 50)),
          canvasP95Ms: round(pct(canvas, 95)),
          presentedFrames: presented,
          droppedFrames: q1.droppedVideoFrames - q0.droppedVideoFrames,
          longTasks: longTasks.length,
          longTaskTotalMs: Math.round(longTasks.reduce((a, b) => a + b, 0)),
          longTaskMaxMs: Math.round(Math.max(0, ...longTasks)),
          captureMs: Math.round(captureMs),
        }),
    );
  });
});
