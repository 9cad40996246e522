import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMrz } from '../../src/mrz/index.js';
import { birthYear, expiryYear, readDate } from '../../src/mrz/dates.js';
import { makeMrz } from './make-mrz.js';

const now = new Date('2026-06-15T12:00:00Z');

function card(birthDate: string, expirationDate = '300101') {
  return parseMrz(makeMrz({ format: 'TD1', documentNumber: 'D23145890', birthDate, expirationDate, lastName: 'ERIKSSON' }), { now });
}

test('birth date: the most recent date that is not in the future', () => {
  assert.equal(card('260615').fields.birthDate, '2026-06-15', 'today is not in the future');
  assert.equal(card('260616').fields.birthDate, '1926-06-16', 'tomorrow would be in the future');
  assert.equal(card('000101').fields.birthDate, '2000-01-01');
  assert.equal(card('501231').fields.birthDate, '1950-12-31');
  assert.equal(card('991231').fields.birthDate, '1999-12-31');
  assert.equal(birthYear(26, 6, 15, now), 2026);
  assert.equal(birthYear(26, 12, 1, now), 1926);
});

test('expiry: 19YY only when YY is 50 or more years past this year, else 20YY', () => {
  assert.equal(card('900101', '750101').fields.expirationDate, '2075-01-01');
  assert.equal(card('900101', '760101').fields.expirationDate, '1976-01-01');
  assert.equal(card('900101', '120415').fields.expirationDate, '2012-04-15');
  assert.equal(card('900101', '991231').fields.expirationDate, '1999-12-31');
  assert.equal(expiryYear(5, new Date('2090-01-01T00:00:00Z')), 2105, 'the window moves with the clock');
  assert.equal(expiryYear(40, new Date('2090-01-01T00:00:00Z')), 2040);
  assert.equal(expiryYear(39, new Date('2090-01-01T00:00:00Z')), 2139);
});

test('month 13 with correct check digits is invalid and its date is null', () => {
  const r = card('741312');
  assert.equal(r.checks.birthDate, true);
  assert.equal(r.valid, false);
  assert.equal(r.fields.birthDate, null);
  const d = r.details.find((x) => x.field === 'birthDate')!;
  assert.deepEqual([d.valid, d.line, d.start, d.end, d.error], [false, 1, 0, 6, 'month 13 is not 01-12']);
});

test('impossible days with correct check digits are invalid', () => {
  for (const date of ['740230', '740431', '740100', '740132', '010229']) {
    const r = card(date);
    assert.equal(r.checks.birthDate, true, date);
    assert.equal(r.valid, false, date);
    assert.equal(r.fields.birthDate, null, date);
  }
  for (const date of ['300230', '301301', '300631']) {
    const r = card('800101', date);
    assert.equal(r.checks.expirationDate, true, date);
    assert.equal(r.valid, false, date);
    assert.equal(r.fields.expirationDate, null, date);
  }
});

test('29 February only in leap years', () => {
  assert.equal(card('000229').fields.birthDate, '2000-02-29');
  assert.equal(card('960229').fields.birthDate, '1996-02-29');
  assert.equal(card('970229').valid, false);
  assert.equal(card('900101', '280229').fields.expirationDate, '2028-02-29');
  assert.equal(card('900101', '270229').valid, false);
});

test('unknown parts of a birth date (<) are valid and give a null date', () => {
  for (const date of ['74<<<<', '7408<<', '<<<<<<', '<<08<<']) {
    const r = card(date);
    assert.equal(r.valid, true, date);
    assert.equal(r.checks.birthDate, true, date);
    assert.equal(r.fields.birthDate, null, date);
    assert.equal(r.details.find((x) => x.field === 'birthDate')!.value, date);
  }
});

test('a half-unknown pair, or fillers in an expiry date, are invalid', () => {
  assert.equal(card('7<0812').valid, false);
  assert.equal(card('74081<').valid, false);
  const expiry = card('740812', '30<<<<');
  assert.equal(expiry.valid, false);
  assert.equal(expiry.details.find((x) => x.field === 'expirationDate')!.error, "'<' at position 11 is not a digit");
});

test('readDate reports shape errors with the offending characters and positions', () => {
  assert.equal(readDate('741312', 0, true), 'month 13 is not 01-12');
  assert.equal(readDate('740800', 0, true), 'day 00 is not 01-31');
  assert.equal(readDate('<<74O812', 2, true), "'O' at position 5 is not a digit or in a << pair");
  assert.equal(readDate('7<0812', 0, true), "'<' at position 2 is not a digit or in a << pair");
  assert.deepEqual(readDate('74<<<<', 0, true), [74, null, null]);
  assert.equal(readDate('74<<<<', 0, false), "'<' at position 3 is not a digit");
});

test('the current date is used when no clock is given', () => {
  const thisYear = new Date().getUTCFullYear();
  const yy = String((thisYear + 1) % 100).padStart(2, '0');
  const r = parseMrz(makeMrz({ format: 'TD1', documentNumber: 'X1', birthDate: `${yy}0101`, expirationDate: `${yy}0101`, lastName: 'A' }));
  assert.equal(r.fields.birthDate, `${thisYear + 1 - 100}-01-01`);
  assert.equal(r.fields.expirationDate, `${thisYear + 1}-01-01`);
});
