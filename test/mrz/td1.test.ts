import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDigit as digitOf } from '../../src/mrz/check-digit.js';
import { parseMrz } from '../../src/mrz/index.js';
import type { MrzParseResult } from '../../src/mrz/index.js';
import { breakDigit, makeMrz, replaceAt } from './make-mrz.js';

const now = new Date('2026-06-15T12:00:00Z');
const ERIKSSON = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];

function failing(r: MrzParseResult): string[] {
  return r.details.filter((d) => !d.valid).map((d) => d.field);
}

test('ICAO 9303-5 specimen parses to its fields', () => {
  const r = parseMrz(ERIKSSON, { now });
  assert.equal(r.format, 'TD1');
  assert.equal(r.valid, true);
  assert.deepEqual(r.fields, {
    documentCode: 'I',
    issuingState: 'UTO',
    documentNumber: 'D23145890',
    optionalData1: '',
    optionalData2: '',
    birthDate: '1974-08-12',
    expirationDate: '2012-04-15',
    sex: 'female',
    nationality: 'UTO',
    lastName: 'ERIKSSON',
    firstName: 'ANNA MARIA',
    personalNumber: null,
  });
  assert.deepEqual(r.checks, { documentNumber: true, birthDate: true, expirationDate: true, composite: true });
  assert.deepEqual(r.lines, ERIKSSON);
});

test('details give 0-based line, start and exclusive end of each field', () => {
  const r = parseMrz(ERIKSSON, { now });
  const at = (field: string) => r.details.find((d) => d.field === field)!;
  assert.deepEqual(pick(at('documentNumber')), { line: 0, start: 5, end: 14, value: 'D23145890', valid: true });
  assert.deepEqual(pick(at('documentNumberCheckDigit')), { line: 0, start: 14, end: 15, value: '7', valid: true });
  assert.deepEqual(pick(at('birthDate')), { line: 1, start: 0, end: 6, value: '1974-08-12', valid: true });
  assert.deepEqual(pick(at('sex')), { line: 1, start: 7, end: 8, value: 'female', valid: true });
  assert.deepEqual(pick(at('compositeCheckDigit')), { line: 1, start: 29, end: 30, value: '6', valid: true });
  assert.deepEqual(pick(at('lastName')), { line: 2, start: 0, end: 8, value: 'ERIKSSON', valid: true });
  assert.deepEqual(pick(at('firstName')), { line: 2, start: 10, end: 20, value: 'ANNA MARIA', valid: true });
  assert.equal(at('birthDate').raw, '740812');
  assert.equal(at('documentNumber').label, 'Document number');
});

function pick(d: { line: number; start: number; end: number; value: string | null; valid: boolean }) {
  return { line: d.line, start: d.start, end: d.end, value: d.value, valid: d.valid };
}

test('long document number (ICAO Part 11 D.2) is joined across optional data 1', () => {
  const lines = ['I<UTOD23145890<7349<<<<<<<<<<<', '3407127M9507122UTO<<<<<<<<<<<2', 'STEVENSON<<PETER<JOHN<<<<<<<<<'];
  const r = parseMrz(lines, { now });
  assert.equal(r.valid, true);
  assert.equal(r.fields.documentNumber, 'D23145890734');
  assert.equal(r.fields.optionalData1, '');
  assert.equal(r.fields.birthDate, '1934-07-12');
  assert.equal(r.fields.expirationDate, '1995-07-12');
  const doc = r.details.find((d) => d.field === 'documentNumber')!;
  assert.deepEqual(doc.ranges, [
    { line: 0, start: 5, end: 14 },
    { line: 0, start: 15, end: 18 },
  ]);
  const digit = r.details.find((d) => d.field === 'documentNumberCheckDigit')!;
  assert.deepEqual([digit.start, digit.end, digit.value, digit.variant], [18, 19, '9', 'icao']);
});

test('long document number followed by real optional data keeps that data', () => {
  const lines = makeMrz({ format: 'TD1', documentNumber: 'AB1234567890', optionalData1: 'XY12', birthDate: '900101', expirationDate: '300101', lastName: 'TEST' });
  assert.match(lines[0]!, /^I<UTOAB1234567<890\d<XY12<{6}$/);
  const r = parseMrz(lines, { now });
  assert.equal(r.valid, true);
  assert.equal(r.fields.documentNumber, 'AB1234567890');
  assert.equal(r.fields.optionalData1, 'XY12');
});

test('long number whose check digit includes the position-15 filler: strict rejects, lenient accepts and says so', () => {
  // BEL/PRT cards seen with cd(principal + '<' + continuation) (MRZ-SPEC §3). Build one that only that variant verifies.
  let found: string[] | null = null;
  for (let n = 0; n < 100 && !found; n++) {
    const lines = makeMrz({ format: 'TD1', documentNumber: `592211692${String(n).padStart(3, '0')}`, birthDate: '800101', expirationDate: '300101', lastName: 'TEST' });
    const principal = lines[0]!.slice(5, 14);
    const continuation = lines[0]!.slice(15, 18);
    const alt = String(digitOf(principal + '<' + continuation));
    if (alt !== lines[0]![18]) found = makeComposite(replaceAt(lines, 0, 18, alt));
  }
  assert.ok(found);
  const strict = parseMrz(found, { now });
  assert.equal(strict.valid, false);
  assert.equal(strict.checks.documentNumber, false);
  assert.deepEqual(failing(strict), ['documentNumberCheckDigit']);
  const lenient = parseMrz(found, { now, lenient: true });
  assert.equal(lenient.valid, true);
  assert.equal(lenient.checks.documentNumber, true);
  assert.equal(lenient.details.find((d) => d.field === 'documentNumberCheckDigit')!.variant, 'include-filler');
});

/** Recomputes the TD1 composite after a test edited line 1. */
function makeComposite(lines: string[]): string[] {
  const l1 = lines[0]!;
  const l2 = lines[1]!;
  const digit = digitOf(l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29));
  return replaceAt(lines, 1, 29, String(digit));
}

test('long-number marker without a continuation is invalid', () => {
  // Position 15 '<' and a single character after it: nothing to join, only a check digit.
  const lines = makeComposite(['I<UTOD23145890<7<<<<<<<<<<<<<<', ERIKSSON[1]!, ERIKSSON[2]!]);
  const r = parseMrz(lines, { now });
  assert.equal(r.valid, false);
  assert.ok(failing(r).includes('documentNumber'));
});

test('the upstream API doc example is invalid and names every failing check', () => {
  const r = parseMrz('IDKAZ0123456789012345678901<<<\n0123456F0123456KAZ<<<<<<<<<<<0\nJHON<<DOE<<<<<<<<<<<<<<<<<<<<<', { now });
  assert.equal(r.format, 'TD1');
  assert.equal(r.valid, false);
  assert.deepEqual(r.checks, { documentNumber: false, birthDate: false, expirationDate: false, composite: false });
  const fields = failing(r);
  for (const f of ['documentNumberCheckDigit', 'birthDate', 'birthDateCheckDigit', 'expirationDate', 'expirationDateCheckDigit', 'compositeCheckDigit'])
    assert.ok(fields.includes(f), `${f} should fail, failing: ${fields.join(', ')}`);
  assert.equal(r.details.find((d) => d.field === 'birthDate')!.error, 'month 23 is not 01-12');
  assert.equal(r.fields.lastName, 'JHON');
  assert.equal(r.fields.firstName, 'DOE');
});

test('each check digit wrong is reported alone', () => {
  const cases: [number, number, keyof MrzParseResult['checks'], string][] = [
    [0, 14, 'documentNumber', 'documentNumberCheckDigit'],
    [1, 6, 'birthDate', 'birthDateCheckDigit'],
    [1, 14, 'expirationDate', 'expirationDateCheckDigit'],
    [1, 29, 'composite', 'compositeCheckDigit'],
  ];
  for (const [line, index, check, field] of cases) {
    const broken = breakDigit(ERIKSSON, line, index);
    const r = parseMrz(broken, { now });
    assert.equal(r.valid, false, field);
    assert.equal(r.checks[check], false, field);
    const failed = failing(r);
    // A broken field check digit also breaks the composite, which covers it.
    assert.deepEqual(failed, check === 'composite' ? [field] : [field, 'compositeCheckDigit'], field);
    const detail = r.details.find((d) => d.field === field)!;
    assert.deepEqual([detail.line, detail.start, detail.end], [line, index, index + 1]);
    assert.match(detail.error!, new RegExp(`^'\\d' at position ${index + 1} is not the check digit \\d$`));
  }
});

test('a letter where a check digit belongs is reported, not read as a number', () => {
  const r = parseMrz(replaceAt(ERIKSSON, 1, 6, 'A'), { now });
  assert.equal(r.checks.birthDate, false);
  assert.equal(r.details.find((d) => d.field === 'birthDateCheckDigit')!.error, "'A' at position 7 is not the check digit 2");
});

test('data changed under a correct field check digit is caught by the composite', () => {
  // Optional data 2 has no check digit of its own.
  const r = parseMrz(replaceAt(ERIKSSON, 1, 20, 'X'), { now });
  assert.equal(r.valid, false);
  assert.deepEqual(failing(r), ['compositeCheckDigit']);
});

test('document code rules: A/C/I first, not V second, not AI', () => {
  for (const [code, ok] of [['I<', true], ['ID', true], ['AC', true], ['C<', true], ['IR', true], ['P<', false], ['IV', false], ['AI', false], ['V<', false], ['1D', false]] as const) {
    const r = parseMrz(replaceAt(replaceAt(ERIKSSON, 0, 0, code[0]!), 0, 1, code[1]!), { now });
    assert.equal(r.valid, ok, code);
    assert.equal(r.details.find((d) => d.field === 'documentCode')!.valid, ok, code);
  }
  assert.equal(parseMrz(replaceAt(ERIKSSON, 0, 1, 'D'), { now }).fields.documentCode, 'ID');
});

test('sex: M, F and < are accepted; X only in lenient mode; anything else is invalid', () => {
  const bySex = (ch: string, lenient = false) => parseMrz(replaceAt(ERIKSSON, 1, 7, ch), { now, lenient });
  assert.equal(bySex('M').fields.sex, 'male');
  assert.equal(bySex('<').fields.sex, 'unspecified');
  assert.equal(bySex('<').valid, true);
  assert.equal(bySex('X').valid, false);
  assert.equal(bySex('X').fields.sex, null);
  assert.equal(bySex('X', true).valid, true);
  assert.equal(bySex('X', true).fields.sex, 'unspecified');
  assert.match(bySex('X', true).details.find((d) => d.field === 'sex')!.warning!, /visual zone/);
  assert.equal(bySex('Q').valid, false);
});

test('state codes: letters then fillers, D<< allowed, digits and empty rejected', () => {
  const withState = (s: string) => parseMrz([ERIKSSON[0]!.slice(0, 2) + s + ERIKSSON[0]!.slice(5), ERIKSSON[1]!, ERIKSSON[2]!], { now });
  assert.equal(withState('D<<').valid, true);
  assert.equal(withState('D<<').fields.issuingState, 'D');
  assert.equal(withState('KGZ').valid, true);
  assert.equal(withState('U1O').valid, false);
  assert.equal(withState('<<<').valid, false);
  assert.equal(withState('<UT').valid, false);
});

test('optional data keeps inner fillers as spaces and drops the padding', () => {
  const lines = makeMrz({ format: 'TD1', documentNumber: 'X1', optionalData1: '010195<112X', optionalData2: 'AB<CD', birthDate: '950101', expirationDate: '300101', lastName: 'A' });
  const r = parseMrz(lines, { now });
  assert.equal(r.valid, true);
  assert.equal(r.fields.optionalData1, '010195 112X');
  assert.equal(r.fields.optionalData2, 'AB CD');
});

test('an empty document number is invalid even with a matching check digit', () => {
  const lines = makeMrz({ format: 'TD1', documentNumber: '', birthDate: '950101', expirationDate: '300101', lastName: 'A' });
  const r = parseMrz(lines, { now });
  assert.equal(r.valid, false);
  assert.deepEqual(failing(r), ['documentNumber']);
});
