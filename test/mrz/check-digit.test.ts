import { test } from 'node:test';
import assert from 'node:assert/strict';
import { charValue, checkDigit } from '../../src/mrz/check-digit.js';

// ICAO Doc 9303 Part 3, Appendix A worked examples (MRZ-SPEC §1).
const icaoExamples: [string, number][] = [
  ['520727', 3],
  ['AB2134<<<', 5],
  ['HA672242<658022549601086<<<<<<<<<<<<<<0', 8],
  ['D231458907<<<<<<<<<<<<<<<34071279507122<<<<<<<<<<<', 2],
  ['HA672242<658022549601086<<<<<<<0', 8],
];

for (const [data, digit] of icaoExamples) {
  test(`ICAO example ${data} has check digit ${digit}`, () => {
    assert.equal(checkDigit(data), digit);
  });
}

test('character values: digits, letters 10-35, filler 0', () => {
  assert.equal(charValue('7'.charCodeAt(0)), 7);
  assert.equal(charValue('A'.charCodeAt(0)), 10);
  assert.equal(charValue('Z'.charCodeAt(0)), 35);
  assert.equal(charValue('<'.charCodeAt(0)), 0);
});

test('an illegal character makes the check digit uncomputable instead of counting as something', () => {
  for (const bad of ['52 727', '520a27', '5207«7', '5207\t7']) assert.equal(checkDigit(bad), -1, bad);
});

test('a filler counts 0 but still takes its weight slot', () => {
  assert.equal(checkDigit('1<<'), 7);
  assert.equal(checkDigit('<1<'), 3);
  assert.equal(checkDigit('<<1'), 1);
  // 7·7 + 4·3 = 61. (MRZ-SPEC §5 states 5 for this example; the arithmetic gives 1.)
  assert.equal(checkDigit('74<<<<'), 1);
});

test('the empty string has check digit 0', () => {
  assert.equal(checkDigit(''), 0);
});
