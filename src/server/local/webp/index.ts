/**
 * Pure-TypeScript WebP → grayscale: no native code, no WASM, so it also runs in a browser worker.
 * Lossy files give their luma plane directly (rescaled from video range to the full 0-255 range the
 * JPEG and PNG paths produce); lossless files give ARGB, turned into luma with the same integer
 * BT.601 weights as decode.ts and composited over white like a transparent PNG.
 */
import { ImageError } from '../errors.js';
import type { Gray } from '../image.js';
import { findBitstream } from './riff.js';
import { decodeVP8 } from './vp8.js';
import { decodeVP8L } from './vp8l.js';

export { findBitstream } from './riff.js';

/** Video-range luma (16-235) to full-range gray: libwebp's 1.164 × (Y - 16), rounded, clamped. */
const FULL_RANGE = (() => {
  const t = new Uint8Array(256);
  for (let v = 0; v < 256; v++) t[v] = Math.max(0, Math.min(255, Math.round(((v - 16) * 19077) / 16384)));
  return t;
})();

export function decodeWebpGray(bytes: Uint8Array, maxPixels = 40e6): Gray {
  const bs = findBitstream(bytes);
  if (bs.canvas) {
    // Refuse a canvas that disagrees with the image before allocating anything for either.
    const b = bytes, i = bs.start;
    const size = bs.kind === 'VP8 '
      ? (bs.end - i >= 10 ? { width: (b[i + 6]! | (b[i + 7]! << 8)) & 0x3fff, height: (b[i + 8]! | (b[i + 9]! << 8)) & 0x3fff } : null)
      : (bs.end - i >= 5 ? { width: ((b[i + 1]! | (b[i + 2]! << 8)) & 0x3fff) + 1, height: (((b[i + 2]! >> 6) | (b[i + 3]! << 2) | (b[i + 4]! << 10)) & 0x3fff) + 1 } : null);
    if (size && (size.width !== bs.canvas.width || size.height !== bs.canvas.height)) {
      throw new ImageError('cannot decode WebP: canvas and image sizes differ');
    }
  }
  let gray: Gray;
  if (bs.kind === 'VP8 ') {
    const f = decodeVP8(bytes, bs.start, bs.end, maxPixels);
    const data = new Uint8Array(f.width * f.height);
    for (let yy = 0; yy < f.height; yy++) {
      const src = yy * f.stride, dst = yy * f.width;
      for (let x = 0; x < f.width; x++) data[dst + x] = FULL_RANGE[f.y[src + x]!]!;
    }
    gray = { width: f.width, height: f.height, data };
  } else {
    const { width, height, argb } = decodeVP8L(bytes, bs.start, bs.end, maxPixels);
    const data = new Uint8Array(width * height);
    for (let i = 0; i < data.length; i++) {
      const p = argb[i]!, a = p >>> 24;
      let r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;
      if (a < 255) {
        r = ((r * a + 255 * (255 - a)) / 255) | 0;
        g = ((g * a + 255 * (255 - a)) / 255) | 0;
        b = ((b * a + 255 * (255 - a)) / 255) | 0;
      }
      data[i] = Math.min(255, Math.round((77 * r + 150 * g + 29 * b) / 256));
    }
    gray = { width, height, data };
  }
  if (bs.canvas && (bs.canvas.width !== gray.width || bs.canvas.height !== gray.height)) {
    throw new ImageError('cannot decode WebP: canvas and image sizes differ');
  }
  return gray;
}
