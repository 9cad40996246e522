// `npm run size`: what dist/mrz-scanner.js costs a page, and the budget that fails CI when it is exceeded.
// raw = the same bundle built without minification; minified = the shipped file.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { build } from 'vite';

const BUDGET_GZIP = 24 * 1000; // issue #2's budget; the goal is 16 KB.
const GOAL_GZIP = 16 * 1000;
// Where the bytes go: `npm run size:modules`.
const file = 'dist/mrz-scanner.js';
if (!existsSync(file)) {
  console.error(`${file} is missing: run \`npm run build\` first.`);
  process.exit(1);
}

const shipped = readFileSync(file);
process.env.MRZ_BUILD = 'element';
const [unminified] = await build({
  configFile: 'vite.config.ts',
  logLevel: 'silent',
  build: { write: false, minify: false, rolldownOptions: { output: { minify: false } } },
});
const rawCode = unminified.output[0].code;

const gzip = gzipSync(shipped, { level: 9 }).length;
const brotli = brotliCompressSync(shipped, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const row = (name, n) => console.log(`${name.padEnd(10)} ${String(n).padStart(8)} B`);
console.log(file);
row('raw', Buffer.byteLength(rawCode));
row('minified', shipped.length);
row('gzip', gzip);
row('brotli', brotli);
console.log(`budget     ${String(BUDGET_GZIP).padStart(8)} B gzip (goal ${GOAL_GZIP} B): ${gzip <= BUDGET_GZIP ? `OK, ${BUDGET_GZIP - gzip} B to spare` : `OVER by ${gzip - BUDGET_GZIP} B`}`);
if (/^\s*import[\s{*]/m.test(shipped.toString()) || /\bfrom\s*["']/.test(shipped.toString())) {
  console.error('dist/mrz-scanner.js still has import statements: it must be one self-contained module.');
  process.exit(1);
}
if (gzip > BUDGET_GZIP) process.exit(1);
