// The camera's lifecycle with a real fake device: runs in Chromium (our card video), Firefox and WebKitGTK
// (their synthetic fake cameras). What a person notices: the preview plays, and the camera light goes off
// on stop, capture, removal and a hidden page — but not when the element is only moved.
import { expect, fixture, html } from '@open-wc/testing';
import { CameraTestHost, allEnded, presentedFrames, recordStreams, sleep, until } from './camera-test-host.js';
import '../../src/index.js';
import type { MrzScannerElement } from '../../src/mrz-scanner.js';

async function liveHost(): Promise<CameraTestHost> {
  const el = await fixture<CameraTestHost>(html`<camera-test-host></camera-test-host>`);
  await el.camera.start();
  expect(el.errors).to.deep.equal([]);
  expect(el.camera.status).to.equal('live');
  return el;
}

describe('camera controller lifecycle', () => {
  it('shows a playing inline, muted preview of the camera', async () => {
    const rec = recordStreams();
    let el: CameraTestHost;
    try {
      el = await liveHost();
    } finally {
      rec.restore();
    }
    const video = el.video!;
    await presentedFrames(video, 3);
    expect(video.videoWidth).to.be.greaterThan(0);
    expect(video.videoHeight).to.be.greaterThan(0);
    expect(video.paused).to.equal(false);
    expect(video.muted).to.equal(true);
    expect(video.playsInline).to.equal(true);
    expect(rec.streams).to.have.length(1);
    expect(video.srcObject).to.equal(rec.streams[0]);
    expect(rec.streams[0]!.getVideoTracks()[0]!.readyState).to.equal('live');
    el.camera.stop();
  });

  it('<mrz-scanner> draws its guide in the live video\'s own pixels', async () => {
    // Chromium's fake video is 1280×720 (also the size drawn before any metadata); Firefox's and WebKit's
    // are 640×480: there a guide drawn at the wrong size would sit off the letterboxed picture.
    const el = await fixture<MrzScannerElement>(html`<mrz-scanner endpoint="/api/unused"></mrz-scanner>`);
    await el.startCamera();
    const video = el.shadowRoot!.querySelector('video')!;
    await presentedFrames(video, 3);
    const frame = el.shadowRoot!.querySelector('[part~="frame"]')!;
    await until(() => frame.getAttribute('viewBox') === `0 0 ${video.videoWidth} ${video.videoHeight}`, 'guide at the video size');
    el.stopCamera();
  });

  it('stopCamera releases every track and hides the preview', async () => {
    const el = await liveHost();
    const stream = el.stream;
    el.camera.stop();
    await el.updateComplete;
    expect(allEnded(stream)).to.equal(true);
    expect(el.video).to.equal(null);
    expect(el.camera.status).to.equal('idle');
  });

  it('turns the camera off a tick after the element is removed', async () => {
    const el = await liveHost();
    const stream = el.stream;
    el.remove();
    expect(allEnded(stream), 'not synchronously: it may be a move').to.equal(false);
    await until(() => allEnded(stream), 'tracks ended after removal', 1000);
  });

  it('keeps the camera running when the element is moved in the DOM', async () => {
    const el = await liveHost();
    const stream = el.stream!;
    const other = document.createElement('div');
    document.body.append(other);
    other.append(el);
    await sleep(100);
    expect(stream.getTracks().every((t) => t.readyState === 'live')).to.equal(true);
    await presentedFrames(el.video!, 2);
    expect(el.video!.paused).to.equal(false);
    el.camera.stop();
    other.remove();
  });

  it('releases the camera when the page is hidden and comes back when it is visible again', async () => {
    const el = await liveHost();
    const stream = el.stream;
    const setVisibility = (state: DocumentVisibilityState) => {
      Object.defineProperty(document, 'visibilityState', {
        configurable: true,
        get: () => state,
      });
      document.dispatchEvent(new Event('visibilitychange'));
    };
    try {
      setVisibility('hidden');
      expect(allEnded(stream)).to.equal(true);
      expect(el.camera.status).to.equal('idle');
      setVisibility('visible');
      await until(() => el.camera.status === 'live' && !!el.stream && !el.video!.paused, 'preview back after visible');
      await presentedFrames(el.video!, 2);
      expect(el.stream).to.not.equal(stream);
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
      el.camera.stop();
    }
    expect(el.errors).to.deep.equal([]);
  });

  it('releases a stream that arrives after stop() was called during start()', async () => {
    const rec = recordStreams();
    try {
      const el = await fixture<CameraTestHost>(html`<camera-test-host></camera-test-host>`);
      const started = el.camera.start();
      el.camera.stop();
      await started;
      await until(() => rec.streams.length === 1, 'getUserMedia answered');
      expect(allEnded(rec.streams[0])).to.equal(true);
      expect(el.camera.status).to.equal('idle');
      expect(el.errors).to.deep.equal([]);
    } finally {
      rec.restore();
    }
  });

  it('takes a photo, hands over a JPEG and turns the camera off', async () => {
    const el = await liveHost();
    const stream = el.stream;
    await presentedFrames(el.video!, 2);
    await el.camera.capture();
    expect(el.errors).to.deep.equal([]);
    expect(el.captures).to.have.length(1);
    expect(el.captures[0]!.blob.type).to.equal('image/jpeg');
    expect(allEnded(stream)).to.equal(true);
    expect(el.camera.status).to.equal('idle');
  });

  it('reports insecure-context, without asking for the camera, on a page that is not HTTPS', async () => {
    const el = await fixture<CameraTestHost>(html`<camera-test-host></camera-test-host>`);
    const rec = recordStreams();
    const own = Object.getOwnPropertyDescriptor(window, 'isSecureContext');
    Object.defineProperty(window, 'isSecureContext', { configurable: true, value: false });
    try {
      await el.camera.start();
    } finally {
      if (own) Object.defineProperty(window, 'isSecureContext', own);
      else delete (window as { isSecureContext?: unknown }).isSecureContext;
      rec.restore();
    }
    expect(window.isSecureContext).to.equal(true);
    expect(el.errors).to.deep.equal(['insecure-context']);
    expect(rec.calls()).to.equal(0);
    expect(el.camera.status).to.equal('idle');
  });

  // WebKitGTK's mock has two cameras, the rear one with a torch; Chromium's file camera and Firefox's fake
  // have one camera without: each browser checks the branch its devices allow.
  it('offers switching only with several cameras, and a switch moves the preview to the next one', async () => {
    const el = await liveHost();
    const cameras = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    await until(() => el.camera.canSwitch === cameras.length > 1, 'device list read');
    if (cameras.length < 2) {
      await el.camera.switchCamera();
      expect(el.camera.status).to.equal('live');
      el.camera.stop();
      return;
    }
    const before = el.stream!;
    const from = before.getVideoTracks()[0]!.getSettings().deviceId;
    await el.camera.switchCamera();
    const after = el.stream!;
    expect(allEnded(before)).to.equal(true);
    expect(after.getVideoTracks()[0]!.getSettings().deviceId).to.not.equal(from);
    await presentedFrames(el.video!, 2);
    el.camera.stop();
    expect(allEnded(after)).to.equal(true);
  });

  it('turns the torch on where the camera has one, and reports false where it has none', async () => {
    const el = await liveHost();
    const track = el.stream!.getVideoTracks()[0]!;
    const hasTorch = (track.getCapabilities() as { torch?: boolean }).torch === true;
    expect(el.camera.torchSupported).to.equal(hasTorch);
    await el.camera.setTorch(true);
    expect(el.camera.torch).to.equal(hasTorch);
    if (hasTorch) expect((track.getSettings() as { torch?: boolean }).torch).to.equal(true);
    el.camera.stop();
    expect(el.camera.torch).to.equal(false);
  });

  it('capture() without a live camera reports camera-not-started once', async () => {
    const el = await fixture<CameraTestHost>(html`<camera-test-host></camera-test-host>`);
    await el.camera.capture();
    expect(el.errors).to.deep.equal(['camera-not-started']);
    expect(el.captures).to.have.length(0);
  });

  it('falls back to the file input where there is no getUserMedia (in-app browsers)', async () => {
    const el = await fixture<CameraTestHost>(html`<camera-test-host></camera-test-host>`);
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: undefined,
    });
    try {
      await el.camera.start();
    } finally {
      delete (navigator as { mediaDevices?: unknown }).mediaDevices;
    }
    expect(el.fallbacks).to.equal(1);
    expect(el.errors).to.deep.equal([]);
    expect(el.camera.status).to.equal('idle');
    expect(typeof navigator.mediaDevices.getUserMedia).to.equal('function');
  });
});
