// `npm test`: builds, then every Node test (code without a DOM) and the browser suite in headless Chromium.
// Prints one closing line "tests: N passed, N failed" over both runners.
// `npm test -- --node-only` / `--browser-only` run one half; `--no-build` skips the build.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const totals = { passed: 0, failed: 0 };

function listTests(dir) {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts') && !f.endsWith('.browser.test.ts'))
    .map((f) => join(dir, f))
    .sort();
}

/** Runs a command, echoing its output, and returns [exit code, output]. */
function run(cmd, argv, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        out += chunk;
        (stream === child.stdout ? process.stdout : process.stderr).write(chunk);
      });
    }
    child.on('close', (code) => resolve([code ?? 1, out]));
  });
}

/** WTR ends with one progress line per test group just before its last "Finished running tests": sum those. */
function finalGroupCounts(out) {
  const lines = out.split(/\r?\n/);
  let i = lines.findLastIndex((l) => l.includes('Finished running tests'));
  const counts = { passed: 0, failed: 0 };
  while (--i >= 0) {
    const m = /(\d+) passed, (\d+) failed/.exec(lines[i]);
    if (!m) {
      if (lines[i].trim() === '' && counts.passed + counts.failed === 0) continue;
      break;
    }
    counts.passed += Number(m[1]);
    counts.failed += Number(m[2]);
  }
  return counts;
}

let failed = false;
if (!args.has('--no-build')) {
  const [code] = await run('npm', ['run', '-s', 'build']);
  if (code !== 0) process.exit(code);
}

if (!args.has('--browser-only')) {
  // The recognizer's card set is drawn once here rather than by several test files at the same time.
  const [cards] = await run(process.execPath, ['--import', 'tsx', 'scripts/cards/generate.ts']);
  if (cards !== 0) failed = true;
  const files = listTests('test');
  const [code, out] = await run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files]);
  const pass = Number(/^ℹ pass (\d+)/m.exec(out)?.[1] ?? 0);
  const fail = Number(/^ℹ fail (\d+)/m.exec(out)?.[1] ?? (code === 0 ? 0 : 1));
  totals.passed += pass;
  totals.failed += fail;
  if (code !== 0) failed = true;
}

if (!args.has('--node-only')) {
  const [code, out] = await run(process.execPath, ['scripts/run-wtr.js', 'chromium']);
  const counts = finalGroupCounts(out);
  totals.passed += counts.passed;
  totals.failed += counts.failed || (code === 0 ? 0 : 1);
  if (code !== 0) failed = true;
}

console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(failed || totals.failed > 0 ? 1 : 0);
