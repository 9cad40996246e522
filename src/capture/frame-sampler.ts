/**
 * Turns the live video into the small frame frame-quality.ts analyses: the guide area only, scaled to
 * ANALYSIS_WIDTH px wide in one drawImage, read back from a canvas kept CPU-side (`willReadFrequently`)
 * so getImageData does not stall on a GPU readback every frame.
 */
import { guideCrop, guideRect, mrzBand, type Rect } from './camera-guide.js';
import { analyseFrame, type FrameQuality } from './frame-quality.js';

/** Wide enough that OCR-B strokes of a card filling the guide stay ~2 px, small enough to cost < 1 ms. */
export const ANALYSIS_WIDTH = 320;

type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export class FrameSampler {
  #ctx: Ctx2D | null = null;
  #key = '';
  #crop: Rect = { x: 0, y: 0, width: 0, height: 0 };
  #band: Rect = { x: 0, y: 0, width: 0, height: 0 };
  #size = { width: 0, height: 0 };

  /** Quality of the current video frame, or null when the video has no frame yet. */
  sample(video: HTMLVideoElement): FrameQuality | null {
    const vw = video.videoWidth;
    const vh = video.videoHeight;
    if (!vw || !vh || video.readyState < 2) return null;
    const ctx = this.#context(vw, vh);
    const { width, height } = this.#size;
    const c = this.#crop;
    ctx.drawImage(video, c.x, c.y, c.width, c.height, 0, 0, width, height);
    const { data } = ctx.getImageData(0, 0, width, height);
    return analyseFrame(data, width, height, this.#band);
  }

  /** Recomputes the geometry only when the video size changes (rotation, camera switch). */
  #context(vw: number, vh: number): Ctx2D {
    const key = `${vw}x${vh}`;
    if (this.#ctx && key === this.#key) return this.#ctx;
    const crop = guideCrop(vw, vh);
    const scale = ANALYSIS_WIDTH / crop.width;
    const width = ANALYSIS_WIDTH;
    const height = Math.max(1, Math.round(crop.height * scale));
    const g = guideRect(vw, vh);
    this.#band = mrzBand({ x: (g.x - crop.x) * scale, y: (g.y - crop.y) * scale, width: g.width * scale, height: g.height * scale });
    this.#crop = crop;
    this.#size = { width, height };
    this.#key = key;
    const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(width, height) : Object.assign(document.createElement('canvas'), { width, height });
    const ctx = canvas.getContext('2d', { willReadFrequently: true, alpha: false }) as Ctx2D | null;
    if (!ctx) throw new Error('2d canvas unavailable');
    ctx.imageSmoothingEnabled = true;
    this.#ctx = ctx;
    return ctx;
  }
}
