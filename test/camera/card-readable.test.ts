// End to end without a browser: the guide crop of the fake camera's card, encoded like a capture (JPEG
// q 0.85), is read by the reference backend's own recognizer — the MRZ comes back exactly, check digits
// and all. The blurred card, as the blurred fake camera shows it, is not readable (why auto-capture waits).
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { guideCrop } from '../../src/capture/camera-guide.js';
import { createLocalRecognizer } from '../../src/server/local/index.js';
import { buildCameraFixtures, cardMrz } from '../../scripts/camera-fixtures.js';

function captureJpeg(png: string, extra: string[] = []): Uint8Array {
  const c = guideCrop(1280, 720);
  return new Uint8Array(
    execFileSync('convert', [
      png,
      ...extra,
      '-crop',
      `${c.width}x${c.height}+${c.x}+${c.y}`,
      '+repage',
      '-quality',
      '85',
      'jpeg:-',
    ]),
  );
}

const recognize = (image: Uint8Array) =>
  createLocalRecognizer().recognize({
    image,
    mediaType: 'image/jpeg',
    signal: new AbortController().signal,
    requestId: 'camera-test',
  });

describe('the camera capture of the card is readable by the reference backend', () => {
  let png = '';
  before(() => {
    png = buildCameraFixtures().png;
  });

  it('reads the sharp capture exactly', async () => {
    const image = captureJpeg(png);
    const r = await recognize(image);
    assert.equal(r.status, 200);
    const body = r.body as { result: boolean; mrz_string: string };
    assert.equal(body.mrz_string, cardMrz().join('\n'));
    assert.equal(body.result, true);
  });

  it('finds no clean MRZ in the blurred capture', async () => {
    const image = captureJpeg(png, ['-blur', '0x6']);
    const r = await recognize(image);
    assert.ok(r.status !== 200 || (r.body as { result: boolean }).result === false, JSON.stringify(r.body));
  });
});
