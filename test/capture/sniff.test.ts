import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sniffImageType } from '../../src/capture/sniff.js';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

test('recognises each raster type by its first bytes', () => {
  const cases: [Uint8Array, string][] = [
    [bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF'), 'image/jpeg'],
    [bytes([0xff, 0xd8, 0xff, 0xe1, 0, 16], 'Exif'), 'image/jpeg'],
    [bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR'), 'image/png'],
    [bytes('RIFF', [0x3a, 0, 0, 0], 'WEBPVP8L'), 'image/webp'],
    [bytes('GIF89a', [3, 0, 2, 0]), 'image/gif'],
    [bytes('GIF87a', [3, 0, 2, 0]), 'image/gif'],
    [bytes('BM', [0xa2, 0, 0, 0, 0, 0, 0, 0, 0x8a, 0, 0, 0, 0x7c, 0, 0, 0, 3, 0]), 'image/bmp'],
    [bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic'), 'image/heic'],
    [bytes([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0], 'avifmif1miaf'), 'image/avif'],
    // AVIF whose major brand is the generic mif1: the compatible brands decide.
    [bytes([0, 0, 0, 0x18], 'ftypmif1', [0, 0, 0, 0], 'mif1avif'), 'image/avif'],
  ];
  for (const [head, type] of cases) assert.equal(sniffImageType(head), type, type);
});

test('SVG, PDF, HTML, text, video and empty input are not images', () => {
  const cases = [
    bytes('<svg xmlns="http://www.w3.org/2000/svg">'),
    bytes('<?xml version="1.0"?><svg'),
    bytes([0xef, 0xbb, 0xbf], '<svg'),
    bytes('%PDF-1.7\n'),
    bytes('<!DOCTYPE html><html>'),
    bytes('P<UTOERIKSSON<<ANNA<MARIA'),
    bytes('BMW 320i, 2004, blue'), // "BM" but no bitmap header
    bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '),
    bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0], 'isomiso2mp41'), // MP4 video
    bytes([0xff, 0xd8]), // too short to be a JPEG
    bytes(),
  ];
  for (const head of cases) assert.equal(sniffImageType(head), null, new TextDecoder().decode(head));
});
