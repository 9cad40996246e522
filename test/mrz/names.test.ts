import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMrz } from '../../src/mrz/index.js';
import { makeMrz, pad } from './make-mrz.js';

const now = new Date('2026-06-15T12:00:00Z');
const base = makeMrz({ format: 'TD1', documentNumber: 'D23145890', birthDate: '740812', sex: 'F', expirationDate: '320415', lastName: 'X' });
const withName = (field: string) => parseMrz([base[0]!, base[1]!, field], { now });

test('primary and secondary identifiers split at the first <<, inner < become spaces', () => {
  const r = withName(pad('VAN<DER<BERG<<ANNA<MARIA', 30));
  assert.equal(r.fields.lastName, 'VAN DER BERG');
  assert.equal(r.fields.firstName, 'ANNA MARIA');
  assert.equal(r.valid, true);
});

test('a name with only a primary identifier has an empty first name', () => {
  const r = withName(pad('ARKFREITH', 30));
  assert.equal(r.fields.lastName, 'ARKFREITH');
  assert.equal(r.fields.firstName, '');
  assert.equal(r.valid, true);
});

test('a leading << gives an empty last name', () => {
  const r = withName(pad('<<ANNA<MARIA', 30));
  assert.equal(r.fields.lastName, '');
  assert.equal(r.fields.firstName, 'ANNA MARIA');
});

test('ICAO truncated names (last position a letter) keep every character', () => {
  const r = withName('NILAVADHANANANDA<<CHAYAPA<DE<K');
  assert.equal(r.fields.lastName, 'NILAVADHANANANDA');
  assert.equal(r.fields.firstName, 'CHAYAPA DE K');
  const d = r.details.find((x) => x.field === 'firstName')!;
  assert.deepEqual([d.start, d.end], [18, 30]);
});

test('digits in a name are invalid and marked in the part that holds them', () => {
  const r = withName(pad('ERIKSSON<<ANNA<MAR1A', 30));
  assert.equal(r.valid, false);
  const first = r.details.find((x) => x.field === 'firstName')!;
  const last = r.details.find((x) => x.field === 'lastName')!;
  assert.equal(first.valid, false);
  assert.match(first.error!, /'1' at position 19/);
  assert.equal(last.valid, true);
});

test('an all-filler name is invalid', () => {
  const r = withName('<'.repeat(30));
  assert.equal(r.valid, false);
  assert.equal(r.details.find((x) => x.field === 'lastName')!.error, 'name is empty');
});
