/**
 * Turns the live video into the small luma frame frame-quality.ts analyses: the guide area only, about
 * ANALYSIS_WIDTH px wide.
 *
 * Fast path (WebCodecs): `new VideoFrame(video)` + `copyTo` of just the guide rectangle. Camera frames are
 * YUV (I420/NV12), so the Y plane *is* the luma: a memcpy and a box downscale, no colour conversion, and
 * the copy is asynchronous. Measured here: drawImage(video) into a 2D canvas costs tens of ms a frame in a
 * software-rendered browser (it converts the whole 1280×720 frame to RGB first), the copy a few ms.
 * Fallback (no VideoFrame, RGB frames, rotated frames): drawImage of the guide area into a 320 px canvas
 * kept CPU-side (`willReadFrequently`) and getImageData. Both work out the (cheap) guide geometry per frame,
 * so a rotated phone or a new camera needs no bookkeeping.
 */
import { guideCrop, guideRect, mrzBand, type Rect } from './camera-guide.js';
import { analyseFrame, analyseLuma, downscaleLuma, type FrameQuality } from './frame-quality.js';

/** Wide enough that OCR-B strokes of a card filling the guide stay ~2 px, small enough to cost ~1 ms. */
export const ANALYSIS_WIDTH = 320;

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
  #canvas?: HTMLCanvasElement;
  #buffer = new Uint8Array(0);
  /** Set once the fast path failed (no VideoFrame at all, or frames it can't read): don't pay for the failure every frame. */
  #noVideoFrame = false;

  /** Quality of the current video frame, or null when the video has no frame yet. */
  async sample(video: HTMLVideoElement): Promise<FrameQuality | null> {
    if (video.readyState < 2) return null;
    // A throw (e.g. no capturable frame between two streams) or a frame the fast path can't read: canvas.
    const q = this.#noVideoFrame ? null : await this.#sampleYuv(video).catch(() => null);
    if (q) return q;
    this.#noVideoFrame = true;
    return this.#sampleCanvas(video);
  }

  #sampleCanvas(video: HTMLVideoElement): FrameQuality {
    const { videoWidth: vw, videoHeight: vh } = video;
    const crop = guideCrop(vw, vh);
    const scale = ANALYSIS_WIDTH / crop.width;
    const height = Math.round(crop.height * scale);
    // One canvas, resized only on a change: a resize clears and reallocates it.
    const canvas = (this.#canvas ??= Object.assign(document.createElement('canvas'), { width: ANALYSIS_WIDTH }));
    if (canvas.height !== height) canvas.height = height;
    // The same context every call; kept CPU-side, since it is read back every frame.
    const ctx = canvas.getContext('2d', { willReadFrequently: true, alpha: false })!;
    ctx.drawImage(video, crop.x, crop.y, crop.width, crop.height, 0, 0, ANALYSIS_WIDTH, height);
    const { data } = ctx.getImageData(0, 0, ANALYSIS_WIDTH, height);
    return analyseFrame(data, ANALYSIS_WIDTH, height, bandIn(vw, vh, crop, scale));
  }

  async #sampleYuv(video: HTMLVideoElement): Promise<FrameQuality | null> {
    const frame = new VideoFrame(video);
    try {
      const { videoWidth: vw, videoHeight: vh } = video;
      // Rotated or RGB frames: the canvas path handles orientation and colour for us.
      if (!/^(I420A?|NV12)$/.test(frame.format as string) || frame.displayWidth !== vw || frame.displayHeight !== vh)
        return null;
      const crop = guideCrop(vw, vh);
      const visible = frame.visibleRect!;
      // Even offsets and sizes: chroma planes are subsampled 2×2 and copyTo insists on alignment.
      const even = (n: number) => n & ~1;
      const rect = {
        x: even(visible.x + crop.x),
        y: even(visible.y + crop.y),
        width: even(crop.width),
        height: even(crop.height),
      };
      const size = frame.allocationSize({ rect });
      if (this.#buffer.length < size) this.#buffer = new Uint8Array(size);
      const [y] = await frame.copyTo(this.#buffer, { rect });
      const factor = Math.max(1, Math.round(rect.width / ANALYSIS_WIDTH));
      const w = Math.floor(rect.width / factor);
      const h = Math.floor(rect.height / factor);
      const luma = downscaleLuma(this.#buffer.subarray(y!.offset), y!.stride, w, h, factor);
      return analyseLuma(luma, w, h, bandIn(vw, vh, crop, w / crop.width));
    } finally {
      frame.close();
    }
  }
}
