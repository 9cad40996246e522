import { ApiError } from '../api/errors.js';
import { decodeScaled, fit } from './decode.js';
import { readImageHeader } from './image-header.js';
import { sniffImageType } from './sniff.js';

export interface PrepareOptions {
  /** Long side of the output, in pixels. */
  maxDimension: number;
  /** JPEG quality, 0–1. */
  quality: number;
  /** Larger inputs are refused before a byte is read. */
  maxFileSize: number;
  signal?: AbortSignal;
}

export interface PreparedImage {
  /** Always image/jpeg, upright, long side ≤ maxDimension, and without EXIF (re-encoded from pixels). */
  blob: Blob;
  width: number;
  height: number;
  timings: { prepare: number };
}

export type PrepareErrorCode = 'unsupported-file' | 'image-decode-failed' | 'file-too-large' | 'aborted';

/** What `prepareImage` and `prepareFrame` throw; its `code` says why. */
export const PrepareError = ApiError<PrepareErrorCode>;
export type PrepareError = ApiError<PrepareErrorCode>;

type Region = { x: number; y: number; width: number; height: number };

/**
 * Turns a photo the person picked into what the backend should receive: an upright JPEG whose long side is
 * at most `maxDimension`, without EXIF (GPS!) because it is re-encoded from pixels. Where the browser can,
 * the photo is decoded straight at reduced scale instead of as a full 48 MB bitmap.
 */
export async function prepareImage(file: Blob, options: PrepareOptions): Promise<PreparedImage> {
  const start = performance.now();
  const { signal, maxDimension } = options;
  if (file.size > options.maxFileSize) throw new ApiError('file-too-large');
  const bytes = new Uint8Array(await step(file.arrayBuffer(), signal));
  const type = sniffImageType(bytes);
  if (!type) throw new ApiError('unsupported-file');
  const header = readImageHeader(bytes, type);
  // Firefox paints a cut-off JPEG grey instead of failing; a JPEG that never ends is a failed upload.
  if (header?.scan && !endsAfter(bytes, header.scan)) throw failure();
  // The output size the header promises: upright (EXIF orientations 5–8 swap the sides), fit to maxDimension.
  const swap = header && header.orientation >= 5;
  const target = header && fit(swap ? header.height : header.width, swap ? header.width : header.height, maxDimension);
  const decoding = decodeScaled(file, bytes, type, header, target, signal);
  // ImageDecoder works on a thread of its own meanwhile: the main thread sets up the output canvas.
  let canvas = target && canvasOf(target);
  // An abort that comes later is caught after encoding, where the bitmap is closed.
  const image = await decoding.catch(() => {
    throw failure(signal);
  });
  // The header's size, exact where n/8 decoding rounded up, unless the decoder turned the image by EXIF in a
  // container we do not read (PNG, WebP).
  if (!canvas || (image.width > image.height) !== (canvas.width > canvas.height)) {
    canvas = canvasOf(fit(image.width, image.height, maxDimension));
  }
  try {
    return await encode(image, { x: 0, y: 0, width: image.width, height: image.height }, canvas, options, start);
  } finally {
    image.close();
  }
}

/**
 * Crops a region of a camera frame (already upright pixels) and encodes it like `prepareImage` does.
 * `crop` null means the whole frame.
 */
export function prepareFrame(
  source: CanvasImageSource,
  sourceWidth: number,
  sourceHeight: number,
  crop: Region | null,
  options: PrepareOptions,
): Promise<PreparedImage> {
  crop ??= { x: 0, y: 0, width: sourceWidth, height: sourceHeight };
  return encode(source, crop, canvasOf(fit(crop.width, crop.height, options.maxDimension)), options, performance.now());
}

function canvasOf(size: { width: number; height: number }): HTMLCanvasElement {
  const canvas = Object.assign(document.createElement('canvas'), size);
  // Chromium allocates the pixels at the first drawing call (~25 ms for 2 MP); clearing a new canvas does
  // that and nothing else.
  canvas.getContext('2d')!.clearRect(0, 0, 1, 1);
  return canvas;
}

async function encode(
  source: CanvasImageSource,
  crop: Region,
  canvas: HTMLCanvasElement,
  options: PrepareOptions,
  start: number,
): Promise<PreparedImage> {
  const { width, height } = canvas;
  const ctx = canvas.getContext('2d')!;
  // Bilinear is sharp enough down to half size; beyond that only the high-quality filter keeps MRZ glyphs intact.
  ctx.imageSmoothingQuality = width / crop.width < 0.5 ? 'high' : 'medium';
  // Sources are upright pixels (a decoded bitmap, a camera frame), so a region of them is a plain source rectangle.
  ctx.drawImage(source, crop.x, crop.y, crop.width, crop.height, 0, 0, width, height);
  const blob = await step(
    new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', options.quality)),
    options.signal,
  );
  canvas.width = canvas.height = 0; // frees the backing store now rather than at the next GC
  if (!blob) throw failure();
  return {
    blob,
    width,
    height,
    timings: { prepare: performance.now() - start },
  };
}

/**
 * True when an end-of-image marker follows the first scan. Entropy-coded data cannot contain FF D9, so the
 * search runs backwards from the end (where the marker is, or before a trailer such as a motion photo's video).
 */
function endsAfter(bytes: Uint8Array, scan: number): boolean {
  for (let at = bytes.lastIndexOf(0xd9); at > scan; at = bytes.lastIndexOf(0xd9, at - 1)) {
    if (bytes[at - 1] === 0xff) return true;
  }
  return false;
}

/** Awaits `work`, turning an abort (before or during it) into `aborted` and a failure into `image-decode-failed`. */
async function step<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  try {
    const result = await work;
    signal?.throwIfAborted();
    return result;
  } catch {
    throw failure(signal);
  }
}

function failure(signal?: AbortSignal): PrepareError {
  return new ApiError<PrepareErrorCode>(signal?.aborted ? 'aborted' : 'image-decode-failed');
}
