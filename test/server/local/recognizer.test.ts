/**
 * The embedded recognizer read through the Recognizer interface, on the synthetic card set rendered
 * by scripts/cards/generate.ts (built into .cache/cards on first run, then reused).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { buildCardSet, type CardImage } from '../../../scripts/cards/generate.js';
import { createLocalRecognizer } from '../../../src/server/local/index.js';
import type { RecognizeResponse } from '../../../src/server/recognizer.js';

const recognizer = createLocalRecognizer({ timeoutMs: 30_000 });
let set: { dir: string; images: CardImage[] };

async function recognize(bytes: Uint8Array, mediaType = 'image/jpeg'): Promise<RecognizeResponse> {
  return recognizer.recognize({ image: bytes, mediaType, signal: new AbortController().signal, requestId: 't' });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('local recognizer on the synthetic card set', () => {
  before(async () => {
    set = await buildCardSet({ log: (s) => console.log(s) });
  });

  test('the set covers the conditions the issue asks for', () => {
    const variants = new Set(set.images.map((i) => i.variant));
    for (const v of ['clean', 'rotated', 'blurred', 'jpeg30', 'small640', 'perspective', 'lowcontrast', 'noisy', 'upsidedown', 'altfont', 'phone', 'phonesmall', 'upload1600', 'upload1600upside', 'td3-clean', 'neg-text', 'neg-barcode', 'neg-blank-card', 'neg-bad-check']) {
      assert.ok(variants.has(v), `missing variant ${v}`);
    }
    const ids = new Set(set.images.map((i) => i.identity));
    assert.ok([...ids].some((i) => i?.startsWith('kgz')) && [...ids].some((i) => i?.startsWith('kaz')));
  });

  test('reads the exact MRZ of every card image, as a clean read', async (t) => {
    for (const img of set.images.filter((i) => i.mrz)) {
      await t.test(img.file, async () => {
        const res = await recognize(readFileSync(join(set.dir, img.file)));
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.mrz_string, img.mrz);
        assert.equal(res.body.result, true);
        assert.equal(res.body.status, 'SUCCESS');
        assert.equal(res.body.failure_reason, null);
        assert.deepEqual(res.body.corrections, []);
        assert.match(String(res.body.backend_session_id), UUID);
        assert.ok(typeof res.body.confidence === 'number' && res.body.confidence > 0.8 && res.body.confidence <= 1);
      });
    }
  });

  test('rejects images without an MRZ with the upstream 422', async (t) => {
    for (const img of set.images.filter((i) => ['neg-text', 'neg-barcode', 'neg-blank-card'].includes(i.variant))) {
      await t.test(img.file, async () => {
        const res = await recognize(readFileSync(join(set.dir, img.file)));
        assert.equal(res.status, 422);
        assert.deepEqual(res.body, { detail: 'Error while parsing MRZ' });
      });
    }
  });

  test('text that merely resembles an MRZ never comes back valid', async (t) => {
    for (const img of set.images.filter((i) => ['neg-mono-lookalike', 'neg-ocrb-not-mrz', 'neg-bad-check'].includes(i.variant))) {
      await t.test(img.file, async () => {
        const res = await recognize(readFileSync(join(set.dir, img.file)));
        assert.notEqual(res.body.result, true);
        if (res.status === 200) {
          assert.equal(res.body.status, 'FAILED');
          assert.equal(res.body.failure_reason, 'corrected read, needs review');
          assert.ok(Array.isArray(res.body.corrections) && res.body.corrections.length > 0);
        } else {
          assert.equal(res.status, 422);
        }
      });
    }
  });

  test('WebP: the WebP card reads exactly, with no native decoder needed', async () => {
    const webps = set.images.filter((i) => i.variant === 'webp');
    assert.ok(webps.length > 0, 'the set has a WebP card');
    for (const img of webps) {
      const res = await recognize(readFileSync(join(set.dir, img.file)), 'image/webp');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.mrz_string, img.mrz);
      assert.equal(res.body.result, true);
    }
  });

  test('a card photographed sideways reads too (90° either way)', async (t) => {
    for (const [variant, deg] of [['upload1600', '90'], ['clean', '-90']] as const) {
      const img = set.images.find((i) => i.variant === variant)!;
      await t.test(`${img.file} turned ${deg}°`, async () => {
        const turned = execFileSync('convert', [join(set.dir, img.file), '-rotate', deg, '-quality', '90', 'jpg:-']);
        const res = await recognize(turned);
        assert.equal(res.body.result, true);
        assert.equal(res.body.mrz_string, img.mrz);
      });
    }
  });

  test('the demo sample card reads as OBRAZETS AIGUL', async () => {
    const res = await recognize(readFileSync(new URL('../../../demo/sample-card.jpg', import.meta.url)));
    assert.equal(res.status, 200);
    assert.equal(res.body.result, true);
    assert.equal(res.body.mrz_string, 'IDKGZID0000471511503199000732<\n9003152F3205149KGZ<<<<<<<<<<<3\nOBRAZETS<<AIGUL<<<<<<<<<<<<<<<');
  });

  test('reads back an MRZ rendered from its own templates at startup (self-check)', async () => {
    assert.equal(await createLocalRecognizer().selfCheck, true);
  });

  test('answers the same way twice (deterministic)', async () => {
    const img = set.images.find((i) => i.variant === 'upload1600')!;
    const bytes = readFileSync(join(set.dir, img.file));
    const a = await recognize(bytes), b = await recognize(bytes);
    assert.equal(a.body.mrz_string, b.body.mrz_string);
    assert.equal(a.body.confidence, b.body.confidence);
    assert.notEqual(a.body.backend_session_id, b.body.backend_session_id);
  });
});
