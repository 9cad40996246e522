import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Rolldown } from 'vite';
import { LOCALES, packLocales, packMessages, readMessages, type Locale } from '../../scripts/pack-messages.js';
import { lettersFrom, unpackMessages } from '../../src/i18n/unpack.js';
import { en } from '../../src/i18n/en.js';
import { kk } from '../../src/i18n/kk.js';
import { ky } from '../../src/i18n/ky.js';
import { ru } from '../../src/i18n/ru.js';
import type * as I18n from '../../src/i18n/index.js';

const sources = { en, ru, ky, kk };
const srcI18n = new URL('../../src/i18n/', import.meta.url).pathname;

/** src/i18n/index.ts built the way the element bundle is (plugin, oxc minifier), as one ES module. */
async function buildI18n(root: string): Promise<string> {
  const result = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins: [packMessages()],
    build: {
      write: false,
      minify: 'oxc',
      lib: { entry: 'src/i18n/index.ts', formats: ['es'], fileName: () => 'i18n.js' },
      rolldownOptions: { output: { codeSplitting: false, minify: true } },
    },
  });
  const [output] = result as Rolldown.RolldownOutput[];
  const chunk = output!.output.find((o) => o.type === 'chunk');
  return chunk!.code;
}

const importCode = (code: string) => import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`) as Promise<typeof I18n>;

/** A copy of src/i18n in a temp project, with `edit` applied to one locale file. */
function fixture(file: string, edit: (source: string) => string): string {
  const root = mkdtempSync(join(tmpdir(), 'pack-messages-'));
  cpSync(srcI18n, join(root, 'src/i18n'), { recursive: true });
  const path = join(root, 'src/i18n', file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  assert.notEqual(after, before, 'the fixture edit must change the file');
  writeFileSync(path, after);
  return root;
}

async function assertBuildFails(root: string, message: RegExp): Promise<void> {
  try {
    await assert.rejects(buildI18n(root), (error: Error) => {
      assert.match(error.message, message);
      return true;
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('the built bundle rebuilds every locale exactly as written in src/i18n, from ASCII only', async () => {
  const code = await buildI18n(new URL('../..', import.meta.url).pathname);
  assert.doesNotMatch(code, /[^\x00-\x7f]/, 'a byte above 127 is left in the bundle');
  assert.doesNotMatch(code, /title:/, 'the locales still ship as object literals');
  const built = await importCode(code);
  for (const [locale, messages] of Object.entries(sources)) {
    const rebuilt = built.messagesFor(locale as Locale);
    assert.deepEqual(rebuilt, messages, locale);
    assert.deepEqual(Object.keys(rebuilt), Object.keys(en), `${locale} keeps en's key order`);
  }
  assert.equal(built.resolveLocale('kk-KZ'), 'kk');
  const overridden = built.messagesFor('ky', { upload: 'Жүктөө' });
  assert.equal(overridden.upload, 'Жүктөө');
  assert.equal(overridden.camera, ky.camera);
});

test('packing round-trips awkward text: | and ^ in messages, letters without a one-letter case pair, ASCII only', () => {
  // The third text of each starts with something other than a capital (values start upper case unless marked).
  const texts: Record<Locale, [string, string, string]> = {
    en: ['Straße | Weiß ^ İstanbul…', 'ǅ ﬁ µ ÿ', 'ß'],
    ru: ['ЁЛКА ёлка | ^ Ъ', 'a|b^c', 'ёлка'],
    ky: ['ӨҢҮ өңү', '«Жок» — ооба', 'ǆ ^'],
    kk: ['ӘҒҚҢӨҰҮҺІ әғқңөұүһі', '', '\nә'],
  };
  const locales = Object.fromEntries(
    LOCALES.map((l) => [l, new Map([['a', texts[l][0]], ['b-c', texts[l][1]], ['d', texts[l][2]]])]),
  ) as Record<Locale, Map<string, string>>;
  const packed = packLocales(locales);
  assert.ok(!'|^'.includes(packed.sep) && !'|^'.includes(packed.mark), 'separator and mark avoid characters the messages use');
  for (const locale of LOCALES) {
    const { packed: text, codes } = packed.locales[locale];
    assert.doesNotMatch(text, /[^\x00-\x7f]/, locale);
    const back = unpackMessages(text, codes, lettersFrom(packed.steps), packed.keys, packed.sep, packed.mark);
    assert.deepEqual(back, { a: texts[locale][0], 'b-c': texts[locale][1], d: texts[locale][2] }, locale);
  }
});

test('the build stops on a value that is not a plain string literal', async () => {
  await assertBuildFails(
    fixture('ru.ts', (s) => s.replace("upload: 'Загрузить фото'", 'upload: `Загрузить ${"фото"}`')),
    /ru\.ts:\d+: the value of "upload" must be a plain string literal/,
  );
});

test('the build stops when a locale lacks a key of en or has one en lacks', async () => {
  await assertBuildFails(
    fixture('kk.ts', (s) => s.replace(/^\s*torch: .*\n/m, '').replace('title:', 'titel:')),
    /kk\.ts: keys differ from en\.ts \(missing: title, torch; not in en: titel\)/,
  );
});

test('the build stops on a character it cannot pack', async () => {
  await assertBuildFails(
    fixture('ky.ts', (s) => s.replace(/takePhoto: '([^']*)'/, "takePhoto: '$1 📷'")),
    /ky\.ts: cannot pack "📷"/,
  );
});

test('locales with room for every letter write each letter the same way (shared words stay the same bytes)', () => {
  const maps = Object.fromEntries(LOCALES.map((l) => [l, new Map(Object.entries(sources[l]))])) as Record<Locale, Map<string, string>>;
  const packed = packLocales(maps);
  assert.equal(packed.locales.ky.codes, packed.locales.ru.codes);
  assert.equal(packed.locales.kk.codes, packed.locales.ru.codes);
  const switchCamera = (l: Locale) => packed.locales[l].packed.split(packed.sep)[packed.keys.indexOf('switchCamera')]!;
  assert.ok(ky.switchCamera.startsWith('Камераны ') && kk.switchCamera.startsWith('Камераны '));
  assert.equal(switchCamera('ky').slice(0, 9), switchCamera('kk').slice(0, 9));
});

test('packing fails when a locale has more distinct letters than unused ASCII characters', () => {
  const messages = (text: string) => new Map([['title', text]]);
  const cjk = Array.from({ length: 120 }, (_, i) => String.fromCharCode(0x4e00 + i)).join('');
  assert.throws(
    () => packLocales({ en: messages('Scan'), ru: messages('Скан'), ky: messages('Скан'), kk: messages(cjk) }),
    /kk\.ts: 120 different non-ASCII letters but only \d+ unused ASCII characters/,
  );
});

test('readMessages accepts a typed keyed object and rejects anything else', () => {
  const { name, messages } = readMessages("export const ru: Messages = { title: 'Скан', 'file-too-large': 'Большой' };", 'ru.ts');
  assert.equal(name, 'ru');
  assert.deepEqual(Object.fromEntries(messages), { title: 'Скан', 'file-too-large': 'Большой' });
  assert.throws(() => readMessages("export const ru = { ...base, title: 'Скан' };", 'ru.ts'), /ru\.ts:1: only `key: 'text'` entries/);
  assert.throws(() => readMessages("export const ru = { title: 'a' + 'b' };", 'ru.ts'), /plain string literal/);
  assert.throws(() => readMessages("export const ru = { title: 'a', title: 'b' };", 'ru.ts'), /"title" appears twice/);
  assert.throws(() => readMessages('export const ru = makeMessages();', 'ru.ts'), /expected exactly one/);
});
