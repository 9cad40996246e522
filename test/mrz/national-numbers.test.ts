import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iinControl, parseMrz } from '../../src/mrz/index.js';
import type { MrzParseResult } from '../../src/mrz/index.js';
import { makeMrz } from './make-mrz.js';

const now = new Date('2026-06-15T12:00:00Z');

/** A 12-digit IIN with a correct control digit (serials whose control would be 10 twice are skipped). */
function makeIin(yymmdd: string, centurySex: number, serial = 123): string {
  for (let s = serial; ; s++) {
    const body = `${yymmdd}${centurySex}${String(s).padStart(4, '0')}`;
    const control = iinControl(body + '0');
    if (control >= 0) return body + control;
  }
}

function kaz(iin: string, birthDate: string, sex: string, documentCode = 'ID') {
  return parseMrz(
    makeMrz({ format: 'TD1', documentCode, issuingState: 'KAZ', documentNumber: '000000002', optionalData1: iin, birthDate, sex, expirationDate: '300314', lastName: 'OBRAZETS', firstName: 'AIGERIM' }),
    { now },
  );
}

function kgz(pin: string, birthDate: string, sex: string) {
  return parseMrz(
    makeMrz({ format: 'TD1', documentCode: 'ID', issuingState: 'KGZ', documentNumber: 'ID0000001', optionalData1: pin, birthDate, sex, expirationDate: '350624', lastName: 'OBRAZETS', firstName: 'AIGUL' }),
    { now },
  );
}

const failing = (r: MrzParseResult) => r.details.filter((d) => !d.valid).map((d) => d.label);
const advisories = (r: MrzParseResult) => r.details.filter((d) => d.warning !== undefined).map((d) => d.label);

test('IIN control digit: first weight set, second weight set, and never-issued numbers', () => {
  assert.equal(iinControl('880412401006'), 6); // hotel-software fixture, MRZ-SPEC §10
  assert.equal(iinControl('500315401233'), 3);
  // Find bodies that need the second weight set and check against a direct computation.
  let second = 0;
  for (let n = 0; n < 2000; n++) {
    const body = `9001013${String(n).padStart(4, '0')}`;
    const d = body.split('').map(Number);
    const s1 = d.reduce((a, v, i) => a + v * (i + 1), 0) % 11;
    if (s1 !== 10) {
      assert.equal(iinControl(body + '0'), s1);
      continue;
    }
    second++;
    const w2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
    const s2 = d.reduce((a, v, i) => a + v * w2[i]!, 0) % 11;
    assert.equal(iinControl(body + '0'), s2 === 10 ? -1 : s2);
  }
  assert.ok(second > 0);
});

test('KAZ ID card: a consistent IIN is the personal number and sets the century (1950, not 2050)', () => {
  const r = kaz('500315401233', '500315', 'F');
  assert.equal(r.valid, true);
  assert.equal(r.fields.personalNumber, '500315401233');
  assert.equal(r.fields.birthDate, '1950-03-15');
  assert.equal(r.details.find((d) => d.field === 'birthDate')!.value, '1950-03-15');
  assert.deepEqual(advisories(r), []);
});

test('KAZ: IIN century digit beats the MRZ window both ways', () => {
  // A born-2010 child is 2010 in both readings; a 1925 birth reads as 1925 too — but 1825 only via the IIN.
  assert.equal(kaz(makeIin('100101', 6), '100101', 'F').fields.birthDate, '2010-01-01');
  assert.equal(kaz(makeIin('250101', 3), '250101', 'M').fields.birthDate, '1925-01-01');
  assert.equal(kaz(makeIin('250101', 1), '250101', 'M').fields.birthDate, '1825-01-01');
});

test('KAZ: a wrong IIN control digit makes the card invalid and points at the digit', () => {
  const iin = makeIin('880412', 4);
  const wrong = iin.slice(0, 11) + String((Number(iin[11]) + 1) % 10);
  const r = kaz(wrong, '880412', 'F');
  assert.equal(r.checks.composite, true, 'the MRZ check digits themselves are fine');
  assert.equal(r.valid, false);
  assert.deepEqual(failing(r), ['KAZ IIN control digit']);
  const d = r.details.find((x) => x.label === 'KAZ IIN control digit')!;
  assert.deepEqual([d.line, d.start, d.end], [0, 26, 27]);
  assert.equal(r.fields.birthDate, '1988-04-12', 'no century taken from an inconsistent IIN');
});

test('KAZ: IIN birth date or sex disagreeing with the MRZ is invalid', () => {
  const r1 = kaz(makeIin('880413', 4), '880412', 'F');
  assert.equal(r1.valid, false);
  assert.deepEqual(failing(r1), ['KAZ IIN date of birth']);
  const r2 = kaz(makeIin('880412', 3), '880412', 'F');
  assert.equal(r2.valid, false);
  assert.deepEqual(failing(r2), ['KAZ IIN century/sex digit']);
  const r3 = kaz(makeIin('880412', 7), '880412', 'F');
  assert.deepEqual(failing(r3), ['KAZ IIN century/sex digit']);
  const r4 = kaz(makeIin('880412', 3), '880412', '<');
  assert.equal(r4.valid, true, 'an unspecified MRZ sex does not contradict the IIN');
});

test('KAZ: optional data without an IIN is reported as advisory only', () => {
  const r = kaz('', '880412', 'F');
  assert.equal(r.valid, true);
  assert.equal(r.fields.personalNumber, null);
  assert.deepEqual(advisories(r), ['KAZ IIN']);
});

test('KGZ ID card: the 14-digit PIN is the personal number and its year sets the century', () => {
  const r = kgz('12406199500001', '950624', 'F');
  assert.equal(r.valid, true);
  assert.equal(r.fields.personalNumber, '12406199500001');
  assert.equal(r.fields.birthDate, '1995-06-24');
  assert.deepEqual(advisories(r), []);
  // In mid-2026 the MRZ alone reads 260101 as 2026-01-01; the PIN's four-digit year says 1926.
  const old = kgz('20101192600001', '260101', 'M');
  assert.equal(old.valid, true);
  assert.equal(old.fields.birthDate, '1926-01-01');
  assert.equal(kgz('20101202600001', '260101', 'M').fields.birthDate, '2026-01-01');
});

test('KGZ: sex digit and date mismatches are reported but do not invalidate (rules are only medium confidence)', () => {
  const sex = kgz('22406199500001', '950624', 'F');
  assert.equal(sex.valid, true);
  assert.deepEqual(advisories(sex), ['KGZ PIN sex digit']);
  const d = sex.details.find((x) => x.label === 'KGZ PIN sex digit')!;
  assert.deepEqual([d.valid, d.line, d.start, d.end], [true, 0, 15, 16]);
  assert.equal(d.warning, '2 means male, the MRZ says female');

  const date = kgz('12506199500001', '950624', 'F');
  assert.equal(date.valid, true);
  assert.deepEqual(advisories(date), ['KGZ PIN date of birth']);
  assert.equal(date.fields.birthDate, '1995-06-24');

  const digit = kgz('32406199500001', '950624', 'F');
  assert.deepEqual(advisories(digit), ['KGZ PIN sex digit']);
  const impossible = kgz('13102199500001', '950231', 'F');
  assert.ok(advisories(impossible).includes('KGZ PIN date of birth'));
});

test('KGZ: a PIN changed under unchanged check digits is caught by the composite alone', () => {
  const lines = makeMrz({ format: 'TD1', documentCode: 'ID', issuingState: 'KGZ', documentNumber: 'ID0000001', optionalData1: '12406199500001', birthDate: '950624', sex: 'F', expirationDate: '350624', lastName: 'A' });
  const changed = [lines[0]!.replace('12406199500001', '12406199500002'), lines[1]!, lines[2]!];
  const r = parseMrz(changed, { now });
  assert.equal(r.valid, false);
  assert.deepEqual(failing(r), ['Composite check digit']);
});

test('KGZ passport (TD3): the PIN in the personal number field is cross-checked too', () => {
  const lines = makeMrz({ format: 'TD3', issuingState: 'KGZ', documentNumber: 'PE0000000', personalNumber: '20905199900000', birthDate: '990509', sex: 'M', expirationDate: '310509', lastName: 'TEST' });
  const r = parseMrz(lines, { now });
  assert.equal(r.valid, true);
  assert.equal(r.fields.personalNumber, '20905199900000');
  assert.equal(r.checks.personalNumber, true);
  assert.equal(r.fields.birthDate, '1999-05-09');
  const f = parseMrz(makeMrz({ format: 'TD3', issuingState: 'KGZ', documentNumber: 'PE0000000', personalNumber: '20905199900000', birthDate: '990509', sex: 'F', expirationDate: '310509', lastName: 'TEST' }), { now });
  assert.equal(f.valid, true);
  assert.deepEqual(advisories(f), ['KGZ PIN sex digit']);
});

test('KAZ passport (TD3): IIN checks are advisory because its place there is unconfirmed', () => {
  const iin = makeIin('880412', 4);
  const wrong = iin.slice(0, 11) + String((Number(iin[11]) + 1) % 10);
  const r = parseMrz(makeMrz({ format: 'TD3', issuingState: 'KAZ', documentNumber: 'N1234567', personalNumber: wrong, birthDate: '880412', sex: 'F', expirationDate: '300101', lastName: 'A' }), { now });
  assert.equal(r.valid, true);
  assert.deepEqual(advisories(r), ['KAZ IIN control digit']);
});

test('other states: optional data is never read as a national number', () => {
  const r = parseMrz(makeMrz({ format: 'TD1', issuingState: 'UTO', documentNumber: 'X1', optionalData1: '500315401234', birthDate: '500315', sex: 'F', expirationDate: '300101', lastName: 'A' }), { now });
  assert.equal(r.valid, true);
  assert.equal(r.fields.personalNumber, null);
});
