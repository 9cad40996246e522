/**
 * Upload bytes → grayscale. The image size is read from the header and checked BEFORE any pixel is
 * decoded, so a decompression bomb is refused without allocating its raster; huge photos are
 * box-downscaled as soon as they are decoded, so the reader never holds more than one colour copy.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { Gray } from './image.js';
import { ImageError } from './errors.js';
import { decodeWebp, decodeWebpPure } from './webp.js';

export interface DecodeLimits {
  /** Refuse images with more pixels than this (default 40 MP). */
  readonly maxPixels?: number;
  /** Refuse images with a side longer than this (default 16384). */
  readonly maxSide?: number;
  /** Downscale (by an integer box factor) until the long side is at most this (default 3200). */
  readonly maxLongSide?: number;
}


export type ImageKind = 'jpeg' | 'png' | 'webp';

export function sniff(bytes: Uint8Array): ImageKind | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes.length >= 12 && String.fromCharCode(...bytes.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return 'webp';
  return null;
}

/** Width and height from the header alone (JPEG SOFn, PNG IHDR, WebP VP8/VP8L/VP8X). */
export function headerSize(bytes: Uint8Array, kind: ImageKind): { width: number; height: number } {
  const u16 = (i: number): number => (bytes[i]! << 8) | bytes[i + 1]!;
  if (kind === 'png') {
    if (bytes.length < 24) throw new ImageError('truncated PNG');
    const u32 = (i: number): number => ((bytes[i]! << 24) >>> 0) + (bytes[i + 1]! << 16) + (bytes[i + 2]! << 8) + bytes[i + 3]!;
    return { width: u32(16), height: u32(20) };
  }
  if (kind === 'webp') {
    const tag = String.fromCharCode(...bytes.subarray(12, 16));
    const le24 = (i: number): number => bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16);
    if (tag === 'VP8X' && bytes.length >= 30) return { width: le24(24) + 1, height: le24(27) + 1 };
    if (tag === 'VP8 ' && bytes.length >= 30) return { width: (bytes[26]! | (bytes[27]! << 8)) & 0x3fff, height: (bytes[28]! | (bytes[29]! << 8)) & 0x3fff };
    if (tag === 'VP8L' && bytes.length >= 25) {
      const b = bytes[21]! | (bytes[22]! << 8) | (bytes[23]! << 16) | (bytes[24]! << 24);
      return { width: (b & 0x3fff) + 1, height: ((b >>> 14) & 0x3fff) + 1 };
    }
    throw new ImageError('unreadable WebP header');
  }
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) { i++; continue; }
    const marker = bytes[i + 1]!;
    if (marker === 0xff) { i++; continue; }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; }
    const len = u16(i + 2);
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) return { width: u16(i + 7), height: u16(i + 5) };
    if (marker === 0xda || len < 2) break;
    i += 2 + len;
  }
  throw new ImageError('JPEG without a frame header');
}

function toGray(rgb: Uint8Array, width: number, height: number, channels: number, factor: number, lumaOnly: boolean): Gray {
  // Luma (BT.601 integer weights) and the box reduction in one pass over the colour data.
  const w = Math.floor(width / factor), h = Math.floor(height / factor);
  const out = new Uint8Array(w * h);
  const acc = new Uint32Array(w);
  const n = factor * factor * 256;
  // JPEGs are decoded without the colour transform: channel 0 already is luma.
  const [wr, wg, wb] = lumaOnly ? [256, 0, 0] : [77, 150, 29];
  for (let y = 0; y < h; y++) {
    acc.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      let p = (y * factor + dy) * width * channels;
      for (let x = 0; x < w; x++) {
        let s = 0;
        for (let dx = 0; dx < factor; dx++, p += channels) s += wr * rgb[p]! + wg * rgb[p + 1]! + wb * rgb[p + 2]!;
        acc[x]! += s;
      }
    }
    for (let x = 0; x < w; x++) out[y * w + x] = Math.min(255, Math.round(acc[x]! / n));
  }
  return { width: w, height: h, data: out };
}

interface Checked { kind: ImageKind; width: number; height: number; factor: number; maxPixels: number; maxLong: number }

/** Sniffs the type and checks the header's size against the limits; nothing is decoded yet. */
function check(bytes: Uint8Array, limits: DecodeLimits): Checked {
  const maxPixels = limits.maxPixels ?? 40e6;
  const maxSide = limits.maxSide ?? 16384;
  const maxLong = limits.maxLongSide ?? 3200;
  const kind = sniff(bytes);
  if (!kind) throw new ImageError('not a JPEG, PNG or WebP image', 415);
  const { width, height } = headerSize(bytes, kind);
  if (width < 32 || height < 32) throw new ImageError(`image too small (${width}x${height})`);
  if (width > maxSide || height > maxSide || width * height > maxPixels) {
    throw new ImageError(`image too large (${width}x${height}); the limit is ${Math.round(maxPixels / 1e6)} MP`, 413);
  }
  return { kind, width, height, factor: Math.max(1, Math.ceil(Math.max(width, height) / maxLong)), maxPixels, maxLong };
}

/** JPEG, PNG or WebP bytes → grayscale, synchronously, with pure-JS decoders. */
export function decodeImage(bytes: Uint8Array, limits: DecodeLimits = {}): Gray {
  const { kind, width, height, factor, maxPixels, maxLong } = check(bytes, limits);
  if (kind === 'webp') return decodeWebpPure(bytes, maxPixels, maxLong);
  let rgb: Uint8Array, channels: number, w: number, h: number;
  try {
    if (kind === 'jpeg') {
      const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, colorTransform: false, tolerantDecoding: true, maxResolutionInMP: maxPixels / 1e6, maxMemoryUsageInMB: 600 });
      ({ data: rgb, width: w, height: h } = img);
      channels = 3;
    } else if (kind === 'png') {
      const img = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      ({ width: w, height: h } = img);
      rgb = img.data;
      channels = 4;
      // Transparent pixels count as white paper, not black.
      for (let p = 0; p < rgb.length; p += 4) {
        const a = rgb[p + 3]!;
        if (a < 255) for (let c = 0; c < 3; c++) rgb[p + c] = (rgb[p + c]! * a + 255 * (255 - a)) / 255;
      }
    } else {
      throw new ImageError(`unexpected image kind ${kind as string}`, 415);
    }
  } catch (e) {
    if (e instanceof ImageError) throw e;
    throw new ImageError(`cannot decode ${kind.toUpperCase()}: ${(e as Error).message}`.slice(0, 200));
  }
  if (w !== width || h !== height || rgb.length < w * h * channels) throw new ImageError('image data does not match its header');
  return toGray(rgb, w, h, channels, factor, kind === 'jpeg');
}

/** Any accepted upload → grayscale: all in pure JS, WebP through the optional sharp when installed. */
export async function decodeUpload(bytes: Uint8Array, limits: DecodeLimits = {}): Promise<Gray> {
  const c = check(bytes, limits);
  if (c.kind === 'webp') return decodeWebp(bytes, c, c.maxPixels, c.maxLong);
  return decodeImage(bytes, limits);
}

export { ImageError };
