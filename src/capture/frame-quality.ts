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

export type FrameHint = 'too-dark' | 'glare' | 'blurry' | 'hold-steady';

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

const SIGNATURE_COLUMNS = 32;
const SIGNATURE_ROWS = 8;

/** Luma (BT.601, integer) of every pixel of an RGBA buffer. */
export function toLuma(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Uint8Array {
  const n = width * height;
  const out = new Uint8Array(n);
  for (let i = 0, p = 0; i < n; i++, p += 4) {
    out[i] = (77 * rgba[p]! + 150 * rgba[p + 1]! + 29 * rgba[p + 2]!) >> 8;
  }
  return out;
}

/** Variance of the 4-neighbour Laplacian over `rect` (whole pixels, clamped one pixel inside the image). */
export function laplacianVariance(luma: Uint8Array, width: number, height: number, rect: Rect): number {
  const x0 = Math.max(1, Math.floor(rect.x));
  const y0 = Math.max(1, Math.floor(rect.y));
  const x1 = Math.min(width - 1, Math.ceil(rect.x + rect.width));
  const y1 = Math.min(height - 1, Math.ceil(rect.y + rect.height));
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = y0; y < y1; y++) {
    const row = y * width;
    for (let x = x0; x < x1; x++) {
      const i = row + x;
      const lap = luma[i - 1]! + luma[i + 1]! + luma[i - width]! + luma[i + width]! - 4 * luma[i]!;
      sum += lap;
      sumSq += lap * lap;
      n++;
    }
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

/** Mean luma over a coarse grid of cells covering `rect`: cheap to compare between frames. */
export function bandSignature(luma: Uint8Array, width: number, height: number, rect: Rect): Uint8Array {
  const out = new Uint8Array(SIGNATURE_COLUMNS * SIGNATURE_ROWS);
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const w = Math.max(1, Math.min(width, Math.ceil(rect.x + rect.width)) - x0);
  const h = Math.max(1, Math.min(height, Math.ceil(rect.y + rect.height)) - y0);
  for (let r = 0; r < SIGNATURE_ROWS; r++) {
    const ya = y0 + Math.floor((r * h) / SIGNATURE_ROWS);
    const yb = Math.max(ya + 1, y0 + Math.floor(((r + 1) * h) / SIGNATURE_ROWS));
    for (let c = 0; c < SIGNATURE_COLUMNS; c++) {
      const xa = x0 + Math.floor((c * w) / SIGNATURE_COLUMNS);
      const xb = Math.max(xa + 1, x0 + Math.floor(((c + 1) * w) / SIGNATURE_COLUMNS));
      let s = 0;
      for (let y = ya; y < yb; y++) for (let x = xa; x < xb; x++) s += luma[y * width + x]!;
      out[r * SIGNATURE_COLUMNS + c] = Math.round(s / ((yb - ya) * (xb - xa)));
    }
  }
  return out;
}

/**
 * Box-filter downscale of a luma plane (e.g. the Y plane of an I420/NV12 camera frame, `stride` bytes a
 * row) by an integer `factor`: the same smoothing a canvas downscale would give, at a fraction of its cost.
 */
export function downscaleLuma(
  plane: Uint8Array,
  stride: number,
  width: number,
  height: number,
  factor: number,
): { luma: Uint8Array; width: number; height: number } {
  const f = Math.max(1, Math.floor(factor));
  const w = Math.floor(width / f);
  const h = Math.floor(height / f);
  const out = new Uint8Array(w * h);
  const sums = new Uint32Array(w);
  const area = f * f;
  for (let y = 0; y < h; y++) {
    sums.fill(0);
    for (let dy = 0; dy < f; dy++) {
      const row = (y * f + dy) * stride;
      for (let x = 0, i = row; x < w; x++) {
        let s = 0;
        for (let dx = 0; dx < f; dx++, i++) s += plane[i]!;
        sums[x]! += s;
      }
    }
    for (let x = 0; x < w; x++) out[y * w + x] = (sums[x]! / area) | 0;
  }
  return { luma: out, width: w, height: h };
}

/** Quality of one small RGBA frame; `band` is the MRZ band in the frame's own pixels. */
export function analyseFrame(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  band: Rect,
): FrameQuality {
  return analyseLuma(toLuma(rgba, width, height), width, height, band);
}

/** Quality of one small luma frame; `band` is the MRZ band in the frame's own pixels. */
export function analyseLuma(luma: Uint8Array, width: number, height: number, band: Rect): FrameQuality {
  let total = 0;
  let blown = 0;
  for (let i = 0; i < luma.length; i++) {
    const v = luma[i]!;
    total += v;
    if (v >= 250) blown++;
  }
  return {
    sharpness: laplacianVariance(luma, width, height, band),
    brightness: luma.length ? total / luma.length : 0,
    glare: luma.length ? blown / luma.length : 0,
    signature: bandSignature(luma, width, height, band),
  };
}

/** Mean absolute difference of two signatures (0..255); Infinity when there is nothing to compare. */
export function signatureDistance(a: Uint8Array | null, b: Uint8Array): number {
  if (!a || a.length !== b.length) return Infinity;
  let d = 0;
  for (let i = 0; i < a.length; i++) d += Math.abs(a[i]! - b[i]!);
  return d / a.length;
}

/** What to tell the person about this frame, most blocking first; null when it is good. */
export function frameHint(
  q: FrameQuality,
  motion: number,
  t: QualityThresholds = DEFAULT_THRESHOLDS,
): FrameHint | null {
  if (q.brightness < t.darkness) return 'too-dark';
  if (q.glare > t.glare) return 'glare';
  if (q.sharpness < t.sharpness) return 'blurry';
  if (motion > t.motion) return 'hold-steady';
  return null;
}

/**
 * Auto-capture trigger: ready once `frames` consecutive frames are bright enough, glare-free, sharp and
 * steady. One bad frame starts the count again, so a card swept through focus never fires.
 */
export class SteadyDetector {
  #previous: Uint8Array | null = null;
  #streak = 0;
  hint: FrameHint | null = null;

  constructor(readonly thresholds: QualityThresholds = DEFAULT_THRESHOLDS) {}

  /** Feeds one frame; true when the streak of good frames is long enough to capture. */
  push(q: FrameQuality): boolean {
    const motion = this.#previous ? signatureDistance(this.#previous, q.signature) : 0;
    this.#previous = q.signature;
    this.hint = frameHint(q, motion, this.thresholds);
    this.#streak = this.hint === null ? this.#streak + 1 : 0;
    return this.#streak >= this.thresholds.frames;
  }

  get streak(): number {
    return this.#streak;
  }

  reset(): void {
    this.#previous = null;
    this.#streak = 0;
    this.hint = null;
  }
}
