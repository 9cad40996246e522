// The built bundle (dist/mrz-scanner.js) in pages of its own: a strict CSP, and a real server without msw.
import { expect } from '@open-wc/testing';
import { HttpResponse } from 'msw';
import type { MrzScannerElement } from '../src/mrz-scanner.js';
import { backend, ok, photo, startBackend, until } from './mrz-scanner.helpers.js';

interface CspWindow extends Window {
  violations: string[];
}

/** The built bundle (dist/mrz-scanner.js, made by `npm run build`) in a page with a strict CSP. */
describe('<mrz-scanner> under a strict CSP with Trusted Types', () => {
  let frame: HTMLIFrameElement;
  before(async () => {
    await startBackend();
    frame = document.createElement('iframe');
    frame.src = '/test/pages/strict-csp.html';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const win = frame.contentWindow!;
    await until(() => !!win.customElements.get('mrz-scanner'), 5000).catch(() => {
      throw new Error('dist/mrz-scanner.js did not define <mrz-scanner>: run `npm run build` first');
    });
  });
  after(() => frame.remove());

  it('renders, scans, fails and resets without a single policy violation', async () => {
    const win = frame.contentWindow as CspWindow;
    const el = frame.contentDocument!.querySelector('mrz-scanner') as MrzScannerElement;
    await el.updateComplete;
    // The sheet applies (adopted stylesheets are not inline styles): the box has its padding.
    expect(getComputedStyle(el.shadowRoot!.querySelector('[part~="base"]')!).paddingTop).to.equal('16px');
    const codes: string[] = [];
    el.addEventListener('mrz-error', (e) => codes.push(e.detail.code));
    el.addEventListener('mrz-result', () => codes.push('result'));

    backend(ok());
    await el.scanFile(await photo(320, 200));
    await el.updateComplete;
    backend(() => HttpResponse.json({ detail: 'MRZ max attempts exceeded' }, { status: 400 }));
    await el.scanFile(await photo(320, 200));
    await el.updateComplete;
    el.reset();
    await el.updateComplete;

    expect(codes).to.deep.equal(['result', 'attempts-exceeded']);
    expect(el.shadowRoot!.querySelectorAll('[style]')).to.have.length(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(win.violations).to.deep.equal([]);
  });

  it('the page would report a violation if anything broke the policy (the check is live)', async () => {
    const win = frame.contentWindow as CspWindow;
    const div = frame.contentDocument!.createElement('div');
    div.setAttribute('style', 'color: red');
    frame.contentDocument!.body.append(div);
    await until(() => win.violations.length > 0, 2000);
    expect(win.violations[0]).to.match(/style-src/);
    div.remove();
    win.violations.length = 0;
  });
});

describe('<mrz-scanner> upload progress against a real server', () => {
  it('the progress bar reports the uploaded bytes (built bundle, no service worker in between)', async () => {
    const otherOrigin = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
    const frame = document.createElement('iframe');
    frame.src = `${location.protocol}//${otherOrigin}:${location.port}/test/pages/upload-progress.html`;
    const report = new Promise<{ code: string; status: number; progress: string[] }>((resolve) =>
      window.addEventListener('message', (e) => resolve(e.data), { once: true }),
    );
    document.body.append(frame);
    try {
      const { code, status, progress } = await report;
      expect([code, status]).to.deep.equal(['request-rejected', 404]);
      expect(progress[0], 'indeterminate until the first progress event').to.equal('indeterminate');
      expect(progress, 'the whole body went out').to.include('100');
    } finally {
      frame.remove();
    }
  });
});
