/**
 * Finds MRZ candidates: rows of glyphs at one fixed pitch, stacked at one line spacing, and fits a
 * homography from the canonical character grid to the image. Rotation, keystone and scale are all
 * absorbed by that one map, so the classifier always sees upright cells of a known size.
 */
import { components, threshold, type Blob } from './components.js';
import type { Budget } from './errors.js';
import { apply, fitHomography, type Homography } from './homography.js';
import type { Gray } from './image.js';

export interface MrzFormat {
  readonly name: 'TD1' | 'TD3';
  readonly rows: number;
  readonly cols: number;
}
export const TD1: MrzFormat = { name: 'TD1', rows: 3, cols: 30 };
export const TD3: MrzFormat = { name: 'TD3', rows: 2, cols: 44 };

/** A located grid: canonical (col + 0.5, row * lineSpacing) in pitch units → image pixels. */
export interface GridCandidate {
  readonly format: MrzFormat;
  readonly h: Homography;
  /** Line spacing in pitch units. */
  readonly lineSpacing: number;
  /** Character pitch in image pixels (mean). */
  readonly pitch: number;
  /** Fraction of cells with a glyph found at the predicted place. */
  readonly fill: number;
}

interface Line {
  pts: Blob[];
  idx: number[];
  ux: number;
  uy: number;
  pitch: number;
  cx: number;
  cy: number;
}

function glyphLike(b: Blob, minH: number, maxH: number): boolean {
  if (b.h < minH || b.h > maxH) return false;
  if (b.w > 1.9 * b.h || b.w < 0.06 * b.h) return false;
  const fill = b.area / (b.w * b.h);
  return fill > 0.08 && fill < 0.97;
}

class Grid {
  private readonly cells = new Map<number, Blob[]>();
  constructor(readonly size: number, blobs: readonly Blob[]) {
    for (const b of blobs) {
      const k = this.key(Math.floor(b.x / size), Math.floor(b.y / size));
      const list = this.cells.get(k);
      if (list) list.push(b); else this.cells.set(k, [b]);
    }
  }
  private key(gx: number, gy: number): number { return gy * 100003 + gx; }
  near(x: number, y: number, r: number): Blob[] {
    const out: Blob[] = [];
    const gx0 = Math.floor((x - r) / this.size), gx1 = Math.floor((x + r) / this.size);
    const gy0 = Math.floor((y - r) / this.size), gy1 = Math.floor((y + r) / this.size);
    for (let gy = gy0; gy <= gy1; gy++) for (let gx = gx0; gx <= gx1; gx++) {
      const l = this.cells.get(this.key(gx, gy));
      if (l) for (const b of l) out.push(b);
    }
    return out;
  }
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1]! : 0;
}

/** Links each glyph to its nearest right-hand neighbour (mutually), giving text chains. */
function chains(blobs: Blob[], grid: Grid): Blob[][] {
  const right = new Map<Blob, Blob>(), left = new Map<Blob, Blob>();
  const best = (a: Blob, dir: 1 | -1): Blob | undefined => {
    let found: Blob | undefined, bd = Infinity;
    for (const b of grid.near(a.x, a.y, 2.4 * a.h)) {
      if (b === a) continue;
      const dx = (b.x - a.x) * dir, dy = b.y - a.y;
      const hm = Math.max(a.h, b.h);
      if (Math.min(a.h, b.h) < 0.45 * hm) continue;
      if (dx < 0.3 * hm || Math.abs(dy) > 0.6 * dx) continue;
      const d = Math.hypot(dx, dy);
      if (d > 2.2 * hm) continue;
      if (d < bd) { bd = d; found = b; }
    }
    return found;
  };
  for (const a of blobs) {
    const r = best(a, 1);
    if (r) right.set(a, r);
    const l = best(a, -1);
    if (l) left.set(a, l);
  }
  const next = new Map<Blob, Blob>();
  const hasPrev = new Set<Blob>();
  for (const [a, b] of right) if (left.get(b) === a) { next.set(a, b); hasPrev.add(b); }
  const out: Blob[][] = [];
  for (const a of blobs) {
    if (hasPrev.has(a) || !next.has(a)) continue;
    const c = [a];
    let cur = a;
    while (next.has(cur) && c.length < 200) { cur = next.get(cur)!; c.push(cur); }
    if (c.length >= 4) out.push(c);
  }
  return out;
}

function fitLine(pts: Blob[]): { ux: number; uy: number; cx: number; cy: number } {
  let cx = 0, cy = 0;
  for (const p of pts) { cx += p.x; cy += p.y; }
  cx /= pts.length; cy /= pts.length;
  let sxx = 0, sxy = 0, syy = 0;
  for (const p of pts) { const dx = p.x - cx, dy = p.y - cy; sxx += dx * dx; sxy += dx * dy; syy += dy * dy; }
  const theta = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  let ux = Math.cos(theta), uy = Math.sin(theta);
  if (ux < 0) { ux = -ux; uy = -uy; }
  return { ux, uy, cx, cy };
}

/** Turns a chain into fixed-pitch lines: cell indices from the steps, split where the pitch breaks. */
function toLines(chain: Blob[]): Line[] {
  const { ux, uy } = fitLine(chain);
  const t = chain.map((p) => p.x * ux + p.y * uy);
  const steps: number[] = [];
  for (let i = 1; i < t.length; i++) steps.push(t[i]! - t[i - 1]!);
  const p = median(steps.filter((s) => s > 0));
  if (!(p > 0)) return [];
  const lines: Line[] = [];
  let pts: Blob[] = [chain[0]!], idx = [0];
  const flush = (): void => { if (pts.length >= 4) lines.push(makeLine(pts, idx)); };
  for (let i = 1; i < chain.length; i++) {
    const k = steps[i - 1]! / p, r = Math.round(k);
    if (r === 0) {
      // Two pieces of one glyph: keep the taller.
      if (chain[i]!.h > pts[pts.length - 1]!.h) pts[pts.length - 1] = chain[i]!;
      continue;
    }
    if (Math.abs(k - r) > 0.3 || r > 3) { flush(); pts = [chain[i]!]; idx = [0]; continue; }
    pts.push(chain[i]!);
    idx.push(idx[idx.length - 1]! + r);
  }
  flush();
  return lines;
}

function makeLine(pts: Blob[], idx: number[]): Line {
  const { ux, uy, cx, cy } = fitLine(pts);
  // Pitch by regression of position on cell index.
  let mi = 0, mt = 0;
  const t = pts.map((q) => q.x * ux + q.y * uy);
  for (let i = 0; i < pts.length; i++) { mi += idx[i]!; mt += t[i]!; }
  mi /= pts.length; mt /= pts.length;
  let num = 0, den = 0;
  for (let i = 0; i < pts.length; i++) { num += (idx[i]! - mi) * (t[i]! - mt); den += (idx[i]! - mi) ** 2; }
  const pitch = den > 0 ? num / den : 0;
  return { pts, idx, ux, uy, pitch, cx, cy };
}

const span = (l: Line): number => l.idx[l.idx.length - 1]! + 1;

/** Joins collinear pieces of one text line separated by whole missing cells. */
function mergeLines(input: Line[], budget: Budget): Line[] {
  // Left to right, each line greedily absorbs the next collinear piece: O(lines²) at worst.
  const lines = [...input].sort((p, q) => p.pts[0]!.x - q.pts[0]!.x);
  const used = new Uint8Array(lines.length);
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (used[i]) continue;
    let a = lines[i]!;
    for (let grown = true; grown; ) {
      grown = false;
      budget.check();
      for (let j = i + 1; j < lines.length; j++) {
        if (used[j]) continue;
        const b = lines[j]!;
        if (a.ux * b.ux + a.uy * b.uy < Math.cos((3 * Math.PI) / 180)) continue;
        const ratio = b.pitch / a.pitch;
        if (ratio < 0.88 || ratio > 1.14) continue;
        const last = a.pts[a.pts.length - 1]!, first = b.pts[0]!;
        const dx = first.x - last.x, dy = first.y - last.y;
        const along = dx * a.ux + dy * a.uy, across = -dx * a.uy + dy * a.ux;
        if (Math.abs(across) > 0.3 * a.pitch) continue;
        const k = along / a.pitch, r = Math.round(k);
        if (r < 1 || r > 7 || Math.abs(k - r) > 0.3) continue;
        const off = a.idx[a.idx.length - 1]! + r;
        a = makeLine([...a.pts, ...b.pts], [...a.idx, ...b.idx.map((v) => v + off)]);
        used[j] = 1;
        grown = true;
        break;
      }
    }
    out.push(a);
  }
  return out;
}

/** Stacks of parallel lines at one pitch and one spacing: MRZ row hypotheses, best first. */
function stacks(lines: Line[], format: MrzFormat, budget: Budget): Line[][] {
  const cand = lines.filter((l) => l.pts.length >= 8 && span(l) <= format.cols + 12);
  const below = (a: Line, b: Line): number | null => {
    if (a.ux * b.ux + a.uy * b.uy < Math.cos((4 * Math.PI) / 180)) return null;
    const ratio = b.pitch / a.pitch;
    if (ratio < 0.85 || ratio > 1.18) return null;
    const dx = b.cx - a.cx, dy = b.cy - a.cy;
    const d = -dx * a.uy + dy * a.ux;
    if (d < 1.2 * a.pitch || d > 2.8 * a.pitch) return null;
    // Their extents along the line must overlap (points are ordered along the line).
    const along = (p: Blob): number => p.x * a.ux + p.y * a.uy;
    const lo = Math.max(along(a.pts[0]!), along(b.pts[0]!)), hi = Math.min(along(a.pts[a.pts.length - 1]!), along(b.pts[b.pts.length - 1]!));
    if (hi - lo < 5 * a.pitch) return null;
    return d;
  };
  const out: { rows: Line[]; score: number }[] = [];
  const complete = (l: Line): boolean => span(l) >= format.cols - 5;
  // Pairs first (line directly below line), then chains of them: no cubic scan.
  const down = new Map<Line, { b: Line; d: number }[]>();
  for (const a of cand) {
    budget.check();
    for (const b of cand) {
      if (a === b) continue;
      const d = below(a, b);
      if (d === null) continue;
      const list = down.get(a);
      if (list) list.push({ b, d }); else down.set(a, [{ b, d }]);
    }
  }
  for (const [a, list] of down) {
    for (const { b, d: d1 } of list) {
      if (format.rows === 2) {
        if (complete(a) && complete(b)) out.push({ rows: [a, b], score: a.pts.length + b.pts.length });
        continue;
      }
      for (const { b: c, d: d2 } of down.get(b) ?? []) {
        if (c === a || Math.abs(d2 - d1) > 0.25 * d1) continue;
        if ([a, b, c].filter(complete).length < 2) continue;
        out.push({ rows: [a, b, c], score: a.pts.length + b.pts.length + c.pts.length });
      }
    }
  }
  return out.sort((x, y) => y.score - x.score).map((s) => s.rows);
}

/** Brings the rows' cell indices into one column frame by voting on vertically adjacent glyphs. */
function alignRows(rows: Line[]): number[][] | null {
  const ref = rows.reduce((m, l) => (l.pts.length > m.pts.length ? l : m), rows[0]!);
  const cols: number[][] = [];
  for (const row of rows) {
    if (row === ref) { cols.push([...row.idx]); continue; }
    const votes = new Map<number, number>();
    row.pts.forEach((b, i) => {
      let bestD = Infinity, bestIdx = 0;
      ref.pts.forEach((a, j) => {
        const d = Math.abs((b.x - a.x) * ref.ux + (b.y - a.y) * ref.uy);
        if (d < bestD) { bestD = d; bestIdx = ref.idx[j]!; }
      });
      if (bestD < 0.35 * ref.pitch) votes.set(bestIdx - row.idx[i]!, (votes.get(bestIdx - row.idx[i]!) ?? 0) + 1);
    });
    let off = 0, n = 0;
    for (const [k, v] of votes) if (v > n) { n = v; off = k; }
    if (n < 3) return null;
    cols.push(row.idx.map((v) => v + off));
  }
  return cols;
}

function fitGrid(rows: Line[], cols: number[][], start: number, format: MrzFormat, grid: Grid, budget: Budget): GridCandidate | null {
  const pitch = rows.reduce((s, l) => s + l.pitch, 0) / rows.length;
  let spacing = 0;
  for (let r = 1; r < rows.length; r++) {
    const a = rows[r - 1]!, b = rows[r]!;
    spacing += -(b.cx - a.cx) * a.uy + (b.cy - a.cy) * a.ux;
  }
  const R = spacing / (rows.length - 1) / pitch;
  let src: number[] = [], dst: number[] = [];
  rows.forEach((row, r) => row.pts.forEach((b, i) => {
    const c = cols[r]![i]! - start;
    if (c < 0 || c >= format.cols) return;
    src.push(c + 0.5, r * R); dst.push(b.x, b.y);
  }));
  let h = fitHomography(src, dst);
  if (!h) return null;
  let fill = 0;
  for (let iter = 0; iter < 3 && h; iter++) {
    budget.check();
    // Re-collect: for every cell, the glyph nearest its predicted centre.
    src = []; dst = [];
    for (let r = 0; r < format.rows; r++) for (let c = 0; c < format.cols; c++) {
      const [px, py] = apply(h, c + 0.5, r * R);
      const [qx, qy] = apply(h, c + 1.5, r * R);
      const localPitch = Math.hypot(qx - px, qy - py);
      let best: Blob | undefined, bd = 0.32 * localPitch;
      for (const b of grid.near(px, py, localPitch)) {
        if (b.h < 0.35 * localPitch || b.h > 1.6 * localPitch || b.w > 1.3 * localPitch) continue;
        const d = Math.hypot(b.x - px, b.y - py);
        if (d < bd) { bd = d; best = b; }
      }
      if (best) { src.push(c + 0.5, r * R); dst.push(best.x, best.y); }
    }
    fill = src.length / 2 / (format.rows * format.cols);
    if (fill < 0.5) return null;
    h = fitHomography(src, dst);
  }
  if (!h) return null;
  return { format, h, lineSpacing: R, pitch, fill };
}

export interface LocateOptions {
  readonly formats?: readonly MrzFormat[];
  readonly maxCandidates?: number;
}

/** All plausible MRZ grids in the image, most complete first. */
export function locate(img: Gray, budget: Budget, options: LocateOptions = {}): GridCandidate[] {
  const long = Math.max(img.width, img.height);
  const radius = Math.max(7, Math.round(long / 60));
  const bin = threshold(img, radius, budget);
  budget.check();
  const blobs = components(bin, img.width, img.height, budget).filter((b) => glyphLike(b, 6, Math.max(60, long * 0.1)));
  budget.check();
  if (blobs.length < 40) return [];
  const grid = new Grid(32, blobs);
  let lines: Line[] = [];
  for (const c of chains(blobs, grid)) lines.push(...toLines(c));
  budget.check();
  lines = mergeLines(lines.filter((l) => l.pitch > 3), budget);
  budget.check();
  const out: GridCandidate[] = [];
  for (const format of options.formats ?? [TD1, TD3]) {
    let tried = 0;
    for (const rows of stacks(lines, format, budget)) {
      if (tried++ >= 4) break;
      budget.check();
      const cols = alignRows(rows);
      if (!cols) continue;
      const all = cols.flat();
      const lo = Math.min(...all), hi = Math.max(...all);
      const starts: number[] = [];
      if (hi - lo + 1 >= format.cols) {
        let bestN = -1;
        for (let s = lo; s <= hi - format.cols + 1; s++) {
          const n = all.filter((c) => c >= s && c < s + format.cols).length;
          if (n > bestN) { bestN = n; starts.length = 0; starts.push(s); } else if (n === bestN && starts.length < 2) starts.push(s);
        }
      } else {
        for (let s = lo; s >= hi - format.cols + 1 && starts.length < 3; s--) starts.push(s);
      }
      for (const s of starts) {
        const g = fitGrid(rows, cols, s, format, grid, budget);
        if (g) out.push(g);
      }
    }
  }
  out.sort((a, b) => b.fill - a.fill);
  // Drop duplicates (the same grid found from different row triples).
  const uniq: GridCandidate[] = [];
  for (const g of out) {
    const [x, y] = apply(g.h, 0.5, 0);
    if (uniq.some((u) => u.format === g.format && Math.hypot(...(([a, b]) => [a - x, b - y])(apply(u.h, 0.5, 0))) < 0.3 * g.pitch)) continue;
    uniq.push(g);
    if (uniq.length >= (options.maxCandidates ?? 4)) break;
  }
  return uniq;
}
