/** Acceptance policy: clean only when every check digit holds as read; repairs are reported. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeMrz } from '../../../src/server/local/decode-mrz.js';
import { TD1 } from '../../../src/server/local/locate.js';
import { ALPHABET, N_CLASSES } from '../../../src/server/local/templates.js';
import { IDENTITIES } from '../../../scripts/cards/identities.js';

const MRZ = IDENTITIES[0]!.mrz; // IDKGZID0000471… with valid check digits

/** Scores as a classifier would give them: the printed glyph scores high, everything else low. */
function scoresFor(lines: readonly string[], tweak: (cell: number, scores: Float32Array) => void = () => {}): Float32Array {
  const s = new Float32Array(lines.length * 30 * N_CLASSES).fill(0.3);
  lines.join('').split('').forEach((ch, cell) => {
    s[cell * N_CLASSES + ALPHABET.indexOf(ch)] = 0.95;
    tweak(cell, s.subarray(cell * N_CLASSES, (cell + 1) * N_CLASSES));
  });
  return s;
}
const set = (row: Float32Array, ch: string, v: number): void => { row[ALPHABET.indexOf(ch)] = v; };

describe('decodeMrz', () => {
  test('a read whose check digits all hold is clean', () => {
    const r = decodeMrz(TD1, scoresFor(MRZ));
    assert.equal(r.verdict, 'clean');
    assert.deepEqual(r.lines, [...MRZ]);
    assert.deepEqual(r.corrections, []);
    assert.ok(r.checks.every((c) => c.validAsRead));
  });

  test('field types settle O/0 in a date without counting as a correction', () => {
    // Birth date cell 2 is '0'; make 'O' score a hair higher.
    const r = decodeMrz(TD1, scoresFor(MRZ, (cell, row) => { if (cell === 30 + 2) { set(row, 'O', 0.96); set(row, '0', 0.94); } }));
    assert.equal(MRZ[1]![2], '0');
    assert.equal(r.verdict, 'clean');
    assert.deepEqual(r.lines, [...MRZ]);
  });

  test('a misread digit repaired by its check digit is reported as a correction, never clean', () => {
    // Document number cell 7 is '0'; make the classifier prefer '6' (same field type).
    assert.equal(MRZ[0]![7], '0');
    const r = decodeMrz(TD1, scoresFor(MRZ, (cell, row) => { if (cell === 7) { set(row, '6', 0.9); set(row, '0', 0.85); } }));
    assert.equal(r.asRead[0]![7], '6');
    assert.equal(r.checks.find((c) => c.name === 'document_number')!.validAsRead, false);
    assert.equal(r.verdict, 'corrected');
    assert.deepEqual(r.lines, [...MRZ]);
    assert.deepEqual(r.corrections, [{ line: 1, index: 7, from: '6', to: '0' }]);
  });

  test('a glyph that is clearly not allowed where it stands is a correction too', () => {
    // Sex cell: the image shows a 'K' (far better than any of M/F/<).
    const r = decodeMrz(TD1, scoresFor(MRZ, (cell, row) => { if (cell === 30 + 7) { set(row, 'K', 0.95); set(row, 'F', 0.5); } }));
    assert.notEqual(r.verdict, 'clean');
    assert.ok(r.corrections.some((c) => c.line === 2 && c.index === 7 && c.from === 'K' && c.to === 'F'));
  });

  test('random text in MRZ shape fails', () => {
    const rnd = ['IDUTOABCDEFGHI7JKLMNOPQRSTUVWX', '1234567Q9876543UTOABCDEFGHIJK9', 'SOME<<TEXT<<<<<<<<<<<<<<<<<<<<'];
    const r = decodeMrz(TD1, scoresFor(rnd));
    assert.equal(r.verdict, 'failed');
  });

  test('too many repairs are not a read at all', () => {
    const r = decodeMrz(TD1, scoresFor(MRZ, (cell, row) => {
      if (cell === 7) { set(row, '6', 0.9); set(row, '0', 0.85); }
      if (cell === 31) { set(row, '8', 0.9); set(row, '0', 0.85); }
      if (cell === 39) { set(row, '9', 0.9); set(row, '2', 0.85); }
    }));
    assert.equal(r.verdict, 'failed');
  });
});
