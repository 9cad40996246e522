import { expect, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { ENDPOINT, scanner, shadow } from './mrz-scanner.helpers.js';

const style = (el: Element) => getComputedStyle(el);

describe('<mrz-scanner> styles', () => {
  it('the --mrz-* tokens theme the box, the buttons and the font', async () => {
    const el = await scanner(html`<mrz-scanner endpoint=${ENDPOINT}></mrz-scanner>`);
    el.style.setProperty('--mrz-accent-color', 'rgb(200, 0, 100)');
    el.style.setProperty('--mrz-background', 'rgb(1, 2, 3)');
    el.style.setProperty('--mrz-text-color', 'rgb(250, 250, 250)');
    el.style.setProperty('--mrz-font-family', 'monospace');
    el.style.setProperty('--mrz-radius', '3px');
    el.style.setProperty('--mrz-spacing', '10px');
    const base = shadow(el).querySelector('[part~="base"]')!;
    const primary = shadow(el).querySelector('button')!;
    expect(style(base).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(style(base).color).to.equal('rgb(250, 250, 250)');
    expect(style(base).fontFamily).to.equal('monospace');
    expect(style(base).borderTopLeftRadius).to.equal('3px');
    expect(style(base).paddingTop).to.equal('10px');
    expect(style(primary).backgroundColor).to.equal('rgb(200, 0, 100)');
    expect(style(primary).color).to.equal('rgb(1, 2, 3)');
  });

  it('dark mode and reduced motion are respected (emulated where the browser driver can)', async () => {
    // Only the CDP driver (Chromium) emulates media features; elsewhere check the scheme the browser has.
    const emulated = /Chrome\//.test(navigator.userAgent);
    if (emulated) await emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    try {
      const dark = matchMedia('(prefers-color-scheme: dark)').matches;
      const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
      if (emulated) expect([dark, reduce]).to.deep.equal([true, true]);
      const el = await scanner();
      const base = shadow(el).querySelector('[part~="base"]')!;
      const button = shadow(el).querySelector('button')!;
      expect(style(base).backgroundColor).to.equal(dark ? 'rgb(19, 19, 20)' : 'rgb(255, 255, 255)');
      expect(style(base).color).to.equal(dark ? 'rgb(227, 227, 227)' : 'rgb(31, 31, 31)');
      expect(style(button).transitionDuration).to.equal(reduce ? '0s' : '0.15s');
      await expect(el).to.be.accessible();
    } finally {
      if (emulated) await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    }
  });

  it('focus is visible on the buttons', async () => {
    const el = await scanner();
    const button = shadow(el).querySelector('button')!;
    button.focus();
    // :focus-visible applies to programmatic focus after no pointer interaction; the outline is the accent.
    expect(button.matches(':focus-visible')).to.equal(true);
    expect(style(button).outlineStyle).to.equal('solid');
    expect(style(button).outlineWidth).to.equal('3px');
  });
});
