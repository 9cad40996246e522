/**
 * The WebP RIFF container: finds the image bitstream in a simple (VP8 / VP8L) or extended (VP8X)
 * file. Animation is refused; alpha (ALPH), colour profiles and metadata are skipped, since the
 * reader needs luma only. Chunk sizes are checked against the bytes actually present.
 */
import { ImageError } from '../errors.js';

export interface WebpBitstream {
  readonly kind: 'VP8 ' | 'VP8L';
  readonly start: number;
  readonly end: number;
  /** Canvas size from VP8X, when the file is in the extended format. */
  readonly canvas: { width: number; height: number } | null;
}

const tag = (b: Uint8Array, i: number): string => String.fromCharCode(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!);
const u32 = (b: Uint8Array, i: number): number => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
const u24 = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);

export function findBitstream(bytes: Uint8Array): WebpBitstream {
  if (bytes.length < 20 || tag(bytes, 0) !== 'RIFF' || tag(bytes, 8) !== 'WEBP') throw new ImageError('not a WebP file', 415);
  const riffEnd = 8 + u32(bytes, 4);
  if (riffEnd > bytes.length) throw new ImageError('cannot decode WebP: truncated file');
  let canvas: { width: number; height: number } | null = null;
  let pos = 12;
  let first = true;
  // Each pass consumes at least 8 bytes, so this ends within length / 8 iterations.
  while (pos + 8 <= riffEnd) {
    const id = tag(bytes, pos);
    const size = u32(bytes, pos + 4);
    const start = pos + 8;
    const end = start + size;
    if (end > riffEnd) throw new ImageError('cannot decode WebP: truncated chunk');
    if (id === 'VP8 ' || id === 'VP8L') return { kind: id, start, end, canvas };
    if (first && id === 'VP8X') {
      if (size < 10) throw new ImageError('cannot decode WebP: bad VP8X chunk');
      if (bytes[start]! & 0x02) throw new ImageError('animated WebP is not supported', 415);
      canvas = { width: u24(bytes, start + 4) + 1, height: u24(bytes, start + 7) + 1 };
    } else if (id === 'ANIM' || id === 'ANMF') {
      throw new ImageError('animated WebP is not supported', 415);
    } else if (first) {
      throw new ImageError('cannot decode WebP: unknown first chunk');
    }
    first = false;
    pos = end + (size & 1);
  }
  throw new ImageError('cannot decode WebP: no image data');
}
