// The fake camera shows the same card out of focus (group camera-blurred, Chromium only): auto-capture
// must hold back and say why, while "Take photo" stays available to the person.
import { expect, fixture, html } from '@open-wc/testing';
import { backend, ok, record, scanner, seen, shadow, ENDPOINT } from '../../mrz-scanner.helpers.js';
import { en } from '../../../src/i18n/en.js';
import { DEFAULT_THRESHOLDS } from '../../../src/capture/frame-quality.js';
import { CameraTestHost, allEnded, sleep, until } from '../camera-test-host.js';
import { openCamera, previewStream } from '../camera-element.helpers.js';

const WATCH_MS = 4000;

describe('auto-capture on a blurred card', () => {
  it(`does not upload within ${WATCH_MS / 1000} s and tells the person the card is out of focus`, async () => {
    backend(ok());
    const el = await scanner(html`<mrz-scanner endpoint=${ENDPOINT} auto-capture></mrz-scanner>`);
    const out = record(el);
    await openCamera(el);
    const stream = previewStream(el);
    await sleep(WATCH_MS);
    expect(seen).to.have.length(0);
    expect(out.errors).to.have.length(0);
    expect(stream!.getTracks().every((t) => t.readyState === 'live')).to.equal(true);
    await el.updateComplete;
    expect(shadow(el).querySelector('[part~="hint"]')!.textContent!.trim()).to.equal(en.blurry);
    el.stopCamera();
    expect(allEnded(stream)).to.equal(true);
  });

  it('analyses frame after frame and finds every one below the sharpness threshold', async () => {
    const host = await fixture<CameraTestHost>(html`<camera-test-host></camera-test-host>`);
    host.auto = true;
    await host.camera.start();
    await until(() => host.analysed.length >= 15, '15 analysed frames', 8000);
    const hint = host.camera.hint;
    host.camera.stop();
    expect(host.captures).to.have.length(0);
    const worst = Math.max(...host.analysed.map((a) => a.quality.sharpness));
    expect(worst).to.be.lessThan(DEFAULT_THRESHOLDS.sharpness);
    console.log(
      `blurred card: sharpness ≤ ${worst.toFixed(1)} over ${host.analysed.length} frames (threshold ${DEFAULT_THRESHOLDS.sharpness})`,
    );
    expect(hint).to.equal('blurry');
  });

  it('still takes the photo when the person presses "Take photo"', async () => {
    backend(ok());
    const el = await scanner();
    await openCamera(el);
    await el.capture();
    await until(() => seen.length === 1, 'the manual upload');
  });
});
