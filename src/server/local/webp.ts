/**
 * WebP uploads. No pure-JS WebP decoder of usable quality exists on npm (the candidates are WASM
 * builds, or an Emscripten bundle that needs a DOM canvas), so WebP is decoded by the optional
 * `sharp` package when the server has it installed; without it a WebP upload gets a clear 415.
 */
import { ImageError } from './errors.js';
import type { Gray } from './image.js';

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

export async function decodeWebp(bytes: Uint8Array, size: { width: number; height: number }, maxPixels: number, maxLongSide: number): Promise<Gray> {
  const sharp = await loadSharp();
  if (!sharp) throw new ImageError('WebP needs the optional "sharp" package on the server; send a JPEG or PNG', 415);
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
