/**
 * Is this camera frame worth capturing? Pure pixel maths on a small RGBA frame (the guide area scaled to
 * ~320 px wide by frame-sampler.ts), no DOM, so it costs well under a millisecond a frame and runs in
 * Node tests too.
 *
 * - sharpness: variance of the Laplacian over the MRZ band (Pech-Pacheco et al. 2000): text in focus has
 *   strong second derivatives, a blurred card has almost none.
 * - brightness / glare over the whole guide area: too dark to read, or a specular highlight washing out
 *   part of the card.
 * - motion: mean absolute difference of a coarse band signature between consecutive frames.
 *
 * All three are read in one pass over the frame and one over the band: the analysis runs every 80 ms.
 */
import type { Rect } from './camera-guide.js';

export interface FrameQuality {
  /** Variance of the 4-neighbour Laplacian of luma over the MRZ band. */
  sharpness: number;
  /** Mean luma 0..255 over the frame. */
  brightness: number;
  /** Share of frame pixels at luma ≥ 250 (blown-out highlight). */
  glare: number;
  /** Coarse luma signature of the band, for motion between frames. */
  signature: Uint8Array;
}

/** What is wrong with a frame; each is also the key of the message the preview shows for it. */
export type FrameHint = 'tooDark' | 'glare' | 'blurry' | 'holdSteady';

export interface QualityThresholds {
  /** Minimum Laplacian variance for a readable MRZ at ~320 px analysis width. */
  sharpness: number;
  /** Below this mean luma the frame is too dark. */
  darkness: number;
  /** Above this share of blown-out pixels there is glare. */
  glare: number;
  /** Mean signature difference (0..255) above which the card is moving. */
  motion: number;
  /** Consecutive good frames before auto-capture. */
  frames: number;
}

/**
 * Calibrated on the synthetic OCR-B card at 320 px analysis width (test/camera/frame-quality.test.ts):
 * sharp card ≈ 1500–2500, the same card with a 6 px Gaussian blur at 1280 px ≈ 20–60.
 */
export const DEFAULT_THRESHOLDS: QualityThresholds = {
  sharpness: 250,
  darkness: 60,
  glare: 0.04,
  motion: 6,
  frames: 5,
};

/** Cells across the band signature. */
const COLUMNS = 32;

/**
 * Box-filter downscale of a luma plane (e.g. the Y plane of an I420/NV12 camera frame, `stride` bytes a
 * row) by an integer `factor`, to `width` × `height`: the same smoothing a canvas downscale would give, at a
 * fraction of its cost.
 */
export function downscaleLuma(
  plane: Uint8Array,
  stride: number,
  width: number,
  height: number,
  factor: number,
): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let row = y * factor * stride + x * factor, end = row + factor * stride; row < end; row += stride) {
        for (let i = row; i < row + factor; i++) s += plane[i]!;
      }
      out[y * width + x] = s / (factor * factor);
    }
  }
  return out;
}

/** Luma (BT.601, in integers) of every pixel of an RGBA buffer. */
export function toLuma(rgba: Uint8ClampedArray | Uint8Array): Uint8Array {
  const luma = new Uint8Array(rgba.length / 4);
  for (let i = 0, p = 0; i < luma.length; i++, p += 4)
    luma[i] = (77 * rgba[p]! + 150 * rgba[p + 1]! + 29 * rgba[p + 2]!) >> 8;
  return luma;
}

/** Quality of one small RGBA frame; `band` is the MRZ band in the frame's own pixels. */
export function analyseFrame(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  band: Rect,
): FrameQuality {
  return analyseLuma(toLuma(rgba), width, height, band);
}

/** Quality of one small luma frame; `band` is the MRZ band in the frame's own pixels. */
export function analyseLuma(luma: Uint8Array, width: number, height: number, band: Rect): FrameQuality {
  let total = 0;
  let blown = 0;
  // Indexed, not for-of: several times faster on a typed array here.
  for (let i = 0; i < luma.length; i++) {
    const v = luma[i]!;
    total += v;
    if (v >= 250) blown++;
  }
  // The band in whole pixels, one pixel inside the frame: the Laplacian reads every neighbour.
  const x0 = Math.max(1, Math.floor(band.x));
  const y0 = Math.max(1, Math.floor(band.y));
  const bw = Math.max(0, Math.min(width - 1, Math.ceil(band.x + band.width)) - x0);
  const bh = Math.max(0, Math.min(height - 1, Math.ceil(band.y + band.height)) - y0);
  let sum = 0;
  let sumSq = 0;
  for (let y = y0; y < y0 + bh; y++) {
    for (let x = x0, i = y * width + x; x < x0 + bw; x++, i++) {
      const lap = luma[i - 1]! + luma[i + 1]! + luma[i - width]! + luma[i + width]! - 4 * luma[i]!;
      sum += lap;
      sumSq += lap * lap;
    }
  }
  const n = bw * bh;
  // Square cells about 1/32 of the band wide.
  const cell = Math.max(1, Math.floor(bw / COLUMNS));
  return {
    // Variance of the 4-neighbour Laplacian (Pech-Pacheco et al. 2000).
    sharpness: n && sumSq / n - (sum / n) ** 2,
    brightness: total / luma.length,
    glare: blown / luma.length,
    signature: downscaleLuma(luma.subarray(y0 * width + x0), width, Math.floor(bw / cell), Math.floor(bh / cell), cell),
  };
}

/** What to tell the person about this frame, most blocking first; null when it is good. */
export function frameHint(q: FrameQuality, motion: number): FrameHint | null {
  if (q.brightness < DEFAULT_THRESHOLDS.darkness) return 'tooDark';
  if (q.glare > DEFAULT_THRESHOLDS.glare) return 'glare';
  if (q.sharpness < DEFAULT_THRESHOLDS.sharpness) return 'blurry';
  if (motion > DEFAULT_THRESHOLDS.motion) return 'holdSteady';
  return null;
}

/**
 * Auto-capture trigger: ready once `frames` consecutive frames are bright enough, glare-free, sharp and
 * steady. One bad frame starts the count again, so a card swept through focus never fires.
 */
export class SteadyDetector {
  #previous!: Uint8Array | null;
  #streak!: number;
  hint!: FrameHint | null;

  constructor() {
    this.reset();
  }

  /** Feeds one frame; true when the streak of good frames is long enough to capture. */
  push(q: FrameQuality): boolean {
    const previous = this.#previous;
    // Motion: mean absolute difference of the two signatures (0..255); none for the first frame.
    let motion = 0;
    if (previous) {
      for (let i = 0; i < previous.length; i++) motion += Math.abs(previous[i]! - q.signature[i]!);
      motion /= previous.length;
    }
    this.#previous = q.signature;
    this.hint = frameHint(q, motion);
    this.#streak = this.hint ? 0 : this.#streak + 1;
    // Read on every frame: the camera bench raises it on its own page to keep analysing.
    return this.#streak >= DEFAULT_THRESHOLDS.frames;
  }

  reset(): void {
    this.#previous = null;
    this.#streak = 0;
    this.hint = null;
  }
}
