// `npm run bench:prepare`: image preparation of a generated 12-megapixel phone photo (EXIF orientation 6) in
// headless Chromium — prepareImage (decode at reduced scale) against the naive path (full decode → canvas →
// toBlob). Median of alternating rounds; prints times, their ratio and the bytes in/out.
// `-- --rounds N` changes the number of rounds (default 7). Load from other processes skews wall times (several
// decoder/encoder threads per run), so the best round is printed next to the median.
import { build } from 'esbuild';
import type { BenchResult, StageRows } from './prepare.page.js';
import puppeteer from 'puppeteer-core';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
// @ts-expect-error -- the lead's plain-JS browser helper has no type declarations
import { chromiumArgs, chromiumPath } from '../scripts/browsers.js';

const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 7;

const bundle = await build({
  entryPoints: [fileURLToPath(new URL('./prepare.page.ts', import.meta.url))],
  bundle: true,
  write: false,
  format: 'iife',
  target: 'es2022',
});

// Served from http://127.0.0.1 because WebCodecs exists only in secure contexts (about:blank is not one).
const script = bundle.outputFiles[0]!.text;
const server = createServer((req, res) => {
  const js = req.url === '/bench.js';
  res.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html' });
  res.end(js ? script : '<!doctype html><title>bench</title><script src="/bench.js"></script>');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

// `-- --browser firefox` runs the same page in Firefox ESR (WebDriver BiDi) for comparison.
const firefox = process.argv.includes('firefox');
const browser = await puppeteer.launch(
  firefox
    ? { browser: 'firefox', executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', headless: true }
    : { executablePath: chromiumPath(), headless: true, args: chromiumArgs() },
);
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(url);
  if (process.argv.includes('--stages')) {
    // `-- --stages`: where the time goes, stage by stage, instead of the whole-path comparison.
    const rows = await page.evaluate(
      (n) => (window as unknown as { runStages(n: number): Promise<StageRows> }).runStages(n),
      rounds,
    );
    console.log(`stages of both paths, each timed alone, ${rounds} rounds (ms)`);
    for (const [name, times] of Object.entries(rows)) {
      console.log(`${name.padEnd(32)} median ${median(times).toFixed(0).padStart(4)}   best ${Math.min(...times).toFixed(0).padStart(4)}`);
    }
  } else {
    const r = await page.evaluate(
      (n) => (window as unknown as { runBench(n: number): Promise<BenchResult> }).runBench(n),
      rounds,
    );
    const kb = (x: number) => `${(x / 1024).toFixed(0)} KB`;
    const row = (name: string, times: number[]) =>
      console.log(
        `${name.padEnd(14)} median ${median(times).toFixed(0).padStart(5)} ms   best ${Math.min(...times).toFixed(0).padStart(5)} ms   [${times.map((t) => t.toFixed(0)).join(' ')}]`,
      );
    const { prepare, naive } = r.times;
    console.log(`prepareImage — 12 MP JPEG (4000×3000, EXIF orientation 6) → ${r.output.width}×${r.output.height} JPEG`);
    console.log(
      `browser        ${r.userAgent.match(/(Chrome|Firefox)\/[\d.]+/)?.[0] ?? r.userAgent}, WebCodecs ImageDecoder: ${r.webCodecs ? 'yes' : 'no'}; ${rounds} alternating rounds`,
    );
    row('prepareImage', prepare);
    row('naive', naive);
    console.log(
      `time ratio     ${(median(prepare) / median(naive)).toFixed(2)} median, ${(Math.min(...prepare) / Math.min(...naive)).toFixed(2)} best (prepareImage / naive; goal well under 0.5)`,
    );
    console.log(
      `bytes          ${kb(r.input.bytes)} in → ${kb(r.output.bytes)} out (out/in ${(r.output.bytes / r.input.bytes).toFixed(3)}, ${(r.input.bytes / r.output.bytes).toFixed(1)}× smaller)`,
    );
  }
} finally {
  await browser.close();
  server.close();
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}
