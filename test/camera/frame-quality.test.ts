// Frame quality and guide geometry on the rendered fake-camera card (scripts/camera-fixtures.js), scaled
// the way the preview analysis scales it, so the thresholds are checked against the pixels they are for.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { ID1_ASPECT, guideCrop, guideRect, mrzBand } from '../../src/capture/camera-guide.js';
import {
  DEFAULT_THRESHOLDS,
  SteadyDetector,
  analyseFrame,
  frameHint,
  type FrameQuality,
} from '../../src/capture/frame-quality.js';
import { ANALYSIS_WIDTH } from '../../src/capture/frame-sampler.js';
import { buildCameraFixtures } from '../../scripts/camera-fixtures.js';

const FRAME_W = 1280;
const FRAME_H = 720;

/** The guide area of the card frame at analysis size, optionally blurred / darkened / with a highlight. */
function analysisFrame(png: string, extra: string[] = []): FrameQuality {
  const c = guideCrop(FRAME_W, FRAME_H);
  const s = ANALYSIS_WIDTH / c.width;
  const h = Math.round(c.height * s);
  const g = guideRect(FRAME_W, FRAME_H);
  const band = mrzBand({
    x: (g.x - c.x) * s,
    y: (g.y - c.y) * s,
    width: g.width * s,
    height: g.height * s,
  });
  const raw = execFileSync('convert', [
    png,
    ...extra,
    '-crop',
    `${c.width}x${c.height}+${c.x}+${c.y}`,
    '+repage',
    '-resize',
    `${ANALYSIS_WIDTH}x${h}!`,
    '-depth',
    '8',
    'rgba:-',
  ]);
  return analyseFrame(new Uint8Array(raw), ANALYSIS_WIDTH, h, band);
}

describe('ID-1 guide geometry', () => {
  it('is a centred 85.60 × 53.98 mm rectangle limited by the short side of a landscape frame', () => {
    const g = guideRect(1280, 720);
    assert.ok(Math.abs(g.width / g.height - 1.586) < 0.001);
    assert.equal(g.height, 720 * 0.8);
    assert.ok(Math.abs(g.x + g.width / 2 - 640) < 1e-9 && Math.abs(g.y + g.height / 2 - 360) < 1e-9);
  });

  it('is limited by the width in a portrait (phone) frame', () => {
    const g = guideRect(1080, 1920);
    assert.equal(g.width, 1080 * 0.8);
    assert.ok(Math.abs(g.width / g.height - ID1_ASPECT) < 1e-9);
  });

  it('crops the guide with a margin, clamped to the frame and in whole pixels', () => {
    const g = guideRect(1280, 720);
    const c = guideCrop(1280, 720);
    assert.ok(c.x < g.x && c.y < g.y && c.x + c.width > g.x + g.width && c.y + c.height > g.y + g.height);
    for (const v of Object.values(c)) assert.ok(Number.isInteger(v));
    const tight = guideCrop(100, 63, 0.5);
    assert.deepEqual(tight, { x: 0, y: 0, width: 100, height: 63 });
  });

  it('puts the MRZ band in the bottom of the card', () => {
    const b = mrzBand({ x: 0, y: 0, width: 856, height: 540 });
    assert.ok(b.y >= 540 * 0.55 && b.y + b.height <= 540);
    assert.ok(b.y + b.height - 540 * (1 - 17.78 / 53.98) > 0.9 * 540 * (17.78 / 53.98));
  });
});

describe('frame quality on the fake-camera card', () => {
  let png = '';
  before(() => {
    png = buildCameraFixtures().png;
  });

  it('scores the sharp card far above the threshold and the blurred card (as in the blurred video) below it', () => {
    const sharp = analysisFrame(png);
    const blurred = analysisFrame(png, ['-blur', '0x6']);
    assert.ok(sharp.sharpness > 4 * DEFAULT_THRESHOLDS.sharpness, `sharp ${sharp.sharpness}`);
    assert.ok(blurred.sharpness < DEFAULT_THRESHOLDS.sharpness / 2, `blurred ${blurred.sharpness}`);
    assert.equal(frameHint(sharp, 0), null);
    assert.equal(frameHint(blurred, 0), 'blurry');
  });

  it('tells a too-dark frame and a glare spot apart from a good one', () => {
    const dark = analysisFrame(png, ['-evaluate', 'multiply', '0.2']);
    assert.equal(frameHint(dark, 0), 'tooDark');
    const c = guideCrop(FRAME_W, FRAME_H);
    const glare = analysisFrame(png, [
      '-fill',
      'white',
      '-draw',
      `circle ${c.x + c.width / 2},${c.y + c.height / 3} ${c.x + c.width / 2 + 130},${c.y + c.height / 3}`,
    ]);
    assert.equal(frameHint(glare, 0), 'glare');
  });

  it('fires after N consecutive steady sharp frames, and a moving or blurred frame restarts the count', () => {
    const sharp = analysisFrame(png);
    const moved = analysisFrame(png, ['-roll', '+40+0']);
    const blurred = analysisFrame(png, ['-blur', '0x6']);
    const d = new SteadyDetector();
    const n = DEFAULT_THRESHOLDS.frames;
    for (let i = 1; i < n; i++) assert.equal(d.push(sharp), false, `frame ${i}`);
    assert.equal(d.push(moved), false);
    assert.equal(d.hint, 'holdSteady');
    for (let i = 1; i < n; i++) assert.equal(d.push(moved), false);
    assert.equal(d.push(moved), true);
    d.reset();
    for (let i = 0; i < 3 * n; i++) assert.equal(d.push(blurred), false);
    assert.equal(d.hint, 'blurry');
  });

  it('counts a hand-held card that shakes by about a pixel, or sensor noise, as steady', () => {
    const sharp = analysisFrame(png);
    for (const shake of [
      ['-roll', '+3+0'],
      ['-roll', '+0+3'],
      ['-seed', '1', '-attenuate', '0.3', '+noise', 'Gaussian'],
    ]) {
      const d = new SteadyDetector();
      d.push(sharp);
      d.push(analysisFrame(png, shake));
      assert.equal(d.hint, null, shake.join(' '));
    }
  });
});
