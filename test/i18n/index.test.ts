import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en } from '../../src/i18n/en.js';
import { kk } from '../../src/i18n/kk.js';
import { ky } from '../../src/i18n/ky.js';
import { ru } from '../../src/i18n/ru.js';
import { messagesFor, resolveLocale } from '../../src/i18n/index.js';

test('resolveLocale takes the primary subtag and falls back to English', () => {
  assert.equal(resolveLocale('ru-RU'), 'ru');
  assert.equal(resolveLocale('KY_kg'), 'ky');
  assert.equal(resolveLocale('kk'), 'kk');
  assert.equal(resolveLocale('en-GB'), 'en');
  assert.equal(resolveLocale('de'), 'en');
  assert.equal(resolveLocale(''), 'en');
  assert.equal(resolveLocale(null), 'en');
});

test('every locale translates every message (none left empty or in English)', () => {
  for (const [name, messages] of Object.entries({ ru, ky, kk })) {
    assert.deepEqual(Object.keys(messages).sort(), Object.keys(en).sort(), name);
    for (const [key, value] of Object.entries(messages)) {
      assert.ok(value.trim(), `${name}.${key} is empty`);
      assert.notEqual(value, en[key as keyof typeof en], `${name}.${key} is untranslated`);
    }
  }
});

test('messagesFor merges overrides over the locale', () => {
  const m = messagesFor('ru', { upload: 'Фото' });
  assert.equal(m.upload, 'Фото');
  assert.equal(m.camera, ru.camera);
});
