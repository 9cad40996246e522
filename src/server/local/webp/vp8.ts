/**
 * Lossy WebP (a VP8 key frame, RFC 6386) → its luma plane.
 *
 * Written after golang.org/x/image/vp8 (Copyright 2011 The Go Authors, BSD licence) and libwebp's
 * src/dec (Copyright 2010 Google Inc., BSD licence); where the two differ (UV DC quantiser clamp,
 * which macroblocks get inner-edge filtering) libwebp is followed, since dwebp is the reference the
 * tests compare against.
 *
 * The reader only needs luma, so chroma coefficients are parsed (they share the token partitions
 * and must be consumed) but never reconstructed. Intra prediction reads the unfiltered
 * reconstruction, so the whole Y plane is decoded first and loop-filtered afterwards.
 */
import { ImageError } from '../errors.js';
import { BoolReader } from './bool-reader.js';
import { AC_TABLE, BMODES_PROBA, COEFF_PROBA0, COEFF_UPDATE_PROBA, DC_TABLE } from './vp8-tables.js';

export interface VP8Frame {
  readonly width: number;
  readonly height: number;
  /** Unclipped luma plane: `stride` = 16 × macroblocks wide, rows = 16 × macroblocks high. */
  readonly y: Uint8Array;
  readonly stride: number;
}

const BANDS = [0, 1, 2, 3, 6, 4, 5, 6, 6, 6, 6, 6, 6, 6, 6, 7, 0];
const ZIGZAG = [0, 1, 4, 8, 5, 2, 3, 6, 9, 12, 13, 10, 7, 11, 14, 15];
const CAT3456 = [
  [173, 148, 140, 0],
  [176, 155, 140, 135, 0],
  [180, 157, 141, 134, 130, 0],
  [254, 254, 243, 230, 196, 177, 153, 140, 133, 130, 129, 0],
];
// Coefficient plane types (the first index of the probability tables).
const TYPE_I16_AC = 0, TYPE_Y2 = 1, TYPE_UV = 2, TYPE_I4 = 3;
// Intra modes in libwebp's numbering (16x16 modes share the first four with the 4x4 ones).
const DC_PRED = 0, TM_PRED = 1, V_PRED = 2, H_PRED = 3;
const B_RD_PRED = 4, B_VR_PRED = 5, B_LD_PRED = 6, B_VL_PRED = 7, B_HD_PRED = 8, B_HU_PRED = 9;

/** Workspace stride: a 16x16 macroblock plus its left column and top row (and the top-right 4). */
const BPS = 32;
/** Offset of the macroblock's top-left pixel in the workspace (row 1, column 8). */
const Y0 = BPS + 8;

function fail(msg: string): never {
  throw new ImageError(`cannot decode WebP: ${msg}`);
}

interface FilterInfo { limit: number; ilevel: number; hev: number }

/** Parses and reconstructs the VP8 key frame in bytes[start, end). */
export function decodeVP8(bytes: Uint8Array, start: number, end: number, maxPixels: number): VP8Frame {
  if (end - start < 10) fail('truncated VP8 frame header');
  const b0 = bytes[start]!, b1 = bytes[start + 1]!, b2 = bytes[start + 2]!;
  if (b0 & 1) fail('not a key frame');
  if (((b0 >> 1) & 7) > 3) fail('unknown VP8 profile');
  if (!((b0 >> 4) & 1)) fail('frame not shown');
  const part0Size = (b0 | (b1 << 8) | (b2 << 16)) >>> 5;
  if (bytes[start + 3] !== 0x9d || bytes[start + 4] !== 0x01 || bytes[start + 5] !== 0x2a) fail('bad VP8 start code');
  const width = (bytes[start + 6]! | (bytes[start + 7]! << 8)) & 0x3fff;
  const height = (bytes[start + 8]! | (bytes[start + 9]! << 8)) & 0x3fff;
  if (width === 0 || height === 0) fail('empty VP8 frame');
  if (width * height > maxPixels) throw new ImageError(`image too large (${width}x${height})`, 413);
  const p0Start = start + 10;
  if (p0Start + part0Size > end) fail('truncated first partition');
  const br = new BoolReader(bytes, p0Start, p0Start + part0Size);
  br.bit(0x80); // colour space
  br.bit(0x80); // clamping type: the reconstruction always clamps

  // Segment header (section 9.3).
  const useSegment = br.bit(0x80) === 1;
  let updateMap = false, absoluteDelta = false;
  const segQuant = [0, 0, 0, 0], segFilter = [0, 0, 0, 0], segProba = [255, 255, 255];
  if (useSegment) {
    updateMap = br.bit(0x80) === 1;
    if (br.bit(0x80)) {
      absoluteDelta = br.bit(0x80) === 1;
      for (let s = 0; s < 4; s++) segQuant[s] = br.optionalSigned(7);
      for (let s = 0; s < 4; s++) segFilter[s] = br.optionalSigned(6);
    }
    if (updateMap) for (let s = 0; s < 3; s++) segProba[s] = br.bit(0x80) ? br.literal(8) : 255;
  }

  // Filter header (section 9.4).
  const simple = br.bit(0x80) === 1;
  const filterLevel = br.literal(6);
  const sharpness = br.literal(3);
  const useLfDelta = br.bit(0x80) === 1;
  const refLfDelta = [0, 0, 0, 0], modeLfDelta = [0, 0, 0, 0];
  if (useLfDelta && br.bit(0x80)) {
    for (let i = 0; i < 4; i++) if (br.bit(0x80)) refLfDelta[i] = signedAfterFlag(br, 6);
    for (let i = 0; i < 4; i++) if (br.bit(0x80)) modeLfDelta[i] = signedAfterFlag(br, 6);
  }

  // Token partitions (section 9.5).
  const nParts = 1 << br.literal(2);
  let p = p0Start + part0Size;
  const sizesEnd = p + 3 * (nParts - 1);
  if (sizesEnd > end) fail('truncated partition table');
  const parts: BoolReader[] = [];
  let q = sizesEnd;
  for (let i = 0; i < nParts - 1; i++) {
    const size = bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16);
    p += 3;
    if (q + size > end) fail('truncated token partition');
    parts.push(new BoolReader(bytes, q, q + size));
    q += size;
  }
  if (q > end) fail('truncated token partition');
  parts.push(new BoolReader(bytes, q, end));

  // Quantisers (section 9.6), per segment.
  const baseQ = br.literal(7);
  const dqY1Dc = br.optionalSigned(4), dqY2Dc = br.optionalSigned(4), dqY2Ac = br.optionalSigned(4);
  const dqUvDc = br.optionalSigned(4), dqUvAc = br.optionalSigned(4);
  const clip = (v: number, hi: number): number => (v < 0 ? 0 : v > hi ? hi : v);
  // [y1dc, y1ac, y2dc, y2ac, uvdc, uvac] for each segment.
  const quant: number[][] = [];
  for (let s = 0; s < 4; s++) {
    let qi = baseQ;
    if (useSegment) qi = absoluteDelta ? segQuant[s]! : segQuant[s]! + baseQ;
    const y2ac = (AC_TABLE[clip(qi + dqY2Ac, 127)]! * 101581) >> 16;
    quant.push([
      DC_TABLE[clip(qi + dqY1Dc, 127)]!, AC_TABLE[clip(qi, 127)]!,
      DC_TABLE[clip(qi + dqY2Dc, 127)]! * 2, y2ac < 8 ? 8 : y2ac,
      DC_TABLE[clip(qi + dqUvDc, 117)]!, AC_TABLE[clip(qi + dqUvAc, 127)]!,
    ]);
  }

  br.bit(0x80); // refresh entropy probabilities: irrelevant for a single frame
  // Coefficient probabilities (section 13.4).
  const proba = new Uint8Array(COEFF_PROBA0.length);
  for (let i = 0; i < proba.length; i++) proba[i] = br.bit(COEFF_UPDATE_PROBA[i]!) ? br.literal(8) : COEFF_PROBA0[i]!;
  const useSkip = br.bit(0x80) === 1;
  const skipProba = useSkip ? br.literal(8) : 0;
  if (br.eof) fail('truncated frame header');

  // Loop-filter strengths per segment and per 16x16/4x4 (section 15.4, as libwebp computes them).
  const filters: FilterInfo[][] = [];
  for (let s = 0; s < 4; s++) {
    let base = filterLevel;
    if (useSegment) base = absoluteDelta ? segFilter[s]! : segFilter[s]! + filterLevel;
    const pair: FilterInfo[] = [];
    for (let i4 = 0; i4 <= 1; i4++) {
      let level = base;
      if (useLfDelta) {
        level += refLfDelta[0]!;
        if (i4) level += modeLfDelta[0]!;
      }
      level = level < 0 ? 0 : level > 63 ? 63 : level;
      if (level === 0) { pair.push({ limit: 0, ilevel: 0, hev: 0 }); continue; }
      let ilevel = level;
      if (sharpness > 0) {
        ilevel >>= sharpness > 4 ? 2 : 1;
        if (ilevel > 9 - sharpness) ilevel = 9 - sharpness;
      }
      if (ilevel < 1) ilevel = 1;
      pair.push({ limit: 2 * level + ilevel, ilevel, hev: level >= 40 ? 2 : level >= 15 ? 1 : 0 });
    }
    filters.push(pair);
  }

  const mbw = (width + 15) >> 4, mbh = (height + 15) >> 4;
  const stride = mbw * 16;
  const y = new Uint8Array(stride * mbh * 16);
  const ws = new Uint8Array(BPS * 17);
  const coeffs = new Int16Array(16 * 16 + 16);
  const uvScratch = new Int16Array(16);
  const dcs = new Int16Array(16);
  // Contexts: intra modes of the 4x4 blocks along the top (per macroblock column) and left edges,
  // and whether the neighbouring blocks had non-zero coefficients.
  const intraTop = new Uint8Array(4 * mbw);
  const intraLeft = new Uint8Array(4);
  const nzTop = new Uint8Array(mbw), nzDcTop = new Uint8Array(mbw);
  const modes = new Uint8Array(16);
  const mbFilter = new Int8Array(mbw * mbh * 2); // [segment, inner] per macroblock
  const doFilter = filterLevel !== 0;

  for (let mby = 0; mby < mbh; mby++) {
    const tokens = parts[mby & (nParts - 1)]!;
    intraLeft.fill(DC_PRED);
    let nzLeft = 0, nzDcLeft = 0;
    for (let mbx = 0; mbx < mbw; mbx++) {
      // Modes (section 19.3 / 11): from the first partition.
      let segment = 0;
      if (updateMap) segment = !br.bit(segProba[0]!) ? br.bit(segProba[1]!) : br.bit(segProba[2]!) + 2;
      const skipFlag = useSkip ? br.bit(skipProba) : 0;
      const isI4 = !br.bit(145);
      let ymode = DC_PRED;
      if (!isI4) {
        ymode = br.bit(156) ? (br.bit(128) ? TM_PRED : H_PRED) : br.bit(163) ? V_PRED : DC_PRED;
        intraTop.fill(ymode, 4 * mbx, 4 * mbx + 4);
        intraLeft.fill(ymode);
      } else {
        for (let by = 0; by < 4; by++) {
          let m = intraLeft[by]!;
          for (let bx = 0; bx < 4; bx++) {
            const o = (intraTop[4 * mbx + bx]! * 10 + m) * 9;
            m = !br.bit(BMODES_PROBA[o]!) ? DC_PRED
              : !br.bit(BMODES_PROBA[o + 1]!) ? TM_PRED
              : !br.bit(BMODES_PROBA[o + 2]!) ? V_PRED
              : !br.bit(BMODES_PROBA[o + 3]!)
                ? (!br.bit(BMODES_PROBA[o + 4]!) ? H_PRED : !br.bit(BMODES_PROBA[o + 5]!) ? B_RD_PRED : B_VR_PRED)
                : !br.bit(BMODES_PROBA[o + 6]!) ? B_LD_PRED
                : !br.bit(BMODES_PROBA[o + 7]!) ? B_VL_PRED
                : !br.bit(BMODES_PROBA[o + 8]!) ? B_HD_PRED : B_HU_PRED;
            intraTop[4 * mbx + bx] = m;
            modes[by * 4 + bx] = m;
          }
          intraLeft[by] = m;
        }
      }
      // Chroma mode: parsed to keep the first partition in step, then unused.
      if (br.bit(142) && br.bit(114)) br.bit(183);

      // Residuals (section 13): from this row's token partition.
      const qm = quant[segment]!;
      coeffs.fill(0);
      let allZero = true;
      if (!skipFlag) {
        let first = 0, acType = TYPE_I4;
        if (!isI4) {
          dcs.fill(0);
          const ctx = nzDcTop[mbx]! + nzDcLeft;
          const nz = getCoeffs(tokens, proba, TYPE_Y2, ctx, qm[2]!, qm[3]!, 0, dcs, 0);
          nzDcTop[mbx] = nzDcLeft = nz > 0 ? 1 : 0;
          inverseWHT(dcs, coeffs);
          first = 1;
          acType = TYPE_I16_AC;
        }
        let tnz = nzTop[mbx]! & 0x0f;
        const lnz = nzLeft & 0x0f;
        let outT = 0, outL = 0;
        for (let by = 0; by < 4; by++) {
          let l = (lnz >> by) & 1;
          for (let bx = 0; bx < 4; bx++) {
            const ctx = l + ((tnz >> bx) & 1);
            const nz = getCoeffs(tokens, proba, acType, ctx, qm[0]!, qm[1]!, first, coeffs, (by * 4 + bx) * 16);
            l = nz > first ? 1 : 0;
            tnz = (tnz & ~(1 << bx)) | (l << bx);
            if (nz > first || coeffs[(by * 4 + bx) * 16] !== 0) allZero = false;
          }
          outL |= l << by;
        }
        outT = tnz;
        // Chroma: U then V, each 2x2 blocks with their own contexts in bits 4-5 and 6-7.
        for (let ch = 0; ch < 4; ch += 2) {
          let ct = (nzTop[mbx]! >> (4 + ch)) & 3, cl = (nzLeft >> (4 + ch)) & 3;
          for (let by = 0; by < 2; by++) {
            let l = (cl >> by) & 1;
            for (let bx = 0; bx < 2; bx++) {
              const ctx = l + ((ct >> bx) & 1);
              uvScratch.fill(0);
              const nz = getCoeffs(tokens, proba, TYPE_UV, ctx, qm[4]!, qm[5]!, 0, uvScratch, 0);
              l = nz > 0 ? 1 : 0;
              ct = (ct & ~(1 << bx)) | (l << bx);
              if (nz > 0) allZero = false;
            }
            cl = (cl & ~(1 << by)) | (l << by);
          }
          outT |= ct << (4 + ch);
          outL |= cl << (4 + ch);
        }
        nzTop[mbx] = outT;
        nzLeft = outL;
        if (tokens.eof) fail('truncated token partition');
      } else {
        nzTop[mbx] = 0;
        nzLeft = 0;
        if (!isI4) nzDcTop[mbx] = nzDcLeft = 0;
      }
      if (doFilter) {
        mbFilter[2 * (mby * mbw + mbx)] = segment;
        // Bit 0: filter the inner edges (4x4-predicted, or any coefficient); bit 1: 4x4-predicted.
        mbFilter[2 * (mby * mbw + mbx) + 1] = (isI4 || !allZero ? 1 : 0) | (isI4 ? 2 : 0);
      }

      // Reconstruction of the luma macroblock in the workspace, then copied out.
      prepareWorkspace(ws, y, stride, mbx, mby, mbw);
      if (!isI4) {
        predict16(ws, checkDcMode(ymode, mbx, mby));
        for (let n = 0; n < 16; n++) addResidual(coeffs, n * 16, ws, Y0 + (n >> 2) * 4 * BPS + (n & 3) * 4);
      } else {
        for (let n = 0; n < 16; n++) {
          const d = Y0 + (n >> 2) * 4 * BPS + (n & 3) * 4;
          predict4(ws, d, modes[n]!);
          addResidual(coeffs, n * 16, ws, d);
        }
      }
      const out = mby * 16 * stride + mbx * 16;
      for (let r = 0; r < 16; r++) y.set(ws.subarray(Y0 + r * BPS, Y0 + r * BPS + 16), out + r * stride);
    }
    if (br.eof) fail('truncated first partition');
  }

  if (doFilter) loopFilter(y, stride, mbw, mbh, simple, filters, mbFilter);
  return { width, height, y, stride };
}

function signedAfterFlag(br: BoolReader, n: number): number {
  const v = br.literal(n);
  return br.bit(0x80) ? -v : v;
}

/** DC prediction without a top or left neighbour uses what is there (section 12.2). */
function checkDcMode(mode: number, mbx: number, mby: number): number {
  if (mode !== DC_PRED) return mode;
  if (mbx === 0) return mby === 0 ? 12 : 11; // no top-left / no left
  return mby === 0 ? 10 : DC_PRED; // no top
}

/**
 * Fills the workspace's top row (with 4 top-right pixels, repeated down the right edge for the
 * right-hand 4x4 blocks) and left column from the unfiltered plane, or the 127/129 borders.
 */
function prepareWorkspace(ws: Uint8Array, y: Uint8Array, stride: number, mbx: number, mby: number, mbw: number): void {
  if (mbx === 0) {
    for (let r = 1; r < 17; r++) ws[r * BPS + 7] = 129;
  } else {
    for (let r = 1; r < 17; r++) ws[r * BPS + 7] = ws[r * BPS + 23]!;
  }
  if (mby === 0) {
    ws.fill(127, 7, 28);
  } else {
    const above = (mby * 16 - 1) * stride + mbx * 16;
    ws[7] = mbx === 0 ? 129 : y[above - 1]!;
    for (let i = 0; i < 16; i++) ws[8 + i] = y[above + i]!;
    if (mbx === mbw - 1) ws.fill(y[above + 15]!, 24, 28);
    else for (let i = 16; i < 20; i++) ws[8 + i] = y[above + i]!;
  }
  for (let r = 4; r < 16; r += 4) for (let i = 24; i < 28; i++) ws[r * BPS + i] = ws[i]!;
}

/** Reads one 4x4 block's tokens (section 13.2); returns the index after the last one read. */
function getCoeffs(br: BoolReader, proba: Uint8Array, type: number, ctx: number, dcq: number, acq: number, n: number, out: Int16Array, base: number): number {
  const typeBase = type * 264; // 8 bands × 3 contexts × 11 nodes
  let p = typeBase + BANDS[n]! * 33 + ctx * 11;
  for (; n < 16; n++) {
    if (!br.bit(proba[p]!)) return n; // end of block
    while (!br.bit(proba[p + 1]!)) { // a zero coefficient
      if (++n === 16) return 16;
      p = typeBase + BANDS[n]! * 33;
    }
    let v: number;
    const next = typeBase + BANDS[n + 1]! * 33;
    if (!br.bit(proba[p + 2]!)) {
      v = 1;
      p = next + 11;
    } else {
      v = largeValue(br, proba, p);
      p = next + 22;
    }
    const sign = br.bit(0x80);
    out[base + ZIGZAG[n]!] = (sign ? -v : v) * (n > 0 ? acq : dcq);
  }
  return 16;
}

function largeValue(br: BoolReader, proba: Uint8Array, p: number): number {
  if (!br.bit(proba[p + 3]!)) {
    return !br.bit(proba[p + 4]!) ? 2 : 3 + br.bit(proba[p + 5]!);
  }
  if (!br.bit(proba[p + 6]!)) {
    if (!br.bit(proba[p + 7]!)) return 5 + br.bit(159);
    return 7 + 2 * br.bit(165) + br.bit(145);
  }
  const bit1 = br.bit(proba[p + 8]!);
  const bit0 = br.bit(proba[p + 9 + bit1]!);
  const cat = 2 * bit1 + bit0;
  const tab = CAT3456[cat]!;
  let v = 0;
  for (let i = 0; tab[i]; i++) v = v + v + br.bit(tab[i]!);
  return v + 3 + (8 << cat);
}

/** Inverse Walsh-Hadamard transform of the Y2 block into the DC of each luma block (section 14.3). */
function inverseWHT(input: Int16Array, out: Int16Array): void {
  const tmp = new Int32Array(16);
  for (let i = 0; i < 4; i++) {
    const a0 = input[i]! + input[12 + i]!, a1 = input[4 + i]! + input[8 + i]!;
    const a2 = input[4 + i]! - input[8 + i]!, a3 = input[i]! - input[12 + i]!;
    tmp[i] = a0 + a1;
    tmp[8 + i] = a0 - a1;
    tmp[4 + i] = a3 + a2;
    tmp[12 + i] = a3 - a2;
  }
  for (let i = 0; i < 4; i++) {
    const dc = tmp[i * 4]! + 3;
    const a0 = dc + tmp[3 + i * 4]!, a1 = tmp[1 + i * 4]! + tmp[2 + i * 4]!;
    const a2 = tmp[1 + i * 4]! - tmp[2 + i * 4]!, a3 = dc - tmp[3 + i * 4]!;
    out[(i * 4) * 16] = (a0 + a1) >> 3;
    out[(i * 4 + 1) * 16] = (a3 + a2) >> 3;
    out[(i * 4 + 2) * 16] = (a0 - a1) >> 3;
    out[(i * 4 + 3) * 16] = (a3 - a2) >> 3;
  }
}

const clip8 = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);
const mul1 = (a: number): number => ((a * 20091) >> 16) + a;
const mul2 = (a: number): number => (a * 35468) >> 16;
const idctTmp = new Int32Array(16);

/** Inverse DCT of one 4x4 block (section 14.4), added to the prediction in place. */
function addResidual(c: Int16Array, o: number, dst: Uint8Array, d: number): void {
  let any = 0;
  for (let i = 0; i < 16; i++) any |= c[o + i]!;
  if (!any) return;
  const tmp = idctTmp;
  for (let i = 0; i < 4; i++) {
    const i0 = c[o + i]!, i4 = c[o + 4 + i]!, i8 = c[o + 8 + i]!, i12 = c[o + 12 + i]!;
    const a = i0 + i8, b = i0 - i8;
    const cc = mul2(i4) - mul1(i12), dd = mul1(i4) + mul2(i12);
    tmp[i * 4] = a + dd;
    tmp[i * 4 + 1] = b + cc;
    tmp[i * 4 + 2] = b - cc;
    tmp[i * 4 + 3] = a - dd;
  }
  for (let i = 0; i < 4; i++) {
    const dc = tmp[i]! + 4;
    const a = dc + tmp[8 + i]!, b = dc - tmp[8 + i]!;
    const cc = mul2(tmp[4 + i]!) - mul1(tmp[12 + i]!), dd = mul1(tmp[4 + i]!) + mul2(tmp[12 + i]!);
    const r = d + i * BPS;
    dst[r] = clip8(dst[r]! + ((a + dd) >> 3));
    dst[r + 1] = clip8(dst[r + 1]! + ((b + cc) >> 3));
    dst[r + 2] = clip8(dst[r + 2]! + ((b - cc) >> 3));
    dst[r + 3] = clip8(dst[r + 3]! + ((a - dd) >> 3));
  }
}

function trueMotion(ws: Uint8Array, d: number, size: number): void {
  const tl = ws[d - BPS - 1]!;
  for (let r = 0; r < size; r++) {
    const left = ws[d + r * BPS - 1]! - tl;
    for (let x = 0; x < size; x++) ws[d + r * BPS + x] = clip8(left + ws[d - BPS + x]!);
  }
}

/** 16x16 luma prediction (section 12.2); modes 10-12 are DC without top, left, or both. */
function predict16(ws: Uint8Array, mode: number): void {
  const d = Y0;
  if (mode === TM_PRED) return trueMotion(ws, d, 16);
  if (mode === V_PRED) {
    for (let r = 0; r < 16; r++) ws.copyWithin(d + r * BPS, d - BPS, d - BPS + 16);
    return;
  }
  if (mode === H_PRED) {
    for (let r = 0; r < 16; r++) ws.fill(ws[d + r * BPS - 1]!, d + r * BPS, d + r * BPS + 16);
    return;
  }
  let dc: number;
  if (mode === 12) dc = 128;
  else {
    let s = 0;
    if (mode !== 10) for (let i = 0; i < 16; i++) s += ws[d - BPS + i]!; // has top
    if (mode !== 11) for (let i = 0; i < 16; i++) s += ws[d + i * BPS - 1]!; // has left
    dc = mode === DC_PRED ? (s + 16) >> 5 : (s + 8) >> 4;
  }
  for (let r = 0; r < 16; r++) ws.fill(dc, d + r * BPS, d + r * BPS + 16);
}

const avg3 = (a: number, b: number, c: number): number => (a + 2 * b + c + 2) >> 2;
const avg2 = (a: number, b: number): number => (a + b + 1) >> 1;

/** 4x4 sub-block prediction (section 12.3), at workspace offset d. */
function predict4(ws: Uint8Array, d: number, mode: number): void {
  const t = d - BPS;
  const X = ws[t - 1]!, A = ws[t]!, B = ws[t + 1]!, C = ws[t + 2]!, D = ws[t + 3]!;
  const E = ws[t + 4]!, F = ws[t + 5]!, G = ws[t + 6]!, H = ws[t + 7]!;
  const I = ws[d - 1]!, J = ws[d + BPS - 1]!, K = ws[d + 2 * BPS - 1]!, L = ws[d + 3 * BPS - 1]!;
  const set = (x: number, yy: number, v: number): void => { ws[d + x + yy * BPS] = v; };
  switch (mode) {
    case DC_PRED: {
      const dc = (A + B + C + D + I + J + K + L + 4) >> 3;
      for (let r = 0; r < 4; r++) ws.fill(dc, d + r * BPS, d + r * BPS + 4);
      return;
    }
    case TM_PRED: return trueMotion(ws, d, 4);
    case V_PRED: {
      const v = [avg3(X, A, B), avg3(A, B, C), avg3(B, C, D), avg3(C, D, E)];
      for (let r = 0; r < 4; r++) for (let x = 0; x < 4; x++) set(x, r, v[x]!);
      return;
    }
    case H_PRED: {
      const v = [avg3(X, I, J), avg3(I, J, K), avg3(J, K, L), avg3(K, L, L)];
      for (let r = 0; r < 4; r++) ws.fill(v[r]!, d + r * BPS, d + r * BPS + 4);
      return;
    }
    case B_RD_PRED:
      set(0, 3, avg3(J, K, L));
      set(1, 3, avg3(I, J, K)); set(0, 2, avg3(I, J, K));
      { const v = avg3(X, I, J); set(2, 3, v); set(1, 2, v); set(0, 1, v); }
      { const v = avg3(A, X, I); set(3, 3, v); set(2, 2, v); set(1, 1, v); set(0, 0, v); }
      { const v = avg3(B, A, X); set(3, 2, v); set(2, 1, v); set(1, 0, v); }
      { const v = avg3(C, B, A); set(3, 1, v); set(2, 0, v); }
      set(3, 0, avg3(D, C, B));
      return;
    case B_LD_PRED:
      set(0, 0, avg3(A, B, C));
      { const v = avg3(B, C, D); set(1, 0, v); set(0, 1, v); }
      { const v = avg3(C, D, E); set(2, 0, v); set(1, 1, v); set(0, 2, v); }
      { const v = avg3(D, E, F); set(3, 0, v); set(2, 1, v); set(1, 2, v); set(0, 3, v); }
      { const v = avg3(E, F, G); set(3, 1, v); set(2, 2, v); set(1, 3, v); }
      { const v = avg3(F, G, H); set(3, 2, v); set(2, 3, v); }
      set(3, 3, avg3(G, H, H));
      return;
    case B_VR_PRED:
      { const v = avg2(X, A); set(0, 0, v); set(1, 2, v); }
      { const v = avg2(A, B); set(1, 0, v); set(2, 2, v); }
      { const v = avg2(B, C); set(2, 0, v); set(3, 2, v); }
      set(3, 0, avg2(C, D));
      set(0, 3, avg3(K, J, I));
      set(0, 2, avg3(J, I, X));
      { const v = avg3(I, X, A); set(0, 1, v); set(1, 3, v); }
      { const v = avg3(X, A, B); set(1, 1, v); set(2, 3, v); }
      { const v = avg3(A, B, C); set(2, 1, v); set(3, 3, v); }
      set(3, 1, avg3(B, C, D));
      return;
    case B_VL_PRED:
      set(0, 0, avg2(A, B));
      { const v = avg2(B, C); set(1, 0, v); set(0, 2, v); }
      { const v = avg2(C, D); set(2, 0, v); set(1, 2, v); }
      { const v = avg2(D, E); set(3, 0, v); set(2, 2, v); }
      set(0, 1, avg3(A, B, C));
      { const v = avg3(B, C, D); set(1, 1, v); set(0, 3, v); }
      { const v = avg3(C, D, E); set(2, 1, v); set(1, 3, v); }
      { const v = avg3(D, E, F); set(3, 1, v); set(2, 3, v); }
      set(3, 2, avg3(E, F, G));
      set(3, 3, avg3(F, G, H));
      return;
    case B_HD_PRED:
      { const v = avg2(I, X); set(0, 0, v); set(2, 1, v); }
      { const v = avg2(J, I); set(0, 1, v); set(2, 2, v); }
      { const v = avg2(K, J); set(0, 2, v); set(2, 3, v); }
      set(0, 3, avg2(L, K));
      set(3, 0, avg3(A, B, C));
      set(2, 0, avg3(X, A, B));
      { const v = avg3(I, X, A); set(1, 0, v); set(3, 1, v); }
      { const v = avg3(X, I, J); set(1, 1, v); set(3, 2, v); }
      { const v = avg3(I, J, K); set(1, 2, v); set(3, 3, v); }
      set(1, 3, avg3(J, K, L));
      return;
    case B_HU_PRED:
      set(0, 0, avg2(I, J));
      { const v = avg2(J, K); set(2, 0, v); set(0, 1, v); }
      { const v = avg2(K, L); set(2, 1, v); set(0, 2, v); }
      set(1, 0, avg3(I, J, K));
      { const v = avg3(J, K, L); set(3, 0, v); set(1, 1, v); }
      { const v = avg3(K, L, L); set(3, 1, v); set(1, 2, v); }
      set(3, 2, L); set(2, 2, L); set(0, 3, L); set(1, 3, L); set(2, 3, L); set(3, 3, L);
      return;
    default:
      fail('bad intra mode');
  }
}

// ---- Loop filter (section 15), luma only, in libwebp's order: per macroblock, left edge, inner
// vertical edges, top edge, inner horizontal edges.

const sclip1 = (v: number): number => (v < -128 ? -128 : v > 127 ? 127 : v);
const sclip2 = (v: number): number => (v < -16 ? -16 : v > 15 ? 15 : v);

function doFilter2(p: Uint8Array, i: number, step: number): void {
  const p1 = p[i - 2 * step]!, p0 = p[i - step]!, q0 = p[i]!, q1 = p[i + step]!;
  const a = 3 * (q0 - p0) + sclip1(p1 - q1);
  const a1 = sclip2((a + 4) >> 3), a2 = sclip2((a + 3) >> 3);
  p[i - step] = clip8(p0 + a2);
  p[i] = clip8(q0 - a1);
}

function doFilter4(p: Uint8Array, i: number, step: number): void {
  const p1 = p[i - 2 * step]!, p0 = p[i - step]!, q0 = p[i]!, q1 = p[i + step]!;
  const a = 3 * (q0 - p0);
  const a1 = sclip2((a + 4) >> 3), a2 = sclip2((a + 3) >> 3), a3 = (a1 + 1) >> 1;
  p[i - 2 * step] = clip8(p1 + a3);
  p[i - step] = clip8(p0 + a2);
  p[i] = clip8(q0 - a1);
  p[i + step] = clip8(q1 - a3);
}

function doFilter6(p: Uint8Array, i: number, step: number): void {
  const p2 = p[i - 3 * step]!, p1 = p[i - 2 * step]!, p0 = p[i - step]!;
  const q0 = p[i]!, q1 = p[i + step]!, q2 = p[i + 2 * step]!;
  const a = sclip1(3 * (q0 - p0) + sclip1(p1 - q1));
  const a1 = (27 * a + 63) >> 7, a2 = (18 * a + 63) >> 7, a3 = (9 * a + 63) >> 7;
  p[i - 3 * step] = clip8(p2 + a3);
  p[i - 2 * step] = clip8(p1 + a2);
  p[i - step] = clip8(p0 + a1);
  p[i] = clip8(q0 - a1);
  p[i + step] = clip8(q1 - a2);
  p[i + 2 * step] = clip8(q2 - a3);
}

/** Simple filter across one 16-pixel edge: `step` crosses the edge, `along` walks it. */
function simpleEdge(p: Uint8Array, i: number, step: number, along: number, thresh: number): void {
  const t2 = 2 * thresh + 1;
  for (let k = 0; k < 16; k++, i += along) {
    const d = 4 * Math.abs(p[i - step]! - p[i]!) + Math.abs(p[i - 2 * step]! - p[i + step]!);
    if (d <= t2) doFilter2(p, i, step);
  }
}

function normalEdge(p: Uint8Array, i: number, step: number, along: number, thresh: number, ithresh: number, hev: number, inner: boolean): void {
  const t2 = 2 * thresh + 1;
  for (let k = 0; k < 16; k++, i += along) {
    const p3 = p[i - 4 * step]!, p2 = p[i - 3 * step]!, p1 = p[i - 2 * step]!, p0 = p[i - step]!;
    const q0 = p[i]!, q1 = p[i + step]!, q2 = p[i + 2 * step]!, q3 = p[i + 3 * step]!;
    if (4 * Math.abs(p0 - q0) + Math.abs(p1 - q1) > t2) continue;
    if (Math.abs(p3 - p2) > ithresh || Math.abs(p2 - p1) > ithresh || Math.abs(p1 - p0) > ithresh ||
        Math.abs(q3 - q2) > ithresh || Math.abs(q2 - q1) > ithresh || Math.abs(q1 - q0) > ithresh) continue;
    if (Math.abs(p1 - p0) > hev || Math.abs(q1 - q0) > hev) doFilter2(p, i, step);
    else if (inner) doFilter4(p, i, step);
    else doFilter6(p, i, step);
  }
}

function loopFilter(y: Uint8Array, stride: number, mbw: number, mbh: number, simple: boolean, filters: FilterInfo[][], mbFilter: Int8Array): void {
  for (let mby = 0; mby < mbh; mby++) {
    for (let mbx = 0; mbx < mbw; mbx++) {
      const k = 2 * (mby * mbw + mbx);
      const inner = (mbFilter[k + 1]! & 1) === 1;
      const info = filters[mbFilter[k]!]![mbFilter[k + 1]! & 2 ? 1 : 0]!;
      const limit = info.limit;
      if (limit === 0) continue;
      const o = mby * 16 * stride + mbx * 16;
      if (simple) {
        if (mbx > 0) simpleEdge(y, o, 1, stride, limit + 4);
        if (inner) for (let e = 4; e < 16; e += 4) simpleEdge(y, o + e, 1, stride, limit);
        if (mby > 0) simpleEdge(y, o, stride, 1, limit + 4);
        if (inner) for (let e = 4; e < 16; e += 4) simpleEdge(y, o + e * stride, stride, 1, limit);
      } else {
        const { ilevel, hev } = info;
        if (mbx > 0) normalEdge(y, o, 1, stride, limit + 4, ilevel, hev, false);
        if (inner) for (let e = 4; e < 16; e += 4) normalEdge(y, o + e, 1, stride, limit, ilevel, hev, true);
        if (mby > 0) normalEdge(y, o, stride, 1, limit + 4, ilevel, hev, false);
        if (inner) for (let e = 4; e < 16; e += 4) normalEdge(y, o + e * stride, stride, 1, limit, ilevel, hev, true);
      }
    }
  }
}
