/**
 * Per-cell glyph classification: each grid cell is sampled straight from the source image through
 * the homography (no intermediate warp), background-flattened, centred on its ink, and scored by
 * normalised cross-correlation against every template.
 */
import type { Budget } from './errors.js';
import type { Homography } from './homography.js';
import type { Gray } from './image.js';
import * as T from './templates.js';
import { normalise, templates } from './templates.js';

// Plain locals: imported bindings can compile to getter calls in the hot loops.
const N_CLASSES = T.N_CLASSES, PATCH_H = T.PATCH_H, PATCH_N = T.PATCH_N, PATCH_W = T.PATCH_W;

/** Canonical pixels per character pitch: the templates' scale. */
export const CANON = 24;

export interface Cell {
  /** Ink centre in canonical pitch units. */
  cx: number;
  cy: number;
  /** Paper level (80th percentile of the cell's neighbourhood). */
  bg: number;
  /** Ink contrast (paper minus 5th percentile); 0 for an empty cell. */
  contrast: number;
}

export interface CellSampler {
  readonly img: Gray;
  readonly h: Homography;
}

/** q-quantile of 0..255 samples, by histogram (the cells are small, but there are many). */
function percentile(v: Float32Array, q: number): number {
  const hist = new Uint32Array(256);
  for (let i = 0; i < v.length; i++) hist[v[i]! | 0]!++;
  const target = q * v.length;
  let acc = 0;
  for (let b = 0; b < 256; b++) {
    acc += hist[b]!;
    if (acc > target) return b + 0.5;
  }
  return 255;
}

/**
 * Samples a W x H raster centred on canonical (cx, cy) at `sx`, `sy` canonical pixels per output
 * pixel, through the homography, with bilinear interpolation (inlined: this is the hot path).
 */
function warpInto(s: CellSampler, cx: number, cy: number, sx: number, sy: number, dx: number, dy: number, W: number, H: number, out: Float32Array): void {
  const h = s.h, img = s.img, d = img.data, iw = img.width, ih = img.height;
  const h0 = h[0]!, h1 = h[1]!, h2 = h[2]!, h3 = h[3]!, h4 = h[4]!, h5 = h[5]!, h6 = h[6]!, h7 = h[7]!, h8 = h[8]!;
  for (let j = 0; j < H; j++) {
    const v = cy + ((j - H / 2 + 0.5) * sy + dy) / CANON;
    for (let i = 0; i < W; i++) {
      const u = cx + ((i - W / 2 + 0.5) * sx + dx) / CANON;
      const wz = h6 * u + h7 * v + h8;
      let x = (h0 * u + h1 * v + h2) / wz, y = (h3 * u + h4 * v + h5) / wz;
      if (x < 0) x = 0; else if (x > iw - 1.001) x = iw - 1.001;
      if (y < 0) y = 0; else if (y > ih - 1.001) y = ih - 1.001;
      const x0 = x | 0, y0 = y | 0, fx = x - x0, fy = y - y0;
      const p = y0 * iw + x0;
      const a = d[p]!, b = d[p + 1]!, c = d[p + iw]!, e = d[p + iw + 1]!;
      out[j * W + i] = (a + (b - a) * fx) * (1 - fy) + (c + (e - c) * fx) * fy;
    }
  }
}

/** Finds the paper level and the ink's centre of mass around the nominal centre of a cell. */
export function prepareCell(s: CellSampler, x0: number, y0: number): Cell {
  const W = 32, H = 40;
  const win = new Float32Array(W * H);
  const fill = (cx: number, cy: number): void => warpInto(s, cx, cy, 1, 1, 0, 0, W, H, win);
  fill(x0, y0);
  const bg = percentile(win, 0.8);
  const dark = percentile(win, 0.05);
  let cx = x0, cy = y0;
  for (let it = 0; it < 2; it++) {
    let m = 0, mx = 0, my = 0;
    for (let j = 4; j < H - 3; j++) for (let i = 4; i < W - 4; i++) {
      const v = Math.max(0, bg - win[j * W + i]!);
      m += v; mx += v * (i - W / 2 + 0.5); my += v * (j - H / 2 + 0.5);
    }
    if (m <= 0) break;
    const dx = Math.max(-6, Math.min(6, mx / m)), dy = Math.max(-7, Math.min(7, my / m));
    cx += dx / CANON; cy += dy / CANON;
    if (Math.abs(dx) < 0.3 && Math.abs(dy) < 0.3) break;
    fill(cx, cy);
  }
  return { cx, cy, bg, contrast: Math.max(0, bg - dark) };
}

/** The cell's ink patch at glyph scale (sx, sy), shifted by (dx, dy) canonical pixels, normalised. */
export function extractPatch(s: CellSampler, cell: Cell, sx: number, sy: number, dx: number, dy: number, out: Float32Array): boolean {
  warpInto(s, cell.cx, cell.cy, sx, sy, dx, dy, PATCH_W, PATCH_H, out);
  const bg = cell.bg;
  for (let k = 0; k < out.length; k++) { const v = bg - out[k]!; out[k] = v > 0 ? v : 0; }
  return normalise(out);
}

const ALL_CLASSES = Array.from({ length: N_CLASSES }, (_, i) => i);
/** Index, within a class's variants, of the normal-weight middle-blur one (see templates.ts). */
const MID_VARIANT = 4;
/** Classes per cell scored with all variants in the final pass. */
const SHORTLIST = 10;

/** Best NCC per class for one patch (max over the class's variants). */
export function scorePatch(patch: Float32Array, out: Float32Array, classes?: readonly number[], bestVariant?: Int32Array): void {
  const t = templates();
  const data = t.data, n = PATCH_N;
  const list = classes ?? ALL_CLASSES;
  for (let ci = 0; ci < list.length; ci++) {
    const c = list[ci]!;
    const vars = t.byClass[c]!;
    let best = -1, bv = vars[0]!;
    for (let vi = 0; vi < vars.length; vi++) {
      let base = vars[vi]! * n;
      let d = 0;
      for (let k = 0; k < n; k++, base++) d += patch[k]! * data[base]!;
      if (d > best) { best = d; bv = vars[vi]!; }
    }
    out[c] = best;
    if (bestVariant) bestVariant[c] = bv;
  }
}

export interface Classification {
  /** cells × N_CLASSES NCC scores. */
  readonly scores: Float32Array;
  readonly sx: number;
  readonly sy: number;
}

/** Quick look at scale 1: each cell's likeliest classes and best variants, and the mean best score. */
export interface FirstPass {
  readonly cells: readonly Cell[];
  /** Per cell: up to 3 [class, variant] pairs, best first. */
  readonly top: readonly (readonly (readonly [number, number])[])[];
  /** Per cell: the classes worth scoring with every variant. */
  readonly shortlist: readonly (readonly number[])[];
  /** cells × N_CLASSES scores of the single quick variant (lower bounds of the full scores). */
  readonly quick: Float32Array;
  readonly mean: number;
}

export function firstPass(s: CellSampler, centres: readonly (readonly [number, number])[], budget: Budget): FirstPass {
  const t = templates();
  const data = t.data;
  const cells = centres.map(([x, y]) => prepareCell(s, x, y));
  const patch = new Float32Array(PATCH_N);
  const quick = new Float32Array(cells.length * N_CLASSES).fill(-1);
  const top: (readonly [number, number])[][] = [];
  const shortlist: number[][] = [];
  let sum = 0;
  for (let i = 0; i < cells.length; i++) {
    const q = quick.subarray(i * N_CLASSES, (i + 1) * N_CLASSES);
    const ok = extractPatch(s, cells[i]!, 1, 1, 0, 0, patch);
    if (ok) {
      // One middle-weight, middle-blur variant per class is enough to rank the classes.
      for (let c = 0; c < N_CLASSES; c++) {
        let base = t.byClass[c]![MID_VARIANT]! * PATCH_N, d = 0;
        for (let k = 0; k < PATCH_N; k++, base++) d += patch[k]! * data[base]!;
        q[c] = d;
      }
    }
    const order = ALL_CLASSES.slice().sort((a, b) => q[b]! - q[a]!);
    shortlist.push(order.slice(0, SHORTLIST));
    const best3: [number, number][] = [];
    for (const c of order.slice(0, 3)) {
      let bv = t.byClass[c]![MID_VARIANT]!, bs = -2;
      if (ok) for (const v of t.byClass[c]!) {
        let base = v * PATCH_N, d = 0;
        for (let k = 0; k < PATCH_N; k++, base++) d += patch[k]! * data[base]!;
        if (d > bs) { bs = d; bv = v; }
      }
      best3.push([c, bv]);
    }
    top.push(best3);
    sum += Math.max(0, q[order[0]!]!);
    if ((i & 15) === 0) budget.check();
  }
  return { cells, top, shortlist, quick, mean: sum / cells.length };
}

/**
 * Fits the global glyph scale (self-calibration: photos are foreshortened, documents print OCR-B at
 * slightly different sizes, and 0 vs O differs mainly in height), then scores every class at that
 * scale with a ±1 px shift search over the likeliest ones.
 */
export function refine(s: CellSampler, fp: FirstPass, budget: Budget): Classification {
  const t = templates();
  const data = t.data;
  const n = fp.cells.length;
  const patch = new Float32Array(PATCH_N);
  const objective = (sx: number, sy: number): number => {
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (!extractPatch(s, fp.cells[i]!, sx, sy, 0, 0, patch)) continue;
      let m = -1;
      for (const [, v] of fp.top[i]!) {
        let base = v * PATCH_N, d = 0;
        for (let k = 0; k < PATCH_N; k++, base++) d += patch[k]! * data[base]!;
        if (d > m) m = d;
      }
      total += m;
    }
    return total;
  };
  let sx = 1, sy = 1, best = objective(1, 1), step = 0.08;
  while (step > 0.012) {
    budget.check();
    let moved = false;
    for (const [ax, ay] of [[step, 0], [-step, 0], [0, step], [0, -step]] as const) {
      const nx = sx + ax, ny = sy + ay;
      if (nx < 0.7 || nx > 1.35 || ny < 0.7 || ny > 1.35) continue;
      const f = objective(nx, ny);
      if (f > best) { best = f; sx = nx; sy = ny; moved = true; }
    }
    if (!moved) step /= 2;
  }
  const scores = new Float32Array(n * N_CLASSES);
  const bestVar = new Int32Array(N_CLASSES);
  for (let i = 0; i < n; i++) {
    const out = scores.subarray(i * N_CLASSES, (i + 1) * N_CLASSES);
    out.set(fp.quick.subarray(i * N_CLASSES, (i + 1) * N_CLASSES));
    if (!extractPatch(s, fp.cells[i]!, sx, sy, 0, 0, patch)) continue;
    for (let c = 0; c < N_CLASSES; c++) bestVar[c] = t.byClass[c]![MID_VARIANT]!;
    scorePatch(patch, out, fp.shortlist[i], bestVar);
    // Shift search with each leading class's best variant only: position, not style, is in question.
    const top = topK(out, 4);
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      if (!dx && !dy) continue;
      if (!extractPatch(s, fp.cells[i]!, sx, sy, dx, dy, patch)) continue;
      for (const c of top) {
        let base = bestVar[c]! * PATCH_N, d = 0;
        for (let k = 0; k < PATCH_N; k++, base++) d += patch[k]! * data[base]!;
        if (d > out[c]!) out[c] = d;
      }
    }
    if ((i & 15) === 0) budget.check();
  }
  return { scores, sx, sy };
}

function topK(row: Float32Array, k: number): number[] {
  return ALL_CLASSES.slice().sort((a, b) => row[b]! - row[a]!).slice(0, k);
}
