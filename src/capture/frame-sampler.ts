/**
 * Turns the live video into the small luma frame frame-quality.ts analyses: the guide area only, box-
 * downscaled by a whole factor to about ANALYSIS_WIDTH px wide (the same size on both paths below).
 *
 * Fast path (WebCodecs): `new VideoFrame(video)` + `copyTo` of just the guide rectangle. Camera frames are
 * YUV (I420/NV12), so the Y plane *is* the luma: a memcpy and a box downscale, no colour conversion, and
 * the copy is asynchronous. Measured here: drawImage(video) into a 2D canvas costs tens of ms a frame in a
 * software-rendered browser (it converts the whole 1280×720 frame to RGB first), the copy a few ms.
 * Fallback (no VideoFrame, RGB frames, rotated frames): drawImage of the guide area into a small canvas
 * kept CPU-side (`willReadFrequently`) and getImageData. The (cheap) guide geometry is worked out per
 * frame, so a rotated phone or a new camera needs no bookkeeping.
 */
import { guideCrop, guideRect, mrzBand } from './camera-guide.js';
import { analyseLuma, downscaleLuma, toLuma, type FrameQuality } from './frame-quality.js';

/** Wide enough that OCR-B strokes of a card filling the guide stay ~2 px, small enough to cost ~1 ms. */
export const ANALYSIS_WIDTH = 320;

export class FrameSampler {
  #canvas?: HTMLCanvasElement;
  #buffer = new Uint8Array(0);
  /** Set once the fast path failed (no VideoFrame at all, or frames it can't read): don't pay for that every frame. */
  #noVideoFrame = false;

  /** Quality of the current video frame, or null when the video has no frame yet. */
  async sample(video: HTMLVideoElement): Promise<FrameQuality | null> {
    if (video.readyState < 2) return null;
    const { videoWidth: vw, videoHeight: vh } = video;
    const crop = guideCrop(vw, vh);
    const factor = Math.round(crop.width / ANALYSIS_WIDTH) || 1;
    // Even sizes, as the YUV copy needs (see the copy below).
    const width = Math.floor((crop.width & ~1) / factor);
    const height = Math.floor((crop.height & ~1) / factor);
    let luma: Uint8Array | null = null;
    // A throw (e.g. no capturable frame between two streams) counts as a frame the fast path can't read.
    if (!this.#noVideoFrame) {
      try {
        const frame = new VideoFrame(video);
        try {
          // Rotated or RGB frames: the canvas path handles orientation and colour for us.
          if (
            /^(I420A?|NV12)$/.test(frame.format as string) &&
            frame.displayWidth === vw &&
            frame.displayHeight === vh
          ) {
            const { x, y } = frame.visibleRect!;
            // Even offsets and sizes: chroma planes are subsampled 2×2 and copyTo insists on alignment.
            const rect = { x: (x + crop.x) & ~1, y: (y + crop.y) & ~1, width: crop.width & ~1, height: crop.height & ~1 };
            const size = frame.allocationSize({ rect });
            if (this.#buffer.length < size) this.#buffer = new Uint8Array(size);
            const [plane] = await frame.copyTo(this.#buffer, { rect });
            // The Y plane of the guide area, downscaled.
            luma = downscaleLuma(this.#buffer.subarray(plane!.offset), plane!.stride, width, height, factor);
          }
        } finally {
          frame.close();
        }
      } catch {
        // luma stays null: the canvas path below takes over.
      }
    }
    if (!luma) {
      this.#noVideoFrame = true;
      const canvas = (this.#canvas ??= document.createElement('canvas'));
      // Only on a change: resizing clears and reallocates the canvas.
      if (canvas.width !== width || canvas.height !== height) Object.assign(canvas, { width, height });
      // The same context every call; kept CPU-side, since it is read back every frame.
      const ctx = canvas.getContext('2d', { willReadFrequently: true, alpha: false })!;
      ctx.drawImage(video, crop.x, crop.y, crop.width, crop.height, 0, 0, width, height);
      luma = toLuma(ctx.getImageData(0, 0, width, height).data);
    }
    // The MRZ band of the guide, in the pixels of this small frame.
    const g = guideRect(vw, vh);
    const scale = width / crop.width;
    return analyseLuma(
      luma,
      width,
      height,
      mrzBand({ x: (g.x - crop.x) * scale, y: (g.y - crop.y) * scale, width: g.width * scale, height: g.height * scale }),
    );
  }
}
