// The shipped bundle must import cleanly where there is no DOM (server rendering, Node).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/mrz-scanner.js', import.meta.url);

test('dist/mrz-scanner.js imports without customElements and exposes the event classes', async () => {
  assert.ok(existsSync(bundle), 'dist/mrz-scanner.js is missing: run `npm run build` (npm test does)');
  assert.equal(typeof (globalThis as { customElements?: unknown }).customElements, 'undefined');
  assert.equal(typeof (globalThis as { HTMLElement?: unknown }).HTMLElement, 'undefined');
  const module = await import(bundle.href);
  const event = new module.MrzErrorEvent({ code: 'timeout', message: 'slow', retryable: true });
  assert.equal(event.type, 'mrz-error');
  assert.equal(event.bubbles, true);
  assert.equal(event.composed, true);
  assert.equal(event.detail.code, 'timeout');
  assert.equal(module.isRetryable('timeout'), true);
  assert.equal(module.isRetryable('access-denied'), false);
  // Importing twice (a second copy of the script) is harmless too.
  await import(bundle.href + '?again');
});
