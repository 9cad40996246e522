import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readImageHeader } from '../../src/capture/image-header.js';
import { WEBP_LOSSLESS, WEBP_LOSSY } from './fixtures.js';

const u16 = (n: number) => [n >> 8, n & 0xff];
const segment = (marker: number, body: number[]) => [0xff, marker, ...u16(body.length + 2), ...body];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** APP1 Exif with IFD0 holding Orientation, in either byte order, plus an optional fake thumbnail. */
function exif(orientation: number, littleEndian: boolean, thumbnail: number[] = []): number[] {
  const w16 = (n: number) => (littleEndian ? [n & 0xff, n >> 8] : u16(n));
  const w32 = (n: number) => (littleEndian ? [n & 0xff, (n >> 8) & 0xff, 0, 0] : [0, 0, (n >> 8) & 0xff, n & 0xff]);
  // prettier-ignore
  const tiff = [
    ...ascii(littleEndian ? 'II' : 'MM'), ...w16(42), ...w32(8),
    ...w16(2),
    ...w16(0x010f), ...w16(2), ...w32(4), ...ascii('ACM\0'), // Make, before Orientation as in real files
    ...w16(0x0112), ...w16(3), ...w32(1), ...w16(orientation), 0, 0,
    ...w32(0),
    ...thumbnail,
  ];
  return segment(0xe1, [...ascii('Exif\0\0'), ...tiff]);
}

function jpeg(width: number, height: number, extra: number[] = []): Uint8Array {
  // prettier-ignore
  return new Uint8Array([
    0xff, 0xd8,
    ...segment(0xe0, [...ascii('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...extra,
    ...segment(0xdb, new Array(65).fill(1)),
    ...segment(0xc0, [8, ...u16(height), ...u16(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]),
    ...segment(0xda, [3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0]),
    0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd9,
  ]);
}

test('JPEG: stored size from the frame header, orientation 1 without EXIF', () => {
  const h = readImageHeader(jpeg(4000, 3000), 'image/jpeg');
  assert.deepEqual({ ...h, scan: undefined }, { width: 4000, height: 3000, orientation: 1, scan: undefined });
});

test('JPEG: EXIF orientation in both byte orders', () => {
  for (let o = 1; o <= 8; o++) {
    for (const le of [true, false]) {
      assert.equal(readImageHeader(jpeg(40, 30, exif(o, le)), 'image/jpeg')?.orientation, o, `o=${o} le=${le}`);
    }
  }
});

test('JPEG: an out-of-range orientation counts as upright', () => {
  assert.equal(readImageHeader(jpeg(40, 30, exif(9, false)), 'image/jpeg')?.orientation, 1);
});

test('JPEG: the scan offset is the main image, not the thumbnail inside EXIF', () => {
  const thumb = [
    0xff,
    0xd8,
    ...segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]),
    ...segment(0xda, [1, 1, 0, 0, 63, 0]),
    1,
    0xff,
    0xd9,
  ];
  const bytes = jpeg(640, 480, exif(6, true, thumb));
  const h = readImageHeader(bytes, 'image/jpeg')!;
  assert.deepEqual([h.width, h.height, h.orientation], [640, 480, 6]);
  assert.equal(bytes[h.scan!], 0xff);
  assert.equal(bytes[h.scan! + 1], 0xda);
  assert.equal(bytes.length - h.scan!, 2 + 12 + 7);
});

test('JPEG: a header cut before the scan gives null', () => {
  const bytes = jpeg(640, 480, exif(6, true));
  assert.equal(readImageHeader(bytes.subarray(0, 60), 'image/jpeg'), null);
});

test('PNG size; GIF and WebP are decoded at full size (null)', () => {
  const png = new Uint8Array([
    0x89,
    ...ascii('PNG\r\n\x1a\n'),
    0,
    0,
    0,
    13,
    ...ascii('IHDR'),
    0,
    0,
    0x0f,
    0xa0,
    0,
    0,
    0x0b,
    0xb8,
    8,
    6,
    0,
    0,
    0,
  ]);
  assert.deepEqual(readImageHeader(png, 'image/png'), {
    width: 4000,
    height: 3000,
    orientation: 1,
  });
  const b64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  const vp8x =
    'UklGRqIAAABXRUJQVlA4WAoAAAAQAAAAPwAALwAAQUxQSAoAAAARB1D+iAhERP8DVlA4IHIAAADwBACdASpAADAAAAAAJQBn7KC/APwA1QrgH4AfoB/K90AzvsPvpyWIJLI4IElEQAAA/v9vVa5ZunNuBY34p/B+97rLQ9ffg5YqdU/sC5Tnr03v4D40//+g3TMi73A6U2ktm/P//7sznAo6rAZm6dAAAAA=';
  for (const webp of [WEBP_LOSSLESS, WEBP_LOSSY, vp8x]) {
    assert.equal(readImageHeader(b64(webp), 'image/webp'), null);
  }
  assert.equal(readImageHeader(new Uint8Array([...ascii('GIF89a'), 3, 0, 2, 0, 0xf0, 0, 0]), 'image/gif'), null);
});
