/** Hostile and broken uploads fail with a clean 4xx, quickly, without decoding what they claim to hold. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { deflateSync } from 'node:zlib';
import { describe, test } from 'node:test';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { createLocalRecognizer } from '../../../src/server/local/index.js';

const recognizer = createLocalRecognizer();
const ask = (image: Uint8Array, signal = new AbortController().signal) =>
  recognizer.recognize({ image, mediaType: 'image/png', signal, requestId: 'hostile' });

function crc32(buf: Uint8Array): number {
  let c = ~0;
  for (const b of buf) { c ^= b; for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1)); }
  return ~c >>> 0;
}
function chunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** A PNG whose header claims width x height, with a tiny compressed body: a decompression bomb. */
function pngClaiming(width: number, height: number, rows = 1): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 0; // 8-bit grayscale
  const raw = Buffer.alloc(rows * (width + 1)); // all-zero rows compress to almost nothing
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())]);
}

function grayJpeg(w: number, h: number): Buffer {
  const data = Buffer.alloc(w * h * 4, 200);
  return jpeg.encode({ data, width: w, height: h }, 80).data;
}

describe('hostile uploads', () => {
  test('a decompression bomb is refused from its header, before any pixel is decoded', async () => {
    const bomb = pngClaiming(60000, 60000);
    assert.ok(bomb.length < 100_000);
    const rss0 = process.memoryUsage().rss;
    const t0 = Date.now();
    const res = await ask(bomb);
    assert.equal(res.status, 413);
    assert.match(String(res.body.detail), /too large/);
    assert.ok(Date.now() - t0 < 1000);
    assert.ok(process.memoryUsage().rss - rss0 < 50e6);
  });

  test('a JPEG claiming 50000 x 50000 is refused the same way', async () => {
    const j = Buffer.from(grayJpeg(64, 64));
    // Patch the SOF0 dimensions.
    for (let i = 2; i < j.length - 8; i++) {
      if (j[i] === 0xff && j[i + 1] === 0xc0) { j.writeUInt16BE(50000, i + 5); j.writeUInt16BE(50000, i + 7); break; }
    }
    const res = await ask(j);
    assert.equal(res.status, 413);
  });

  test('a 1 x 100000 strip is rejected cleanly', async () => {
    const res = await ask(pngClaiming(1, 100000, 100000));
    assert.equal(res.status, 422);
    assert.deepEqual(res.body, { detail: 'Error while parsing MRZ' });
  });

  test('a truncated JPEG and a truncated PNG give 422, not a crash', async () => {
    const j = grayJpeg(400, 300);
    assert.equal((await ask(j.subarray(0, Math.floor(j.length / 3)))).status, 422);
    const png = new PNG({ width: 400, height: 300 });
    png.data.fill(255);
    const p = PNG.sync.write(png);
    assert.equal((await ask(p.subarray(0, Math.floor(p.length / 2)))).status, 422);
  });

  test('garbage after valid magic bytes, empty input and unknown formats are refused', async () => {
    const junk = new Uint8Array(5000).map((_, i) => (i * 7919) & 255);
    junk.set([0xff, 0xd8, 0xff, 0xe0]);
    assert.equal((await ask(junk)).status, 422);
    assert.equal((await ask(new Uint8Array())).status, 415);
    assert.equal((await ask(new TextEncoder().encode('GIF89a not supported'))).status, 415);
  });

  test('a blank, valid image is "not found"', async () => {
    const res = await ask(grayJpeg(800, 500));
    assert.equal(res.status, 422);
    assert.deepEqual(res.body, { detail: 'Error while parsing MRZ' });
  });

  test('a page dense with fixed-pitch text is refused within the time budget', async () => {
    // 45 lines of 34 monospace characters: hundreds of MRZ-like row stacks for the locator.
    let seed = 1;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const text = Array.from({ length: 45 }, () => Array.from({ length: 34 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<'[Math.floor(rnd() * 37)]).join('')).join('\n');
    const png = execFileSync('convert', ['-size', '1400x1800', 'xc:white', '-font', 'DejaVu-Sans-Mono', '-pointsize', '30', '-fill', 'black', '-annotate', '+40+50', text, 'png:-']);
    const t0 = Date.now();
    const res = await createLocalRecognizer({ timeoutMs: 8000 }).recognize({ image: png, mediaType: 'image/png', signal: new AbortController().signal, requestId: 'dense' });
    assert.equal(res.status, 422);
    assert.ok(Date.now() - t0 < 10_000);
  });

  test('an aborted request or a spent time budget stops the work and answers 422', async () => {
    const ac = new AbortController();
    ac.abort();
    assert.equal((await ask(grayJpeg(800, 500), ac.signal)).status, 422);
    const hurried = createLocalRecognizer({ timeoutMs: 0 });
    const res = await hurried.recognize({ image: grayJpeg(800, 500), mediaType: 'image/jpeg', signal: new AbortController().signal, requestId: 'x' });
    assert.equal(res.status, 422);
  });
});
