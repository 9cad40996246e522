/**
 * Decode time of the pure-TypeScript WebP decoder on a 1600x1200 card photo upload (lossy and
 * lossless), next to the JPEG and PNG paths on the same picture. Median of 7 runs after a warm-up.
 *   npm run bench:webp
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCardSet } from '../scripts/cards/generate.js';
import { decodeImage } from '../src/server/local/decode.js';

const { dir, images } = await buildCardSet({ log: console.log });
const upload = images.find((i) => i.variant === 'upload1600')!;
const src = join(dir, upload.file);
const encode = (...args: string[]): Uint8Array => new Uint8Array(execFileSync('convert', [src, ...args], { maxBuffer: 64 << 20 }));
const inputs: [string, Uint8Array][] = [
  ['WebP lossy q80', encode('-quality', '80', 'webp:-')],
  ['WebP lossless', encode('-define', 'webp:lossless=true', 'webp:-')],
  ['JPEG q85', new Uint8Array(readFileSync(src))],
  ['PNG', encode('png:-')],
];
for (const [name, bytes] of inputs) {
  decodeImage(bytes);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const g = decodeImage(bytes);
    times.push(performance.now() - t0);
    if (g.width !== 1600) throw new Error(`${name}: unexpected width ${g.width}`);
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(16)} ${String(bytes.length).padStart(8)} B  median ${times[3]!.toFixed(0).padStart(4)} ms  best ${times[0]!.toFixed(0).padStart(4)} ms`);
}
