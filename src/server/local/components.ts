/** Adaptive thresholding and connected components: candidate glyphs of any size and contrast. */
import type { Budget } from './errors.js';
import type { Gray } from './image.js';

export interface Blob {
  /** Bounding-box centre. */
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly area: number;
}

/**
 * Bradley local-mean threshold: ink is darker than its neighbourhood mean by a fraction, so uneven
 * lighting, gradients and low contrast all work. `radius` should exceed a stroke width.
 */
export function threshold(img: Gray, radius: number, budget: Budget): Uint8Array {
  const { width: w, height: h, data } = img;
  const W = w + 1;
  // Uint32 holds the sum of a 16384 x 16384 image of 255s / 16: enough for the ≤ 3200 px levels used.
  const integral = new Uint32Array(W * (h + 1));
  for (let y = 0; y < h; y++) {
    let rowSum = 0;
    const o = (y + 1) * W, p = y * W, r = y * w;
    for (let x = 0; x < w; x++) {
      rowSum += data[r + x]!;
      integral[o + x + 1] = integral[p + x + 1]! + rowSum;
    }
  }
  budget.check();
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - radius), y1 = Math.min(h, y + radius + 1);
    const a = y1 * W, b = y0 * W, r = y * w, dy = y1 - y0;
    for (let x = 0; x < w; x++) {
      const x0 = x > radius ? x - radius : 0, x1 = x + radius + 1 < w ? x + radius + 1 : w;
      const sum = integral[a + x1]! - integral[b + x1]! - integral[a + x0]! + integral[b + x0]!;
      const v = data[r + x]!;
      // v < 0.86 * mean and mean - v > 12, without dividing.
      const area = (x1 - x0) * dy;
      if (v * area * 100 < sum * 86 && sum - v * area > 12 * area) out[r + x] = 1;
    }
    if ((y & 127) === 0) budget.check();
  }
  return out;
}

/** 8-connected components of a binary image (union-find, two passes). */
export function components(bin: Uint8Array, w: number, h: number, budget: Budget): Blob[] {
  const labels = new Int32Array(w * h);
  let parent = new Int32Array(4096);
  let count = 1;
  const find = (a: number): number => {
    while (parent[a] !== a) { parent[a] = parent[parent[a]!]!; a = parent[a]!; }
    return a;
  };
  const union = (a: number, b: number): number => {
    const ra = find(a), rb = find(b);
    if (ra === rb) return ra;
    if (ra < rb) { parent[rb] = ra; return ra; }
    parent[ra] = rb;
    return rb;
  };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!bin[i]) continue;
      let l = 0;
      if (x > 0 && bin[i - 1]) l = labels[i - 1]!;
      if (y > 0) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          const m = labels[i - w + dx]!;
          if (m) l = l ? union(l, m) : m;
        }
      }
      if (!l) {
        if (count === parent.length) { const grown = new Int32Array(count * 2); grown.set(parent); parent = grown; }
        l = count; parent[count] = count; count++;
      }
      labels[i] = l;
    }
    if ((y & 63) === 0) budget.check();
  }
  const n = count;
  const minX = new Int32Array(n).fill(w), maxX = new Int32Array(n).fill(-1);
  const minY = new Int32Array(n).fill(h), maxY = new Int32Array(n).fill(-1);
  const area = new Int32Array(n);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const l0 = labels[y * w + x]!;
      if (!l0) continue;
      const l = find(l0);
      area[l]!++;
      if (x < minX[l]!) minX[l] = x;
      if (x > maxX[l]!) maxX[l] = x;
      if (y < minY[l]!) minY[l] = y;
      if (y > maxY[l]!) maxY[l] = y;
    }
  }
  const blobs: Blob[] = [];
  for (let l = 1; l < n; l++) {
    if (!area[l]) continue;
    const bw = maxX[l]! - minX[l]! + 1, bh = maxY[l]! - minY[l]! + 1;
    blobs.push({ x: (minX[l]! + maxX[l]! + 1) / 2, y: (minY[l]! + maxY[l]! + 1) / 2, w: bw, h: bh, area: area[l]! });
  }
  return blobs;
}
