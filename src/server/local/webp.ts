import { ImageError } from './errors.js';

/** Placeholder until a pure-JS WebP decoder lands; see decode.ts. */
export function decodeWebp(_bytes: Uint8Array): { width: number; height: number; data: Uint8Array } {
  throw new ImageError('WebP is not supported by the embedded reader yet', 415);
}
