/**
 * WebP uploads. Decoded by the pure-TypeScript decoder in ./webp/ (lossy luma plane, or lossless
 * ARGB → luma), so WebP works with no native code; when the optional `sharp` package happens to be
 * installed it is used instead, for speed. Both paths give the same grayscale within rounding.
 */
import { ImageError } from './errors.js';
import { boxDownscale, type Gray } from './image.js';
import { decodeWebpGray } from './webp/index.js';

interface SharpLike {
  grayscale(): SharpLike;
  resize(o: { width: number; height: number; fit: 'inside' }): SharpLike;
  raw(): SharpLike;
  toBuffer(o: { resolveWithObject: true }): Promise<{ data: Uint8Array; info: { width: number; height: number; channels: number } }>;
}
type SharpFactory = (input: Uint8Array, o: { limitInputPixels: number; failOn: 'error' }) => SharpLike;

let loaded: Promise<SharpFactory | null> | null = null;

function loadSharp(): Promise<SharpFactory | null> {
  // The name is a variable so bundlers and type-checkers leave the optional dependency alone.
  const name = 'sharp';
  loaded ??= import(/* @vite-ignore */ name).then((m: { default: SharpFactory }) => m.default, () => null);
  return loaded;
}

/**
 * Pure-TypeScript path: decode, then box-downscale by the same integer factor decode.ts uses for
 * JPEG and PNG, so the long side ends at most maxLongSide.
 */
export function decodeWebpPure(bytes: Uint8Array, maxPixels: number, maxLongSide: number): Gray {
  const gray = decodeWebpGray(bytes, maxPixels);
  const factor = Math.max(1, Math.ceil(Math.max(gray.width, gray.height) / maxLongSide));
  return boxDownscale(gray, factor);
}

export async function decodeWebp(bytes: Uint8Array, size: { width: number; height: number }, maxPixels: number, maxLongSide: number): Promise<Gray> {
  const sharp = await loadSharp();
  if (!sharp) return decodeWebpPure(bytes, maxPixels, maxLongSide);
  let pipeline = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' }).grayscale();
  if (Math.max(size.width, size.height) > maxLongSide) pipeline = pipeline.resize({ width: maxLongSide, height: maxLongSide, fit: 'inside' });
  try {
    const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 1) throw new Error(`unexpected ${info.channels} channels`);
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height) };
  } catch (e) {
    throw new ImageError(`cannot decode WebP: ${(e as Error).message}`.slice(0, 200));
  }
}
