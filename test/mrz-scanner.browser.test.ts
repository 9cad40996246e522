import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import type { MrzScannerElement } from '../src/mrz-scanner.js';

describe('<mrz-scanner> registration', () => {
  it('is defined once and renders into an open shadow root', async () => {
    const el = await fixture<MrzScannerElement>(html`<mrz-scanner endpoint="/api/mrz"></mrz-scanner>`);
    expect(customElements.get('mrz-scanner')).to.equal(el.constructor);
    expect(el.shadowRoot).to.not.equal(null);
    expect(el.shadowRoot!.querySelector('[part="base"]')).to.not.equal(null);
  });
});
