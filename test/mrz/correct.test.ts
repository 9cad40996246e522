import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correctMrz, parseMrz } from '../../src/mrz/index.js';
import { makeMrz, replaceAt } from './make-mrz.js';

const now = new Date('2026-06-15T12:00:00Z');
const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];

test('letters in dates and check digits become digits, digits in states and names become letters', () => {
  const ocr = ['I<UTOD231458907<<<<<<<<<<<<<<<', '74O8122F12O4I59UT0<<<<<<<<<<<G', 'ER1KSSON<<ANNA<MAR1A<<<<<<<<<<'];
  const c = correctMrz(ocr, { now });
  assert.deepEqual(c.lines, TD1);
  assert.equal(c.result.valid, true);
  assert.deepEqual(c.changes, [
    { line: 1, index: 2, from: 'O', to: '0' },
    { line: 1, index: 10, from: 'O', to: '0' },
    { line: 1, index: 12, from: 'I', to: '1' },
    { line: 1, index: 17, from: '0', to: 'O' },
    { line: 1, index: 29, from: 'G', to: '6' },
    { line: 2, index: 2, from: '1', to: 'I' },
    { line: 2, index: 18, from: '1', to: 'I' },
  ]);
  assert.equal(parseMrz(ocr, { now }).valid, false, 'parseMrz itself never guesses');
});

test('every listed confusion is undone in a typed position', () => {
  const pairs: [string, string][] = [['O', '0'], ['I', '1'], ['B', '8'], ['S', '5'], ['Z', '2'], ['G', '6']];
  const lines = makeMrz({ format: 'TD1', documentNumber: 'X1', birthDate: '018256', expirationDate: '300101', lastName: 'BOGIZS' });
  for (const [letter, digit] of pairs) {
    const at = lines[1]!.indexOf(digit);
    if (at < 0 || at > 5) continue;
    const c = correctMrz(replaceAt(lines, 1, at, letter), { now });
    assert.deepEqual(c.changes, [{ line: 1, index: at, from: letter, to: digit }], letter);
    const inName = lines[2]!.indexOf(letter);
    const n = correctMrz(replaceAt(replaceAt(lines, 1, at, letter), 2, inName, digit), { now });
    assert.equal(n.changes.length, 2, `${letter}/${digit}`);
    assert.deepEqual(n.lines, lines);
  }
});

test('K read for < at the end of a name and in an unknown birth date is undone', () => {
  const lines = makeMrz({ format: 'TD1', documentNumber: 'X1', birthDate: '74<<<<', expirationDate: '300101', lastName: 'MARK', firstName: 'KIRK' });
  const ocr = replaceAt(replaceAt(replaceAt(lines, 2, 12, 'K'), 2, 14, 'K'), 1, 3, 'K');
  const c = correctMrz(ocr, { now });
  assert.deepEqual(c.lines, lines);
  assert.equal(c.result.valid, true);
  assert.equal(c.result.fields.firstName, 'KIRK', 'the K ending the name itself is kept');
});

test('a confusion inside the document number is fixed only when the check digits single it out', () => {
  const c = correctMrz(replaceAt(TD1, 0, 8, 'I'), { now });
  assert.deepEqual(c.changes, [{ line: 0, index: 8, from: 'I', to: '1' }]);
  assert.equal(c.result.fields.documentNumber, 'D23145890');
  const p = correctMrz(replaceAt(TD3, 1, 28, '2'), { now });
  assert.deepEqual(p.changes, [{ line: 1, index: 28, from: '2', to: 'Z' }]);
  assert.equal(p.result.fields.personalNumber, 'ZE184226B');
});

test('nothing is changed when no correction makes every check digit hold', () => {
  const wrong = replaceAt(TD1, 1, 6, '9'); // birth check digit wrong, no confusion to blame
  const c = correctMrz(wrong, { now });
  assert.deepEqual(c.changes, []);
  assert.deepEqual(c.lines, wrong);
  assert.equal(c.result.valid, false);
});

test('a valid MRZ and a broken shape come back untouched', () => {
  assert.deepEqual(correctMrz(TD1, { now }).changes, []);
  const short = correctMrz(TD1.slice(0, 2), { now });
  assert.deepEqual(short.changes, []);
  assert.equal(short.result.format, null);
});

test('a letter in a check digit of a TD3 is fixed and verified', () => {
  const c = correctMrz(replaceAt(TD3, 1, 43, 'O'), { now });
  assert.deepEqual(c.changes, [{ line: 1, index: 43, from: 'O', to: '0' }]);
  assert.equal(c.result.valid, true);
});
