// <mrz-scanner> with a real camera: Chromium's fake device plays the synthetic ID card
// (scripts/camera-fixtures.js), msw answers at the network boundary. Chromium only (camera-groups.js).
import { expect, html } from '@open-wc/testing';
import { backend, ok, record, scanner, seen, settled, shadow, buttons, ENDPOINT } from '../mrz-scanner.helpers.js';
import { en } from '../../src/i18n/en.js';
import { ru } from '../../src/i18n/ru.js';
import { guideCrop } from '../../src/capture/camera-guide.js';
import type { MrzCaptureEvent } from '../../src/events.js';
import { allEnded, presentedFrames, sleep, until } from './camera-test-host.js';
import { compareWithCard, openCamera, previewStream, previewVideo } from './camera-element.helpers.js';

describe('<mrz-scanner> camera (fake camera showing the card)', () => {
  it('"Use camera" shows the playing preview with the ID-1 guide, the MRZ hint and the camera buttons', async () => {
    const el = await scanner();
    const useCamera = [...shadow(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === en.camera)!;
    useCamera.click();
    await until(() => !!previewStream(el) && !previewVideo(el)!.paused, 'playing preview');
    const video = previewVideo(el)!;
    await presentedFrames(video, 3);
    expect(video.videoWidth).to.equal(1280);
    expect(video.videoHeight).to.equal(720);
    expect(video.hasAttribute('playsinline') && video.muted).to.equal(true);
    await el.updateComplete;
    const frame = shadow(el).querySelector('[part~="frame"]')!;
    expect(frame.getAttribute('viewBox')).to.equal('0 0 1280 720');
    const guide = frame.querySelector('.guide')!;
    expect(Number(guide.getAttribute('width')) / Number(guide.getAttribute('height'))).to.be.closeTo(1.586, 0.001);
    // The guide lines up with the letterboxed video (contain ≡ the SVG's default xMidYMid meet) and the
    // area around it is dimmed, not hidden.
    expect(getComputedStyle(video).objectFit).to.equal('contain');
    expect(getComputedStyle(frame.querySelector('path')!).fillOpacity).to.equal('0.45');
    expect(getComputedStyle(guide).fill).to.equal('none');
    expect(shadow(el).querySelector('[part~="hint"]')!.textContent!.trim()).to.equal(en.cameraHint);
    expect(buttons(el)).to.deep.equal([en.takePhoto, en.stopCamera]);
    el.stopCamera();
  });

  it('"Take photo" uploads a JPEG of the card cropped to the guide, then turns the camera off', async () => {
    backend(ok());
    const el = await scanner();
    const out = record(el);
    const captures: MrzCaptureEvent[] = [];
    el.addEventListener('mrz-capture', (e) => captures.push(e));
    const video = await openCamera(el);
    const stream = previewStream(el);
    const [fw, fh] = [video.videoWidth, video.videoHeight];
    const take = [...shadow(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === en.takePhoto)!;
    take.click();
    await until(() => out.results.length + out.errors.length > 0, 'an outcome', 10000);
    await settled(el);
    expect(out.errors.map((e) => e.detail.code)).to.deep.equal([]);
    expect(out.results).to.have.length(1);
    expect(captures).to.have.length(1);
    expect(captures[0]!.detail.source).to.equal('camera');
    expect(allEnded(stream), 'camera light off after the capture').to.equal(true);

    expect(seen).to.have.length(1);
    const file = seen[0]!.form.get('image') as File;
    const head = new Uint8Array(await file.arrayBuffer()).slice(0, 3);
    expect([...head]).to.deep.equal([0xff, 0xd8, 0xff]);
    const crop = guideCrop(fw, fh);
    const card = await compareWithCard(file, fw, fh);
    expect([card.width, card.height]).to.deep.equal([crop.width, crop.height]);
    expect(card.width / card.height).to.be.closeTo(1.586, 0.02);
    expect(card.diff, 'the upload is the card').to.be.lessThan(8);
    expect(card.shiftedDiff, 'a shifted crop would not match').to.be.greaterThan(3 * card.diff);
    expect(card.mrzInk, 'dark MRZ characters at the bottom').to.be.greaterThan(0.05);
    expect(card.topInk, 'plain card at the top').to.be.lessThan(0.01);
  });

  it('auto-capture takes the photo by itself once the card is steady and sharp', async () => {
    backend(ok());
    const el = await scanner(html`<mrz-scanner endpoint=${ENDPOINT} auto-capture></mrz-scanner>`);
    const out = record(el);
    await openCamera(el);
    const stream = previewStream(el);
    const t0 = performance.now();
    await until(() => seen.length === 1, 'an automatic upload', 6000);
    const elapsed = performance.now() - t0;
    await settled(el);
    expect(out.results).to.have.length(1);
    expect(allEnded(stream)).to.equal(true);
    const card = await compareWithCard(seen[0]!.form.get('image') as File, 1280, 720);
    expect(card.diff).to.be.lessThan(8);
    console.log(`auto-capture fired ${Math.round(elapsed)} ms after the preview started`);
  });

  it('a camera that goes away (unplugged, taken by another app) ends in one camera-unavailable, upload offered', async () => {
    const el = await scanner();
    const out = record(el);
    await openCamera(el);
    const stream = previewStream(el)!;
    // Browsers fire `ended` on the track when the device disappears; a fake device cannot be unplugged.
    // (Firefox ignores a dispatched `ended`, one more reason this runs in Chromium only.)
    stream.getVideoTracks()[0]!.dispatchEvent(new Event('ended'));
    await el.updateComplete;
    await sleep(50);
    expect(out.errors.map((e) => e.detail.code)).to.deep.equal(['camera-unavailable']);
    expect(allEnded(stream)).to.equal(true);
    expect(previewVideo(el)).to.equal(null);
    expect(buttons(el)).to.deep.equal([en.upload, en.tryAgain]);
  });

  it('capture() without a running camera ends in one mrz-error camera-not-started', async () => {
    backend(ok());
    const el = await scanner();
    const out = record(el);
    await el.capture();
    await sleep(50);
    expect(out.errors.map((e) => [e.detail.code, e.detail.message])).to.deep.equal([
      ['camera-not-started', en['camera-not-started']],
    ]);
    expect(seen).to.have.length(0);
  });

  it('the camera goes off a tick after removal, but survives a move in the DOM', async () => {
    const el = await scanner();
    await openCamera(el);
    const stream = previewStream(el)!;
    const box = document.createElement('div');
    document.body.append(box);
    box.append(el);
    await sleep(100);
    expect(
      stream.getTracks().every((t) => t.readyState === 'live'),
      'moved, still live',
    ).to.equal(true);
    await until(() => !previewVideo(el)!.paused, 'preview playing again after the move');
    box.remove();
    await until(() => allEnded(stream), 'every track ended after removal', 1000);
  });

  it('stopCamera(), the Stop camera button and reset() each turn the camera off and bring back the buttons', async () => {
    const el = await scanner();
    for (const off of [
      () => el.stopCamera(),
      () => [...shadow(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === en.stopCamera)!.click(),
      () => el.reset(),
    ]) {
      await openCamera(el);
      const stream = previewStream(el);
      off();
      await el.updateComplete;
      expect(allEnded(stream)).to.equal(true);
      expect(previewVideo(el)).to.equal(null);
      expect(buttons(el)).to.deep.equal([en.upload, en.camera]);
    }
  });

  it('speaks the page language in the camera view', async () => {
    const el = await scanner(html`<mrz-scanner endpoint=${ENDPOINT} lang="ru"></mrz-scanner>`);
    await openCamera(el);
    await el.updateComplete;
    expect(buttons(el)).to.deep.equal([ru.takePhoto, ru.stopCamera]);
    expect(previewVideo(el)!.getAttribute('aria-label')).to.equal(ru.cameraPreview);
    el.stopCamera();
  });

  it('falls back to the file chooser asking for the rear camera where there is no getUserMedia', async () => {
    const el = await scanner();
    const out = record(el);
    const input = shadow(el).querySelector('input[type="file"]') as HTMLInputElement;
    let clicked: string | null = null;
    input.addEventListener('click', (e) => {
      clicked = input.getAttribute('capture');
      e.preventDefault();
    });
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: undefined,
    });
    try {
      await el.startCamera();
    } finally {
      delete (navigator as { mediaDevices?: unknown }).mediaDevices;
    }
    expect(clicked).to.equal('environment');
    expect(out.errors).to.have.length(0);
    expect(previewVideo(el)).to.equal(null);
  });
});
