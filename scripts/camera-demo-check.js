// End-to-end check of the demo page with a camera: starts the Vite dev server (`npm start`: the demo plus
// the reference backend), opens it in headless Chromium whose fake camera plays the synthetic card
// (scripts/camera-fixtures.js), presses "Use camera" then "Take photo" on the first scanner, and waits for
// its mrz-result. Prints the fields and exits non-zero when the scan does not come back verified.
//
//   node scripts/camera-demo-check.js [--auto]     (--auto: set auto-capture instead of pressing the button)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from './browsers.js';
import { CAMERA_FIXTURES } from './camera-fixture-paths.js';

const PORT = 5199;
const auto = process.argv.includes('--auto');

if (!existsSync(CAMERA_FIXTURES.sharp)) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/camera-fixtures.js'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}

const server = spawn(
  process.execPath,
  ['node_modules/vite/bin/vite.js', '--config', 'vite.config.ts', '--port', String(PORT), '--strictPort'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
let browser;
const finish = async (code) => {
  await browser?.close().catch(() => undefined);
  server.kill();
  process.exit(code);
};
setTimeout(() => {
  console.error('camera demo check: timed out');
  void finish(1);
}, 90_000).unref();

await new Promise((resolve, reject) => {
  let log = '';
  server.stdout.on('data', (chunk) => {
    log += chunk;
    if (log.includes(`:${PORT}`)) resolve();
  });
  server.on('exit', () => reject(new Error(`vite exited:\n${log}`)));
});

try {
  browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${CAMERA_FIXTURES.sharp}`,
      '--autoplay-policy=no-user-gesture-required',
    ]),
  });
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${PORT}/`, { waitUntil: 'networkidle0' });
  const outcome = await page.evaluate(async (auto) => {
    const el = document.querySelector('mrz-scanner');
    await customElements.whenDefined('mrz-scanner');
    if (auto) el.setAttribute('auto-capture', '');
    const done = new Promise((resolve) => {
      el.addEventListener('mrz-result', (e) => resolve({ ok: true, fields: e.detail.fields, lines: e.detail.lines }));
      el.addEventListener('mrz-error', (e) => resolve({ ok: false, code: e.detail.code, message: e.detail.message }));
    });
    const button = (label) => [...el.shadowRoot.querySelectorAll('button')].find((b) => b.textContent.trim() === label);
    button('Use camera').click();
    const video = await new Promise((resolve) => {
      const poll = () => {
        const v = el.shadowRoot.querySelector('video');
        if (v && v.videoWidth > 0 && !v.paused) resolve(v);
        else setTimeout(poll, 50);
      };
      poll();
    });
    const size = `${video.videoWidth}x${video.videoHeight}`;
    const started = performance.now();
    if (!auto) {
      await new Promise((r) => video.requestVideoFrameCallback(() => r()));
      button('Take photo').click();
    }
    const result = await done;
    return { ...result, ms: Math.round(performance.now() - started), video: size };
  }, auto);
  console.log(JSON.stringify(outcome, null, 2));
  await finish(outcome.ok ? 0 : 1);
} catch (error) {
  console.error(error);
  await finish(1);
}
