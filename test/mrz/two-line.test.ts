import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMrz } from '../../src/mrz/index.js';
import type { MrzParseResult } from '../../src/mrz/index.js';
import { breakDigit, makeMrz, replaceAt } from './make-mrz.js';

const now = new Date('2026-06-15T12:00:00Z');
const TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const failing = (r: MrzParseResult) => r.details.filter((d) => !d.valid).map((d) => d.field);

test('TD2: ICAO 9303-6 specimen', () => {
  const r = parseMrz(TD2, { now });
  assert.equal(r.format, 'TD2');
  assert.equal(r.valid, true);
  assert.equal(r.fields.documentNumber, 'D23145890');
  assert.equal(r.fields.nationality, 'UTO');
  assert.equal(r.fields.optionalData1, '');
  assert.equal(r.fields.optionalData2, null);
  assert.equal(r.fields.lastName, 'ERIKSSON');
  assert.equal(r.fields.firstName, 'ANNA MARIA');
  assert.equal(r.fields.birthDate, '1974-08-12');
  assert.deepEqual(r.checks, { documentNumber: true, birthDate: true, expirationDate: true, composite: true });
  const name = r.details.find((d) => d.field === 'lastName')!;
  assert.deepEqual([name.line, name.start, name.end], [0, 5, 13]);
});

test('TD2: long document number continues into the optional data (ICAO Part 11 D.2)', () => {
  const lines = ['I<UTOSTEVENSON<<PETER<JOHN<<<<<<<<<<', 'D23145890<UTO3407127M95071227349<<<8'];
  const r = parseMrz(lines, { now });
  assert.equal(r.valid, true);
  assert.equal(r.fields.documentNumber, 'D23145890734');
  assert.equal(r.fields.optionalData1, '');
  const digit = r.details.find((d) => d.field === 'documentNumberCheckDigit')!;
  assert.deepEqual([digit.line, digit.start], [1, 31]);
  const built = makeMrz({ format: 'TD2', documentNumber: 'D23145890734', birthDate: '340712', sex: 'M', expirationDate: '950712', lastName: 'STEVENSON', firstName: 'PETER JOHN' });
  assert.deepEqual(built, lines);
});

test('TD2: each check digit wrong', () => {
  for (const [index, field] of [[9, 'documentNumberCheckDigit'], [19, 'birthDateCheckDigit'], [27, 'expirationDateCheckDigit'], [35, 'compositeCheckDigit']] as const) {
    const r = parseMrz(breakDigit(TD2, 1, index), { now });
    assert.equal(r.valid, false, field);
    assert.ok(failing(r).includes(field), field);
  }
});

test('TD2: document code must be A, C or I', () => {
  assert.equal(parseMrz(replaceAt(TD2, 0, 0, 'P'), { now }).valid, false);
  assert.equal(parseMrz(replaceAt(TD2, 0, 0, 'A'), { now }).valid, true);
});

test('TD3: ICAO 9303-4 specimen with personal number and its check digit', () => {
  const r = parseMrz(TD3, { now });
  assert.equal(r.format, 'TD3');
  assert.equal(r.valid, true);
  assert.equal(r.fields.documentCode, 'P');
  assert.equal(r.fields.documentNumber, 'L898902C3');
  assert.equal(r.fields.personalNumber, 'ZE184226B');
  assert.equal(r.fields.optionalData1, 'ZE184226B');
  assert.deepEqual(r.checks, { documentNumber: true, birthDate: true, expirationDate: true, composite: true, personalNumber: true });
});

test('TD3: each check digit wrong, including the personal number check digit', () => {
  for (const [index, check] of [[9, 'documentNumber'], [19, 'birthDate'], [27, 'expirationDate'], [42, 'personalNumber'], [43, 'composite']] as const) {
    const r = parseMrz(breakDigit(TD3, 1, index), { now });
    assert.equal(r.valid, false, check);
    assert.equal(r.checks[check], false, check);
  }
});

test('TD3 position 43: < or 0 when the personal number is empty, a real digit otherwise', () => {
  const spec = { format: 'TD3', documentNumber: 'L898902C3', birthDate: '740812', sex: 'F', expirationDate: '320415', lastName: 'ERIKSSON' } as const;
  const filler = parseMrz(makeMrz({ ...spec, emptyPersonalNumberCheck: '<' }), { now });
  const zero = parseMrz(makeMrz({ ...spec, emptyPersonalNumberCheck: '0' }), { now });
  assert.equal(filler.valid, true);
  assert.equal(zero.valid, true);
  assert.equal(filler.fields.personalNumber, null);
  assert.equal(filler.checks.personalNumber, true);
  // With a personal number present, < is not a check digit.
  const r = parseMrz(replaceAt(TD3, 1, 42, '<'), { now });
  assert.equal(r.checks.personalNumber, false);
  // An empty field with some other digit than 0 fails.
  const lines = makeMrz({ ...spec, emptyPersonalNumberCheck: '0' });
  assert.equal(parseMrz(replaceAt(lines, 1, 42, '3'), { now }).checks.personalNumber, false);
});

test('TD3: document code must start with P; P< stays accepted', () => {
  assert.equal(parseMrz(replaceAt(TD3, 0, 0, 'I'), { now }).valid, false);
  assert.equal(parseMrz(replaceAt(TD3, 0, 1, 'P'), { now }).fields.documentCode, 'PP');
  assert.equal(parseMrz(replaceAt(TD3, 0, 1, 'P'), { now }).valid, true);
});

test('TD3: a filler document check digit is not a long-number marker', () => {
  const r = parseMrz(replaceAt(TD3, 1, 9, '<'), { now });
  assert.equal(r.checks.documentNumber, false);
  assert.equal(r.fields.documentNumber, 'L898902C3');
});

const visaSpec = { documentNumber: 'L8988901C', birthDate: '740812', sex: 'F', expirationDate: '320415', lastName: 'ERIKSSON', firstName: 'ANNA MARIA', optionalData1: '6ZE1842' } as const;

test('MRV-A and MRV-B visas are not taken for TD3/TD2 by default', () => {
  for (const [format, label] of [['MRVA', 'MRV-A'], ['MRVB', 'MRV-B']] as const) {
    const r = parseMrz(makeMrz({ format, ...visaSpec }), { now });
    assert.equal(r.format, null, format);
    assert.equal(r.valid, false);
    const d = r.details.find((x) => x.field === 'format')!;
    assert.equal(d.value, format);
    assert.match(d.error!, new RegExp(`${label} visa`));
  }
});

test('MRV-A and MRV-B visas parse with { visas: true }, with no composite check', () => {
  for (const format of ['MRVA', 'MRVB'] as const) {
    const lines = makeMrz({ format, ...visaSpec });
    const r = parseMrz(lines, { now, visas: true });
    assert.equal(r.format, format);
    assert.equal(r.valid, true, format);
    assert.equal(r.fields.documentCode, 'V');
    assert.equal(r.fields.documentNumber, 'L8988901C');
    assert.equal(r.fields.optionalData1, '6ZE1842');
    assert.deepEqual(r.checks, { documentNumber: true, birthDate: true, expirationDate: true });
    assert.equal(parseMrz(breakDigit(lines, 1, 19), { now, visas: true }).checks.birthDate, false);
  }
});
