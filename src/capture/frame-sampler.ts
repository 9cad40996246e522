/**
 * Turns the live video into the small luma frame frame-quality.ts analyses: the guide area only, about
 * ANALYSIS_WIDTH px wide.
 *
 * Fast path (WebCodecs): `new VideoFrame(video)` + `copyTo` of just the guide rectangle. Camera frames are
 * YUV (I420/NV12), so the Y plane *is* the luma: a memcpy and a box downscale, no colour conversion, and
 * the copy is asynchronous. Measured here: drawImage(video) into a 2D canvas costs tens of ms a frame in a
 * software-rendered browser (it converts the whole 1280×720 frame to RGB first), the copy a few ms.
 * Fallback (no VideoFrame, RGB frames, rotated frames): drawImage of the guide area into a 320 px canvas
 * kept CPU-side (`willReadFrequently`) and getImageData.
 */
import { guideCrop, guideRect, mrzBand, type Rect } from './camera-guide.js';
import { analyseFrame, analyseLuma, downscaleLuma, type FrameQuality } from './frame-quality.js';

/** Wide enough that OCR-B strokes of a card filling the guide stay ~2 px, small enough to cost ~1 ms. */
export const ANALYSIS_WIDTH = 320;

type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

interface Geometry {
  key: string;
  crop: Rect;
}

/** The MRZ band inside a crop of the guide scaled by `scale`. */
function bandIn(frameWidth: number, frameHeight: number, crop: Rect, scale: number): Rect {
  const g = guideRect(frameWidth, frameHeight);
  return mrzBand({
    x: (g.x - crop.x) * scale,
    y: (g.y - crop.y) * scale,
    width: g.width * scale,
    height: g.height * scale,
  });
}

export class FrameSampler {
  #ctx: Ctx2D | null = null;
  #canvasKey = '';
  #buffer: Uint8Array | null = null;
  #geometry: Geometry = { key: '', crop: { x: 0, y: 0, width: 0, height: 0 } };
  /** Set once the fast path failed for this stream: don't pay for the failure every frame. */
  #noVideoFrame = typeof VideoFrame !== 'function';

  /** Quality of the current video frame, or null when the video has no frame yet. */
  async sample(video: HTMLVideoElement): Promise<FrameQuality | null> {
    const vw = video.videoWidth;
    const vh = video.videoHeight;
    if (!vw || !vh || video.readyState < 2) return null;
    if (!this.#noVideoFrame) {
      try {
        const q = await this.#sampleYuv(video, vw, vh);
        if (q) return q;
      } catch {
        // Not a capturable frame right now (e.g. between two streams): use the canvas path.
      }
      this.#noVideoFrame = true;
    }
    return this.sampleCanvas(video);
  }

  /** The canvas path on its own (also what the bench compares against). */
  sampleCanvas(video: HTMLVideoElement): FrameQuality | null {
    const vw = video.videoWidth;
    const vh = video.videoHeight;
    if (!vw || !vh || video.readyState < 2) return null;
    const crop = this.#crop(vw, vh);
    const scale = ANALYSIS_WIDTH / crop.width;
    const width = ANALYSIS_WIDTH;
    const height = Math.max(1, Math.round(crop.height * scale));
    const ctx = this.#context(width, height);
    ctx.drawImage(video, crop.x, crop.y, crop.width, crop.height, 0, 0, width, height);
    const { data } = ctx.getImageData(0, 0, width, height);
    return analyseFrame(data, width, height, bandIn(vw, vh, crop, scale));
  }

  async #sampleYuv(video: HTMLVideoElement, vw: number, vh: number): Promise<FrameQuality | null> {
    const frame = new VideoFrame(video);
    try {
      const format = frame.format;
      // Rotated or RGB frames: the canvas path handles orientation and colour for us.
      if (
        (format !== 'I420' && format !== 'NV12' && format !== 'I420A') ||
        frame.displayWidth !== vw ||
        frame.displayHeight !== vh
      )
        return null;
      const visible = frame.visibleRect;
      const crop = this.#crop(vw, vh);
      // Even offsets and sizes: chroma planes are subsampled 2×2 and copyTo insists on alignment.
      const even = (n: number) => n - (n % 2);
      const rect = {
        x: even((visible?.x ?? 0) + crop.x),
        y: even((visible?.y ?? 0) + crop.y),
        width: even(crop.width),
        height: even(crop.height),
      };
      const size = frame.allocationSize({ rect });
      if (!this.#buffer || this.#buffer.length < size) this.#buffer = new Uint8Array(size);
      const layout = await frame.copyTo(this.#buffer, { rect });
      const y = layout[0]!;
      const factor = Math.max(1, Math.round(rect.width / ANALYSIS_WIDTH));
      const plane = y.offset ? this.#buffer.subarray(y.offset) : this.#buffer;
      const small = downscaleLuma(plane, y.stride, rect.width, rect.height, factor);
      return analyseLuma(small.luma, small.width, small.height, bandIn(vw, vh, crop, small.width / crop.width));
    } finally {
      frame.close();
    }
  }

  #crop(vw: number, vh: number): Rect {
    const key = `${vw}x${vh}`;
    if (this.#geometry.key !== key) this.#geometry = { key, crop: guideCrop(vw, vh) };
    return this.#geometry.crop;
  }

  #context(width: number, height: number): Ctx2D {
    const key = `${width}x${height}`;
    if (this.#ctx && key === this.#canvasKey) return this.#ctx;
    const canvas =
      typeof OffscreenCanvas === 'function'
        ? new OffscreenCanvas(width, height)
        : Object.assign(document.createElement('canvas'), { width, height });
    const ctx = canvas.getContext('2d', {
      willReadFrequently: true,
      alpha: false,
    }) as Ctx2D | null;
    if (!ctx) throw new Error('2d canvas unavailable');
    this.#ctx = ctx;
    this.#canvasKey = key;
    return ctx;
  }
}
