import { readImageHeader } from './image-header.js';
import { sniffImageType, SNIFF_BYTES } from './sniff.js';

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

export class PrepareError extends Error {
  readonly code: PrepareErrorCode;
  constructor(code: PrepareErrorCode, options?: { cause?: unknown }) {
    super(code, options);
    this.name = 'PrepareError';
    this.code = code;
  }
}

/** Enough for the EXIF block (≤ 64 KB) plus ICC/XMP segments that may precede a JPEG frame header. */
const HEAD_BYTES = 192 * 1024;

/**
 * Turns a photo the person picked into what the backend should receive: an upright JPEG whose long side is
 * at most `maxDimension`, stripped of EXIF (GPS!) because it is re-encoded from pixels.
 */
export async function prepareImage(file: Blob, options: PrepareOptions): Promise<PreparedImage> {
  const start = performance.now();
  if (file.size > options.maxFileSize) throw new PrepareError('file-too-large');
  const head = new Uint8Array(await step(file.slice(0, HEAD_BYTES).arrayBuffer(), options.signal, 'unsupported-file'));
  const type = sniffImageType(head.subarray(0, SNIFF_BYTES));
  if (!type) throw new PrepareError('unsupported-file');
  const header = readImageHeader(head, type);
  const bitmap = await step(
    createImageBitmap(file, { imageOrientation: 'from-image' }),
    options.signal,
    'image-decode-failed',
  );
  try {
    const { width, height } = fit(bitmap.width, bitmap.height, options.maxDimension);
    void header;
    return await encode(bitmap, { x: 0, y: 0, width: bitmap.width, height: bitmap.height }, width, height, options, start);
  } finally {
    bitmap.close();
  }
}

/**
 * Crops a region of a camera frame (already upright pixels) and encodes it like `prepareImage` does.
 * `crop` null means the whole frame.
 */
export async function prepareFrame(
  source: CanvasImageSource,
  sourceWidth: number,
  sourceHeight: number,
  crop: { x: number; y: number; width: number; height: number } | null,
  options: PrepareOptions,
): Promise<PreparedImage> {
  const start = performance.now();
  const region = crop ?? { x: 0, y: 0, width: sourceWidth, height: sourceHeight };
  const { width, height } = fit(region.width, region.height, options.maxDimension);
  return encode(source, region, width, height, options, start);
}

function fit(width: number, height: number, max: number): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function encode(
  source: CanvasImageSource,
  region: { x: number; y: number; width: number; height: number },
  width: number,
  height: number,
  options: PrepareOptions,
  start: number,
): Promise<PreparedImage> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, region.x, region.y, region.width, region.height, 0, 0, width, height);
  const blob = await step(
    new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', options.quality)),
    options.signal,
    'image-decode-failed',
  );
  if (!blob) throw new PrepareError('image-decode-failed');
  return { blob, width, height, timings: { prepare: performance.now() - start } };
}

/** Awaits `work`, turning an abort into `aborted` and any other failure into `code`. */
async function step<T>(work: Promise<T>, signal: AbortSignal | undefined, code: PrepareErrorCode): Promise<T> {
  if (signal?.aborted) throw new PrepareError('aborted');
  let result: T;
  try {
    result = await work;
  } catch (cause) {
    throw new PrepareError(signal?.aborted ? 'aborted' : code, { cause });
  }
  if (signal?.aborted) throw new PrepareError('aborted');
  return result;
}
