// Chromium launched without --use-fake-ui-for-media-stream (group camera-denied): the camera permission
// request is denied, as when a person taps "Block". One calm error, and the upload path still works.
import { expect, fixture, html } from '@open-wc/testing';
import { backend, buttons, ok, photo, record, scanner, seen, settled, shadow } from '../../mrz-scanner.helpers.js';
import { en } from '../../../src/i18n/en.js';
import { CameraTestHost, sleep } from '../camera-test-host.js';

describe('camera permission denied', () => {
  it('ends in exactly one mrz-error camera-permission-denied and keeps "Upload photo" working', async () => {
    backend(ok());
    const el = await scanner();
    const out = record(el);
    const useCamera = [...shadow(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === en.camera)!;
    useCamera.click();
    await el.updateComplete;
    const t0 = performance.now();
    while (out.errors.length === 0 && performance.now() - t0 < 8000) await sleep(20);
    await sleep(300);
    expect(out.errors.map((e) => e.detail.code)).to.deep.equal(['camera-permission-denied']);
    expect(out.errors[0]!.detail.message).to.equal(en['camera-permission-denied']);
    expect(shadow(el).querySelector('video')).to.equal(null);
    expect(shadow(el).querySelector('[part~="status"]')!.textContent!.trim()).to.equal(en['camera-permission-denied']);
    // The way forward, one click away: "Upload photo" opens the plain file chooser (no camera asked for).
    expect(buttons(el)).to.deep.equal([en.upload, en.tryAgain]);
    const input = shadow(el).querySelector('input[type="file"]') as HTMLInputElement;
    let chooser: string | null | undefined;
    input.addEventListener('click', (e) => {
      chooser = input.getAttribute('capture');
      e.preventDefault();
    });
    [...shadow(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === en.upload)!.click();
    expect(chooser).to.equal(null);
    await el.updateComplete;
    expect(buttons(el)).to.deep.equal([en.upload, en.camera]);
    await el.scanFile(await photo());
    await settled(el);
    expect(seen).to.have.length(1);
    expect(out.results).to.have.length(1);
    expect(out.errors).to.have.length(1);
  });

  it('the controller reports it once and never shows a preview', async () => {
    const host = await fixture<CameraTestHost>(html`<camera-test-host></camera-test-host>`);
    await host.camera.start();
    expect(host.errors).to.deep.equal(['camera-permission-denied']);
    expect(host.camera.status).to.equal('idle');
    await host.updateComplete;
    expect(host.video).to.equal(null);
  });
});
