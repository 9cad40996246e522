import { expect, fixture, html } from '@open-wc/testing';
import type { MrzCaptureEvent } from '../src/events.js';
import type { MrzScannerElement } from '../src/mrz-scanner.js';
import {
  ENDPOINT,
  backend,
  buttons,
  inspectUpload,
  ok,
  photo,
  record,
  scanner,
  seen,
  shadow,
  slow,
  startBackend,
  text,
  until,
  VALID_MRZ,
} from './mrz-scanner.helpers.js';
import { QUADRANTS, orientedJpeg, pixelsOf } from './capture/fixtures.js';

/** Waits for the first outcome, then a little longer to prove no second one follows. */
async function outcomeOf(outcome: ReturnType<typeof record>) {
  await until(() => outcome.results.length + outcome.errors.length > 0);
  await new Promise((r) => setTimeout(r, 50));
  return outcome;
}

describe('<mrz-scanner>', () => {
  before(startBackend);

  it('is defined once and renders the default English UI', async () => {
    const el = await scanner();
    expect(customElements.get('mrz-scanner')).to.equal(el.constructor);
    expect(buttons(el)).to.deep.equal(['Upload photo', 'Use camera']);
    expect(text(el, 'title')).to.equal('Scan an ID document');
    expect(text(el, 'status')).to.equal('Ready. Choose a photo.');
    expect(el.state).to.equal('ready');
    expect(shadow(el).querySelector('input[type=file]')!.getAttribute('accept')).to.equal('image/*');
  });

  it('scanFile: uploads an upright JPEG in field "image", no key, and fires one mrz-result', async () => {
    backend(ok());
    const el = await scanner(html`<mrz-scanner endpoint=${ENDPOINT} max-dimension="800"></mrz-scanner>`);
    const outcome = record(document.body);
    const states: string[] = [];
    const observer = new MutationObserver(() => states.push(el.getAttribute('state')!));
    observer.observe(el, { attributes: true, attributeFilter: ['state'] });

    await el.scanFile(await photo(1600, 1000));
    await new Promise((r) => setTimeout(r, 50));
    observer.disconnect();

    expect(outcome.errors).to.have.length(0);
    expect(outcome.results).to.have.length(1);
    const { detail } = outcome.results[0]!;
    expect(detail.valid).to.equal(true);
    expect(detail.format).to.equal('TD1');
    expect(detail.fields.documentNumber).to.equal('D23145890');
    expect(detail.fields.lastName).to.equal('ERIKSSON');
    expect(detail.fields.birthDate).to.equal('1974-08-12');
    expect(detail.lines).to.deep.equal(VALID_MRZ.split('\n'));
    expect(detail.checks.composite).to.equal(true);
    expect(detail.sessionId).to.equal('session-1');
    for (const t of ['prepare', 'upload', 'total'] as const) expect(detail.timings[t]).to.be.at.least(0);
    expect(detail.timings.total).to.be.at.least(detail.timings.upload);

    expect(seen).to.have.length(1);
    const request = seen[0]!;
    expect(request.method).to.equal('POST');
    expect([...request.form.keys()]).to.deep.equal(['image']);
    for (const [name, value] of request.headers) expect(`${name}: ${value}`).to.not.match(/key/i);
    const image = request.form.get('image') as File;
    const upload = await inspectUpload(image);
    expect(upload.type).to.equal('image/jpeg');
    expect(upload.magic).to.deep.equal([0xff, 0xd8, 0xff]);
    expect(upload.exif).to.equal(false);
    expect([upload.width, upload.height]).to.deep.equal([800, 500]);
    expect(upload.left[0]).to.be.above(200);
    expect(upload.left[2]).to.be.below(60);
    expect(upload.right[2]).to.be.above(200);
    expect(upload.right[0]).to.be.below(60);

    expect(states).to.include.members(['preparing', 'sending', 'result']);
    expect(states.indexOf('preparing')).to.be.below(states.indexOf('sending'));
    expect(el.state).to.equal('result');
    await el.updateComplete;
    const result = shadow(el).querySelector('[part~="result"]')!.textContent!;
    expect(result).to.contain('ERIKSSON ANNA MARIA').and.contain('D23145890').and.contain('1974-08-12');
    expect(text(el, 'status')).to.equal('Document read and verified.');
    expect(buttons(el)).to.deep.equal(['Scan another']);
  });

  it('a phone photo with EXIF orientation 6 goes out upright, downscaled, without EXIF (GPS)', async () => {
    backend(ok());
    const el = await scanner(html`<mrz-scanner endpoint=${ENDPOINT} max-dimension="600"></mrz-scanner>`);
    const outcome = record(el);
    // Stored landscape 1600×1200 + "rotate 90° CW" = an upright 1200×1600 portrait, with a GPS tag.
    const file = new File([await orientedJpeg(6, 1200, 1600)], 'IMG_0001.jpg', { type: 'image/jpeg' });
    await el.scanFile(file);
    expect(outcome.results).to.have.length(1);
    const image = seen[0]!.form.get('image') as File;
    expect((await inspectUpload(image)).exif).to.equal(false);
    const upload = await pixelsOf(image);
    expect([upload.width, upload.height]).to.deep.equal([450, 600]);
    const quadrant = (x: number, y: number) => upload.at(x * upload.width, y * upload.height);
    const near = (a: number[], b: readonly number[]) => a.every((v, i) => Math.abs(v - b[i]!) < 40);
    expect(near(quadrant(0.25, 0.25), QUADRANTS[0]), 'top-left').to.equal(true);
    expect(near(quadrant(0.75, 0.25), QUADRANTS[1]), 'top-right').to.equal(true);
    expect(near(quadrant(0.25, 0.75), QUADRANTS[2]), 'bottom-left').to.equal(true);
    expect(near(quadrant(0.75, 0.75), QUADRANTS[3]), 'bottom-right').to.equal(true);
  });

  it('takes sessionId from backend_session when backend_session_id is absent', async () => {
    backend(ok({ backend_session_id: undefined, backend_session: '00000000-0000-0000-0000-000000000000' }));
    const el = await scanner();
    const outcome = record(el);
    await el.scanFile(await photo());
    expect(outcome.results[0]!.detail.sessionId).to.equal('00000000-0000-0000-0000-000000000000');
  });

  it('the file chooser: choosing a file uploads it with source "file"', async () => {
    backend(ok());
    const el = await scanner();
    const sources: string[] = [];
    el.addEventListener('mrz-capture', (e) => sources.push(e.detail.source));
    const outcome = record(el);
    const input = shadow(el).querySelector('input[type=file]') as HTMLInputElement;
    const transfer = new DataTransfer();
    transfer.items.add(await photo());
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await outcomeOf(outcome);
    expect(outcome.results).to.have.length(1);
    expect(outcome.errors).to.have.length(0);
    expect(sources).to.deep.equal(['file']);
    expect(seen).to.have.length(1);
  });

  it('drag and drop: a dropped image is scanned with source "drop"', async () => {
    backend(ok());
    const el = await scanner();
    const captures: MrzCaptureEvent[] = [];
    el.addEventListener('mrz-capture', (e) => captures.push(e));
    const outcome = record(el);
    const transfer = new DataTransfer();
    transfer.items.add(await photo());
    const base = shadow(el).querySelector('[part~="base"]')!;
    const over = new DragEvent('dragover', { bubbles: true, cancelable: true, composed: true, dataTransfer: transfer });
    base.dispatchEvent(over);
    expect(over.defaultPrevented, 'dragover accepted').to.equal(true);
    await el.updateComplete;
    expect(base.classList.contains('dragging')).to.equal(true);
    expect(text(el, 'help')).to.equal('Drop the photo to scan it');
    base.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, composed: true, dataTransfer: transfer }));
    await outcomeOf(outcome);
    expect(outcome.results).to.have.length(1);
    expect(captures.map((e) => e.detail.source)).to.deep.equal(['drop']);
    expect(captures[0]!.detail.image.type).to.equal('image/jpeg');
    expect(base.classList.contains('dragging')).to.equal(false);
  });

  it('paste: Ctrl/Cmd+V of an image while a button has focus scans it with source "paste"', async () => {
    backend(ok());
    const el = await scanner();
    const sources: string[] = [];
    el.addEventListener('mrz-capture', (e) => sources.push(e.detail.source));
    const outcome = record(el);
    el.focus();
    const focused = shadow(el).activeElement as HTMLElement;
    expect(focused?.textContent?.trim()).to.equal('Upload photo');
    const transfer = new DataTransfer();
    transfer.items.add(await photo());
    const paste = new ClipboardEvent('paste', { bubbles: true, cancelable: true, composed: true, clipboardData: transfer });
    // Firefox gives a synthetic paste an empty copy of clipboardData; hand it the real one as a user's paste would.
    if (!paste.clipboardData?.files.length) Object.defineProperty(paste, 'clipboardData', { value: transfer });
    focused.dispatchEvent(paste);
    expect(paste.defaultPrevented, 'the element took the pasted image').to.equal(true);
    await outcomeOf(outcome);
    expect(outcome.results).to.have.length(1);
    expect(sources).to.deep.equal(['paste']);
  });

  it('mrz-capture: preventDefault() stops the upload and fires no other event', async () => {
    backend(ok());
    const el = await scanner();
    const outcome = record(el);
    let image: Blob | undefined;
    el.addEventListener('mrz-capture', (e) => {
      image = e.detail.image;
      e.preventDefault();
    });
    await el.scanFile(await photo());
    await new Promise((r) => setTimeout(r, 100));
    expect(image?.type).to.equal('image/jpeg');
    expect(seen).to.have.length(0);
    expect(outcome.results).to.have.length(0);
    expect(outcome.errors).to.have.length(0);
    expect(el.state).to.equal('ready');
  });

  it('sending shows a labelled progress bar and Cancel, then the element is usable again after "Scan another"', async () => {
    backend(slow(400, ok()));
    const el = await scanner();
    const outcome = record(el);
    const done = el.scanFile(await photo());
    await until(() => el.state === 'sending');
    await el.updateComplete;
    const progress = shadow(el).querySelector('progress')!;
    expect(progress.getAttribute('aria-label')).to.equal('Upload progress');
    expect(el.hasAttribute('busy')).to.equal(true);
    expect(buttons(el)).to.deep.equal(['Cancel']);
    // (Real byte progress is asserted without msw in between: mrz-scanner-dist.browser.test.ts.)
    expect(progress.getAttribute('max')).to.equal('100');
    await done;
    expect(outcome.results).to.have.length(1);
    await el.updateComplete;
    expect(el.hasAttribute('busy')).to.equal(false);
    (shadow(el).querySelector('button') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    expect(buttons(el)).to.deep.equal(['Upload photo', 'Use camera']);
    backend(ok());
    await el.scanFile(await photo());
    expect(outcome.results).to.have.length(2);
  });

  it('submitCapture (the camera path): fires mrz-capture with source "camera", uploads, reports its prepare time', async () => {
    backend(ok());
    const el = await scanner();
    const outcome = record(el);
    const sources: string[] = [];
    el.addEventListener('mrz-capture', (e) => sources.push(e.detail.source));
    const jpeg = await photo(800, 500, 'image/jpeg', 'frame.jpg');
    await el.submitCapture({ blob: jpeg, width: 800, height: 500, timings: { prepare: 12 } });
    expect(sources).to.deep.equal(['camera']);
    expect(outcome.results).to.have.length(1);
    expect(outcome.results[0]!.detail.timings.prepare).to.equal(12);
    expect(outcome.results[0]!.detail.timings.total).to.be.at.least(12);
    const sent = new Uint8Array(await (seen[0]!.form.get('image') as File).arrayBuffer());
    expect(sent.length).to.equal(jpeg.size);
    expect(sent).to.deep.equal(new Uint8Array(await jpeg.arrayBuffer()));
  });

  it('fail(): a camera failure goes through the one mrz-error path, localized', async () => {
    const el = await scanner(html`<mrz-scanner endpoint=${ENDPOINT} lang="kk"></mrz-scanner>`);
    const outcome = record(el);
    el.fail('camera-permission-denied');
    expect(outcome.errors.map((e) => e.detail)).to.deep.equal([
      { code: 'camera-permission-denied', message: 'Камераға рұқсат жоқ. Браузер баптауларында рұқсат беріңіз немесе сурет жүктеңіз.', retryable: false },
    ]);
    await el.updateComplete;
    expect(el.state).to.equal('error');
  });

  it('sends the integrator headers, the field-name and credentials', async () => {
    backend(ok());
    const el = await scanner(html`<mrz-scanner endpoint=${ENDPOINT} field-name="document" credentials="omit"></mrz-scanner>`);
    el.headers = { 'X-Session-Token': 'per-session-123' };
    const outcome = record(el);
    await el.scanFile(await photo());
    expect(outcome.results).to.have.length(1);
    expect([...seen[0]!.form.keys()]).to.deep.equal(['document']);
    expect(seen[0]!.headers.get('x-session-token')).to.equal('per-session-123');
  });

  it('nonsense numeric attributes fall back to the defaults instead of breaking the scan', async () => {
    backend(ok());
    const el = await scanner(html`<mrz-scanner endpoint=${ENDPOINT} timeout="soon" max-dimension="0" quality="-1" max-file-size="abc"></mrz-scanner>`);
    const outcome = record(el);
    await el.scanFile(await photo(2000, 1000));
    expect(outcome.errors).to.have.length(0);
    expect(outcome.results).to.have.length(1);
    const upload = await inspectUpload(seen[0]!.form.get('image') as File);
    expect([upload.width, upload.height]).to.deep.equal([1600, 800]);
  });

  it('is accessible in the ready, result and error states', async function () {
    this.timeout(30000); // three axe runs; slow when the machine is busy
    const el = await scanner();
    await expect(el).to.be.accessible();
    backend(ok());
    await el.scanFile(await photo());
    await el.updateComplete;
    await expect(el).to.be.accessible();
    backend(() => new Response('nope', { status: 500 }));
    await el.scanFile(await photo());
    await el.updateComplete;
    expect(el.state).to.equal('error');
    await expect(el).to.be.accessible();
  });

  it('keyboard: focus moves to the next state\'s button, the live region announces, no inline styles', async () => {
    backend(() => new Response('nope', { status: 500 }));
    const el = await scanner();
    el.focus();
    const status = shadow(el).querySelector('[part~="status"]')!;
    expect(status.getAttribute('role')).to.equal('status');
    await el.scanFile(await photo());
    await el.updateComplete;
    const tryAgain = shadow(el).activeElement as HTMLElement;
    expect(tryAgain?.textContent?.trim()).to.equal('Try again');
    expect(status.textContent!.trim()).to.equal('The server ran into a problem.');
    expect(shadow(el).querySelectorAll('[style]')).to.have.length(0);
    tryAgain.click();
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    expect((shadow(el).activeElement as HTMLElement)?.textContent?.trim()).to.equal('Upload photo');
  });

  it('"Upload photo" opens the image chooser; "Use camera" calls startCamera()', async () => {
    const el = await scanner();
    const input = shadow(el).querySelector('input[type=file]') as HTMLInputElement;
    let chooser = '';
    input.addEventListener('click', (e) => {
      chooser = `${input.accept} capture=${input.getAttribute('capture') ?? 'none'}`;
      e.preventDefault();
    });
    let cameraStarts = 0;
    el.startCamera = async () => void cameraStarts++;
    el.requestUpdate();
    await el.updateComplete;
    (shadow(el).querySelectorAll('button')[0] as HTMLButtonElement).click();
    expect(chooser).to.equal('image/* capture=none');
    (shadow(el).querySelectorAll('button')[1] as HTMLButtonElement).click();
    expect(cameraStarts).to.equal(1);
  });
});

describe('<mrz-scanner> languages', () => {
  before(startBackend);

  it('lang="ru-RU" means Russian, messages included', async () => {
    const el = await scanner(html`<mrz-scanner endpoint=${ENDPOINT} lang="ru-RU"></mrz-scanner>`);
    expect(buttons(el)).to.deep.equal(['Загрузить фото', 'Включить камеру']);
    expect(shadow(el).querySelector('[part~="base"]')!.getAttribute('lang')).to.equal('ru');
    const outcome = record(el);
    backend(() => Response.json({ detail: 'Client does not have access to MRZ technology' }, { status: 400 }));
    await el.scanFile(await photo());
    expect(outcome.errors[0]!.detail.message).to.equal('У этого сайта нет доступа к сканированию.');
    expect(text(el, 'status')).to.equal('У этого сайта нет доступа к сканированию.');
    expect(buttons(el)).to.deep.equal(['Попробовать снова']);
  });

  it('inherits the nearest ancestor lang (ky, ru), follows its changes, then its own lang (kk), falls back to English', async () => {
    await startBackend();
    const wrapper = await fixture<HTMLElement>(html`<div lang="ky"><section><mrz-scanner endpoint=${ENDPOINT}></mrz-scanner></section></div>`);
    const el = wrapper.querySelector('mrz-scanner') as MrzScannerElement;
    await el.updateComplete;
    expect(buttons(el)[0]).to.equal('Сүрөт жүктөө');
    wrapper.setAttribute('lang', 'ru');
    await until(() => buttons(el)[0] === 'Загрузить фото', 2000);
    el.setAttribute('lang', 'kk-KZ');
    await el.updateComplete;
    expect(buttons(el)[0]).to.equal('Сурет жүктеу');
    el.setAttribute('lang', 'de');
    await el.updateComplete;
    expect(buttons(el)[0]).to.equal('Upload photo');
  });

  it('inherits lang across a shadow root (the scanner inside another component)', async () => {
    await startBackend();
    const outer = await fixture<HTMLElement>(html`<div lang="kk"><div class="host"></div></div>`);
    const root = outer.querySelector('.host')!.attachShadow({ mode: 'open' });
    const el = document.createElement('mrz-scanner');
    el.endpoint = ENDPOINT;
    root.append(el);
    await el.updateComplete;
    expect(buttons(el)[0]).to.equal('Сурет жүктеу');
  });

  it('the strings property overrides any text, error messages included', async () => {
    backend(() => new Response('slow down', { status: 429 }));
    const el = await scanner();
    el.strings = { upload: 'Choose a picture', 'rate-limited': 'Easy there.' };
    await el.updateComplete;
    expect(buttons(el)[0]).to.equal('Choose a picture');
    const outcome = record(el);
    await el.scanFile(await photo());
    expect(outcome.errors[0]!.detail).to.include({ code: 'rate-limited', message: 'Easy there.', retryable: true, status: 429 });
  });

  it('slots replace the title and help text', async () => {
    const el = await scanner(html`<mrz-scanner endpoint=${ENDPOINT}><span slot="title">Verify your ID</span><span slot="help">Any help</span></mrz-scanner>`);
    const slot = shadow(el).querySelector('slot[name="title"]') as HTMLSlotElement;
    expect(slot.assignedElements()[0]!.textContent).to.equal('Verify your ID');
    expect((shadow(el).querySelector('slot[name="help"]') as HTMLSlotElement).assignedElements()).to.have.length(1);
  });
});
