/**
 * Lossless WebP (VP8L) → ARGB pixels.
 *
 * Written after golang.org/x/image/vp8l (Copyright 2014 The Go Authors, BSD licence) and libwebp's
 * src/dec/vp8l_dec.c (Copyright 2012 Google Inc., BSD licence), following libwebp where they
 * differ (predictor modes 14/15 behave as mode 0). Every loop is bounded by the pixel count or the
 * input length, and reading past the end of the data is an error, not a stream of zeros.
 */
import { ImageError } from '../errors.js';

function fail(msg: string): never {
  throw new ImageError(`cannot decode WebP: ${msg}`);
}

/** Least-significant-bit-first reader over the VP8L chunk. */
class BitReader {
  private pos: number; // absolute bit position
  private readonly endBits: number;
  constructor(private readonly buf: Uint8Array, start: number, private readonly end: number) {
    this.pos = start * 8;
    this.endBits = end * 8;
  }
  /** Up to 24 bits without consuming them; bytes past the end read as zero. */
  peek(n: number): number {
    const i = this.pos >>> 3, b = this.buf, e = this.end;
    const w = (i < e ? b[i]! : 0) | (i + 1 < e ? b[i + 1]! << 8 : 0) | (i + 2 < e ? b[i + 2]! << 16 : 0) | (i + 3 < e ? b[i + 3]! << 24 : 0);
    return (w >>> (this.pos & 7)) & ((1 << n) - 1);
  }
  skip(n: number): void {
    this.pos += n;
  }
  read(n: number): number {
    const v = this.peek(n);
    this.pos += n;
    return v;
  }
  get overrun(): boolean {
    return this.pos > this.endBits;
  }
  check(): void {
    if (this.pos > this.endBits) fail('truncated lossless data');
  }
}

const MAX_LEN = 15;
const TABLE_BITS = 8;

/**
 * A canonical Huffman code: an 8-bit first-level table (symbol << 4 | length) for short codes,
 * and a per-length walk for the longer ones. A code with a single symbol takes no bits.
 */
class Huffman {
  private readonly table: Int32Array;
  private readonly count = new Uint16Array(MAX_LEN + 1);
  private readonly sorted: Uint16Array;
  private readonly single: number;

  constructor(lengths: Uint8Array) {
    let nonZero = 0, last = 0;
    for (let s = 0; s < lengths.length; s++) if (lengths[s]) { nonZero++; last = s; this.count[lengths[s]!]!++; }
    if (nonZero === 0) fail('empty Huffman code');
    this.single = nonZero === 1 ? last : -1;
    this.table = new Int32Array(1 << TABLE_BITS).fill(-1);
    this.sorted = new Uint16Array(nonZero);
    if (nonZero === 1) return;
    // A complete prefix code is required (Kraft sum exactly 1).
    let left = 1;
    for (let len = 1; len <= MAX_LEN; len++) {
      left = left * 2 - this.count[len]!;
      if (left < 0) fail('over-subscribed Huffman code');
    }
    if (left !== 0) fail('incomplete Huffman code');
    const offs = new Uint16Array(MAX_LEN + 2);
    for (let len = 1; len <= MAX_LEN; len++) offs[len + 1] = offs[len]! + this.count[len]!;
    for (let s = 0; s < lengths.length; s++) if (lengths[s]) this.sorted[offs[lengths[s]!]!++] = s;
    // Fill the first-level table with bit-reversed codes (the stream is read LSB first).
    let code = 0, k = 0;
    for (let len = 1; len <= MAX_LEN; len++) {
      for (let i = 0; i < this.count[len]!; i++, k++, code++) {
        if (len > TABLE_BITS) continue;
        let rev = 0;
        for (let b = 0; b < len; b++) rev |= ((code >> b) & 1) << (len - 1 - b);
        for (let r = rev; r < 1 << TABLE_BITS; r += 1 << len) this.table[r] = (this.sorted[k]! << 4) | len;
      }
      code <<= 1;
    }
  }

  read(br: BitReader): number {
    if (this.single >= 0) return this.single;
    const bits = br.peek(MAX_LEN);
    const e = this.table[bits & ((1 << TABLE_BITS) - 1)]!;
    if (e >= 0) {
      br.skip(e & 15);
      return e >> 4;
    }
    // Longer code: canonical walk, one bit per length (as in zlib's puff).
    let code = 0, first = 0, index = 0;
    for (let len = 1; len <= MAX_LEN; len++) {
      code |= (bits >>> (len - 1)) & 1;
      const c = this.count[len]!;
      if (code - first < c) {
        br.skip(len);
        return this.sorted[index + code - first]!;
      }
      index += c;
      first = (first + c) << 1;
      code <<= 1;
    }
    fail('bad Huffman code');
  }
}

const CODE_LENGTH_ORDER = [17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

function readHuffman(br: BitReader, alphabet: number): Huffman {
  const lengths = new Uint8Array(alphabet);
  if (br.read(1)) {
    // Simple code: one or two symbols with 1- or 8-bit values.
    const n = br.read(1) + 1;
    const s0 = br.read(br.read(1) ? 8 : 1);
    if (s0 >= alphabet) fail('bad Huffman symbol');
    lengths[s0] = 1;
    if (n === 2) {
      const s1 = br.read(8);
      if (s1 >= alphabet) fail('bad Huffman symbol');
      lengths[s1] = 1;
    }
  } else {
    const clLengths = new Uint8Array(19);
    const n = br.read(4) + 4;
    for (let i = 0; i < n; i++) clLengths[CODE_LENGTH_ORDER[i]!] = br.read(3);
    const cl = new Huffman(clLengths);
    let max = alphabet;
    if (br.read(1)) {
      const bits = 2 + 2 * br.read(3);
      max = 2 + br.read(bits);
      if (max > alphabet) fail('bad code length count');
    }
    let prev = 8;
    for (let s = 0; s < alphabet && max-- > 0;) {
      const c = cl.read(br);
      if (c < 16) {
        lengths[s++] = c;
        if (c) prev = c;
        continue;
      }
      const repeat = c === 16 ? 3 + br.read(2) : c === 17 ? 3 + br.read(3) : 11 + br.read(7);
      if (s + repeat > alphabet) fail('bad code length repeat');
      lengths.fill(c === 16 ? prev : 0, s, s + repeat);
      s += repeat;
      if (br.overrun) break;
    }
  }
  br.check();
  return new Huffman(lengths);
}

const ALPHABET = [256 + 24, 256, 256, 256, 40];
/** Upper bound on Huffman groups (libwebp's encoder makes at most a few thousand). */
const MAX_GROUPS = 4096;

const DISTANCE_MAP = [
  0x18, 0x07, 0x17, 0x19, 0x28, 0x06, 0x27, 0x29, 0x16, 0x1a, 0x26, 0x2a, 0x38, 0x05, 0x37, 0x39, 0x15, 0x1b, 0x36, 0x3a,
  0x25, 0x2b, 0x48, 0x04, 0x47, 0x49, 0x14, 0x1c, 0x35, 0x3b, 0x46, 0x4a, 0x24, 0x2c, 0x58, 0x45, 0x4b, 0x34, 0x3c, 0x03,
  0x57, 0x59, 0x13, 0x1d, 0x56, 0x5a, 0x23, 0x2d, 0x44, 0x4c, 0x55, 0x5b, 0x33, 0x3d, 0x68, 0x02, 0x67, 0x69, 0x12, 0x1e,
  0x66, 0x6a, 0x22, 0x2e, 0x54, 0x5c, 0x43, 0x4d, 0x65, 0x6b, 0x32, 0x3e, 0x78, 0x01, 0x77, 0x79, 0x53, 0x5d, 0x11, 0x1f,
  0x64, 0x6c, 0x42, 0x4e, 0x76, 0x7a, 0x21, 0x2f, 0x75, 0x7b, 0x31, 0x3f, 0x63, 0x6d, 0x52, 0x5e, 0x00, 0x74, 0x7c, 0x41,
  0x4f, 0x10, 0x20, 0x62, 0x6e, 0x30, 0x73, 0x7d, 0x51, 0x5f, 0x40, 0x72, 0x7e, 0x61, 0x6f, 0x50, 0x71, 0x7f, 0x60, 0x70,
];

function lz77Value(br: BitReader, symbol: number): number {
  if (symbol < 4) return symbol + 1;
  const extra = (symbol - 2) >> 1;
  const offset = (2 + (symbol & 1)) << extra;
  return offset + br.read(extra) + 1;
}

const nTiles = (size: number, bits: number): number => (size + (1 << bits) - 1) >> bits;

/** Entropy-coded ARGB image of w×h (section 5); the main image may use meta Huffman codes. */
function decodeImageData(br: BitReader, w: number, h: number, topLevel: boolean): Uint32Array {
  let ccBits = 0;
  if (br.read(1)) {
    ccBits = br.read(4);
    if (ccBits < 1 || ccBits > 11) fail('bad colour cache size');
  }
  let metaBits = 0, meta: Uint32Array | null = null, nGroups = 1;
  if (topLevel && br.read(1)) {
    metaBits = br.read(3) + 2;
    meta = decodeImageData(br, nTiles(w, metaBits), nTiles(h, metaBits), false);
    for (let i = 0; i < meta.length; i++) {
      const g = (meta[i]! >> 8) & 0xffff;
      meta[i] = g;
      if (g + 1 > nGroups) nGroups = g + 1;
    }
    if (nGroups > MAX_GROUPS) fail('too many Huffman groups');
  }
  const groups: Huffman[][] = [];
  for (let g = 0; g < nGroups; g++) {
    const group: Huffman[] = [];
    for (let j = 0; j < 5; j++) group.push(readHuffman(br, j === 0 && ccBits ? ALPHABET[0]! + (1 << ccBits) : ALPHABET[j]!));
    groups.push(group);
  }
  const cache = ccBits ? new Uint32Array(1 << ccBits) : null;
  const ccShift = 32 - ccBits;
  const pix = new Uint32Array(w * h);
  const total = w * h;
  const tilesPerRow = meta ? nTiles(w, metaBits) : 0;
  const tileMask = meta ? (1 << metaBits) - 1 : 0;
  let p = 0, cached = 0, x = 0, y = 0;
  let group = groups[0]!;
  while (p < total) {
    if (meta && (x & tileMask) === 0) group = groups[meta[(y >> metaBits) * tilesPerRow + (x >> metaBits)]!]!;
    const green = group[0]!.read(br);
    if (green < 256) {
      const red = group[1]!.read(br), blue = group[2]!.read(br), alpha = group[3]!.read(br);
      pix[p++] = ((alpha << 24) | (red << 16) | (green << 8) | blue) >>> 0;
      if (++x === w) { x = 0; y++; if (br.overrun) fail('truncated lossless data'); }
    } else if (green < 256 + 24) {
      const length = lz77Value(br, green - 256);
      const code = lz77Value(br, group[4]!.read(br));
      let dist: number;
      if (code > 120) dist = code - 120;
      else {
        const d = DISTANCE_MAP[code - 1]!;
        dist = (d >> 4) * w + 8 - (d & 15);
        if (dist < 1) dist = 1;
      }
      if (dist > p || p + length > total) fail('bad back-reference');
      for (let i = 0; i < length; i++, p++) pix[p] = pix[p - dist]!;
      x += length;
      while (x >= w) { x -= w; y++; }
      if (br.overrun) fail('truncated lossless data');
      if (meta && p < total) group = groups[meta[(y >> metaBits) * tilesPerRow + (x >> metaBits)]!]!;
      // Re-fetching the group above covers a copy that ends mid-tile.
      if (cache) for (; cached < p; cached++) cache[Math.imul(pix[cached]!, 0x1e35a7bd) >>> ccShift] = pix[cached]!;
      continue;
    } else {
      if (!cache) fail('bad colour cache index');
      for (; cached < p; cached++) cache[Math.imul(pix[cached]!, 0x1e35a7bd) >>> ccShift] = pix[cached]!;
      const idx = green - 256 - 24;
      if (idx >= cache.length) fail('bad colour cache index');
      pix[p++] = cache[idx]!;
      if (++x === w) { x = 0; y++; if (br.overrun) fail('truncated lossless data'); }
    }
    if (cache) for (; cached < p; cached++) cache[Math.imul(pix[cached]!, 0x1e35a7bd) >>> ccShift] = pix[cached]!;
  }
  br.check();
  return pix;
}

interface Transform { type: number; bits: number; data: Uint32Array; width: number }

// Per-channel arithmetic on packed ARGB, mod 256 (libwebp's VP8LAddPixels / Average2).
const addPix = (a: number, b: number): number =>
  ((((a & 0xff00ff00) >>> 0) + ((b & 0xff00ff00) >>> 0)) & 0xff00ff00) | (((a & 0x00ff00ff) + (b & 0x00ff00ff)) & 0x00ff00ff);
const avg2 = (a: number, b: number): number => ((((a ^ b) & 0xfefefefe) >>> 1) + (a & b)) >>> 0;

function clampAddFull(a: number, b: number, c: number): number {
  let out = 0;
  for (let s = 0; s < 32; s += 8) {
    const v = ((a >>> s) & 255) + ((b >>> s) & 255) - ((c >>> s) & 255);
    out |= (v < 0 ? 0 : v > 255 ? 255 : v) << s;
  }
  return out >>> 0;
}

function clampAddHalf(a: number, b: number): number {
  let out = 0;
  for (let s = 0; s < 32; s += 8) {
    const ca = (a >>> s) & 255, cb = (b >>> s) & 255;
    const v = ca + Math.trunc((ca - cb) / 2);
    out |= (v < 0 ? 0 : v > 255 ? 255 : v) << s;
  }
  return out >>> 0;
}

function select(L: number, T: number, TL: number): number {
  let pl = 0, pt = 0;
  for (let s = 0; s < 32; s += 8) {
    const tl = (TL >>> s) & 255;
    pl += Math.abs(((T >>> s) & 255) - tl);
    pt += Math.abs(((L >>> s) & 255) - tl);
  }
  return pl < pt ? L : T;
}

function predict(mode: number, L: number, T: number, TR: number, TL: number): number {
  switch (mode) {
    case 1: return L;
    case 2: return T;
    case 3: return TR;
    case 4: return TL;
    case 5: return avg2(avg2(L, TR), T);
    case 6: return avg2(L, TL);
    case 7: return avg2(L, T);
    case 8: return avg2(TL, T);
    case 9: return avg2(T, TR);
    case 10: return avg2(avg2(L, TL), avg2(T, TR));
    case 11: return select(L, T, TL);
    case 12: return clampAddFull(L, T, TL);
    case 13: return clampAddHalf(avg2(L, T), TL);
    default: return 0xff000000;
  }
}

function inversePredictor(t: Transform, pix: Uint32Array, h: number): void {
  const w = t.width;
  pix[0] = addPix(pix[0]!, 0xff000000) >>> 0;
  for (let x = 1; x < w; x++) pix[x] = addPix(pix[x]!, pix[x - 1]!) >>> 0;
  const tiles = nTiles(w, t.bits);
  for (let y = 1; y < h; y++) {
    const row = y * w;
    pix[row] = addPix(pix[row]!, pix[row - w]!) >>> 0;
    const tileRow = (y >> t.bits) * tiles;
    for (let x = 1; x < w; x++) {
      const mode = (t.data[tileRow + (x >> t.bits)]! >> 8) & 15;
      const i = row + x;
      pix[i] = addPix(pix[i]!, predict(mode, pix[i - 1]!, pix[i - w]!, pix[i - w + 1]!, pix[i - w - 1]!)) >>> 0;
    }
  }
}

const delta = (t: number, c: number): number => (((t << 24) >> 24) * ((c << 24) >> 24)) >> 5;

function inverseCrossColor(t: Transform, pix: Uint32Array, h: number): void {
  const w = t.width, tiles = nTiles(w, t.bits);
  for (let y = 0; y < h; y++) {
    const tileRow = (y >> t.bits) * tiles;
    for (let x = 0; x < w; x++) {
      const m = t.data[tileRow + (x >> t.bits)]!;
      const g2r = m & 255, g2b = (m >> 8) & 255, r2b = (m >> 16) & 255;
      const i = y * w + x, argb = pix[i]!;
      const green = (argb >> 8) & 255;
      const red = ((argb >> 16) + delta(g2r, green)) & 255;
      const blue = ((argb & 255) + delta(g2b, green) + delta(r2b, red)) & 255;
      pix[i] = ((argb & 0xff00ff00) | (red << 16) | blue) >>> 0;
    }
  }
}

function inverseSubtractGreen(pix: Uint32Array): void {
  for (let i = 0; i < pix.length; i++) {
    const argb = pix[i]!, g = (argb >> 8) & 255;
    pix[i] = ((argb & 0xff00ff00) | ((((argb >> 16) + g) & 255) << 16) | (((argb & 255) + g) & 255)) >>> 0;
  }
}

function inverseColorIndexing(t: Transform, pix: Uint32Array, h: number, packedWidth: number): Uint32Array {
  const w = t.width, out = new Uint32Array(w * h);
  const bitsPer = 8 >> t.bits, perByte = 1 << t.bits, mask = (1 << bitsPer) - 1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const packed = (pix[y * packedWidth + (x >> t.bits)]! >> 8) & 255;
      const idx = (packed >> ((x & (perByte - 1)) * bitsPer)) & mask;
      out[y * w + x] = idx < t.data.length ? t.data[idx]! : 0;
    }
  }
  return out;
}

/** Decodes the VP8L bitstream in bytes[start, end) into ARGB. */
export function decodeVP8L(bytes: Uint8Array, start: number, end: number, maxPixels: number): { width: number; height: number; argb: Uint32Array } {
  if (end - start < 5) fail('truncated lossless header');
  if (bytes[start] !== 0x2f) fail('bad lossless signature');
  const br = new BitReader(bytes, start + 1, end);
  const width = br.read(14) + 1, height = br.read(14) + 1;
  br.read(1); // alpha hint
  if (br.read(3) !== 0) fail('unknown lossless version');
  if (width * height > maxPixels) throw new ImageError(`image too large (${width}x${height})`, 413);
  const transforms: Transform[] = [];
  let w = width;
  const seen = new Set<number>();
  while (br.read(1)) {
    const type = br.read(2);
    if (seen.has(type)) fail('repeated transform');
    seen.add(type);
    if (type === 0 || type === 1) {
      const bits = br.read(3) + 2;
      transforms.push({ type, bits, width: w, data: decodeImageData(br, nTiles(w, bits), nTiles(height, bits), false) });
    } else if (type === 2) {
      transforms.push({ type, bits: 0, width: w, data: new Uint32Array(0) });
    } else {
      const n = br.read(8) + 1;
      const bits = n > 16 ? 0 : n > 4 ? 1 : n > 2 ? 2 : 3;
      const palette = decodeImageData(br, n, 1, false);
      for (let i = 1; i < n; i++) palette[i] = addPix(palette[i]!, palette[i - 1]!) >>> 0;
      transforms.push({ type, bits, width: w, data: palette });
      w = nTiles(w, bits);
    }
    br.check();
  }
  let pix = decodeImageData(br, w, height, true);
  for (let i = transforms.length - 1; i >= 0; i--) {
    const t = transforms[i]!;
    if (t.type === 0) inversePredictor(t, pix, height);
    else if (t.type === 1) inverseCrossColor(t, pix, height);
    else if (t.type === 2) inverseSubtractGreen(pix);
    else { pix = inverseColorIndexing(t, pix, height, w); w = t.width; }
  }
  return { width, height, argb: pix };
}
