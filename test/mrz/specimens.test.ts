import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseMrz } from '../../src/mrz/index.js';

/** Verified specimens from the research notes (MRZ-SPEC, fixtures/mrz-specimens-sample.json). */
interface Specimen {
  id: string;
  lines: string[];
  valid: boolean;
  format: string;
  expected: null | Record<string, unknown> & { checkDigits: Record<string, boolean> };
}

const specimens = JSON.parse(readFileSync(new URL('./fixtures/specimens-sample.json', import.meta.url), 'utf8')) as Specimen[];
const now = new Date('2026-06-15T12:00:00Z');
const SEX: Record<string, string> = { F: 'female', M: 'male', '<': 'unspecified' };

for (const s of specimens) {
  test(`specimen ${s.id}: valid=${s.valid}`, () => {
    const r = parseMrz(s.lines, { now });
    assert.equal(r.valid, s.valid);
    if (!s.expected) {
      assert.equal(r.format, null);
      return;
    }
    const e = s.expected;
    assert.equal(r.format, s.format);
    for (const key of ['documentCode', 'issuingState', 'documentNumber', 'optionalData1', 'nationality', 'lastName', 'firstName'] as const) {
      assert.equal(r.fields[key], e[key], key);
    }
    assert.equal(r.fields.optionalData2, e.optionalData2 === undefined ? null : e.optionalData2);
    assert.equal(r.fields.sex, SEX[e.sex as string]);
    assert.equal(r.fields.expirationDate?.slice(2).replace(/-/g, ''), e.expirationDate);
    if (s.valid) assert.equal(r.fields.birthDate?.slice(2).replace(/-/g, ''), e.birthDate);
    assert.equal(r.checks.documentNumber, e.checkDigits.documentNumberCheckDigitValid);
    assert.equal(r.checks.birthDate, e.checkDigits.birthDateCheckDigitValid);
    assert.equal(r.checks.expirationDate, e.checkDigits.expirationDateCheckDigitValid);
    assert.equal(r.checks.composite, e.checkDigits.compositeCheckDigitValid);
    if ('personalNumberCheckDigitValid' in e.checkDigits) assert.equal(r.checks.personalNumber, e.checkDigits.personalNumberCheckDigitValid);
  });
}

test('the KAZ 1950 specimen takes its century from the IIN', () => {
  const s = specimens.find((x) => x.id === 'td1-kaz-synthetic-female-1950')!;
  // In 2051 the MRZ window alone would read 50 as 2050; the IIN's century digit 4 says 1900s.
  assert.equal(parseMrz(s.lines, { now: new Date('2051-01-01T00:00:00Z') }).fields.birthDate, '1950-03-15');
});
