/**
 * Glyph templates for normalised cross-correlation, derived at load time from the committed OCR-B
 * masters: three stroke weights × three blur levels per glyph, so thin, bold, sharp and soft prints
 * all find a close template without storing them all.
 */
import { OCRB_TEMPLATES } from './ocrb-templates.js';

export const PATCH_W = 24;
export const PATCH_H = 34;
export const PATCH_N = PATCH_W * PATCH_H;
export const ALPHABET = OCRB_TEMPLATES.alphabet;
export const N_CLASSES = ALPHABET.length;

export interface TemplateSet {
  /** Variants × PATCH_N, each zero-mean and unit-norm. */
  readonly data: Float32Array;
  /** Class (index into ALPHABET) of each variant. */
  readonly classOf: Uint8Array;
  /** Variant indices per class. */
  readonly byClass: readonly (readonly number[])[];
}

function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function morph(src: Float32Array, w: number, h: number, op: 'min' | 'max'): Float32Array {
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    let v = op === 'max' ? -Infinity : Infinity;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      const xx = Math.min(w - 1, Math.max(0, x + dx)), yy = Math.min(h - 1, Math.max(0, y + dy));
      const s = src[yy * w + xx]!;
      v = op === 'max' ? Math.max(v, s) : Math.min(v, s);
    }
    out[y * w + x] = v;
  }
  return out;
}

function gaussian(src: Float32Array, w: number, h: number, sigma: number): Float32Array {
  const r = Math.ceil(sigma * 3);
  const k: number[] = [];
  let sum = 0;
  for (let i = -r; i <= r; i++) { const v = Math.exp(-(i * i) / (2 * sigma * sigma)); k.push(v); sum += v; }
  const kn = k.map((v) => v / sum);
  const tmp = new Float32Array(w * h), out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    let s = 0;
    for (let i = -r; i <= r; i++) { const xx = Math.min(w - 1, Math.max(0, x + i)); s += src[y * w + xx]! * kn[i + r]!; }
    tmp[y * w + x] = s;
  }
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    let s = 0;
    for (let i = -r; i <= r; i++) { const yy = Math.min(h - 1, Math.max(0, y + i)); s += tmp[yy * w + x]! * kn[i + r]!; }
    out[y * w + x] = s;
  }
  return out;
}

/** Zero-mean, unit-norm in place; returns false for a flat vector. */
export function normalise(v: Float32Array): boolean {
  let m = 0;
  for (let i = 0; i < v.length; i++) m += v[i]!;
  m /= v.length;
  let n = 0;
  for (let i = 0; i < v.length; i++) { const d = v[i]! - m; v[i] = d; n += d * d; }
  if (n < 1e-6) return false;
  const s = 1 / Math.sqrt(n);
  for (let i = 0; i < v.length; i++) v[i]! *= s;
  return true;
}

let cached: TemplateSet | null = null;

export function templates(): TemplateSet {
  if (cached) return cached;
  const { width: mw, height: mh, data } = OCRB_TEMPLATES;
  const raw = decodeBase64(data);
  const weights = ['min', null, 'max'] as const;
  const sigmas = [1.0, 2.2, 3.6]; // at the 2x master scale
  const nVar = N_CLASSES * weights.length * sigmas.length;
  const out = new Float32Array(nVar * PATCH_N);
  const classOf = new Uint8Array(nVar);
  const byClass: number[][] = Array.from({ length: N_CLASSES }, () => []);
  let v = 0;
  for (let g = 0; g < N_CLASSES; g++) {
    const master = new Float32Array(mw * mh);
    for (let i = 0; i < mw * mh; i++) master[i] = raw[g * mw * mh + i]!;
    for (const wop of weights) {
      const weighted = wop ? morph(master, mw, mh, wop) : master;
      for (const s of sigmas) {
        const b = gaussian(weighted, mw, mh, s);
        const t = out.subarray(v * PATCH_N, (v + 1) * PATCH_N);
        for (let y = 0; y < PATCH_H; y++) for (let x = 0; x < PATCH_W; x++) {
          const i = 2 * y * mw + 2 * x;
          t[y * PATCH_W + x] = (b[i]! + b[i + 1]! + b[i + mw]! + b[i + mw + 1]!) / 4;
        }
        normalise(t);
        classOf[v] = g;
        byClass[g]!.push(v);
        v++;
      }
    }
  }
  cached = { data: out, classOf, byClass };
  return cached;
}
