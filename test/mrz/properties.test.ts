import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { correctMrz, parseMrz } from '../../src/mrz/index.js';
import type { MrzFields, MrzParseResult } from '../../src/mrz/index.js';
import { makeMrz, type MrzSpec } from './make-mrz.js';

// Bounded so the whole MRZ suite stays within a few seconds on a shared 2-core machine.
const RUNS = { numRuns: 300 };
const now = new Date('2026-06-15T12:00:00Z');
const DAY = 86_400_000;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const ALNUM = [...LETTERS, ...'0123456789'.split('')];
const word = (chars: string[], min: number, max: number) => fc.array(fc.constantFrom(...chars), { minLength: min, maxLength: max }).map((a) => a.join(''));
/** Words joined by single fillers, no longer than `max` in all. */
const words = (chars: string[], max: number) =>
  fc.array(word(chars, 1, 6), { minLength: 0, maxLength: 3 }).map((ws) => ws.join('<')).filter((s) => s.length <= max);
const state = word(LETTERS, 3, 3).filter((s) => s !== 'KGZ' && s !== 'KAZ');
const isoOf = (d: Date) => d.toISOString().slice(0, 10);
const yymmdd = (d: Date) => isoOf(d).slice(2).replace(/-/g, '');
// The century rules map every date in these windows back to itself.
const birth = fc.date({ min: new Date(now.getTime() - 99 * 365 * DAY), max: now, noInvalidDate: true });
const expiry = fc.date({ min: new Date('1977-01-01T00:00:00Z'), max: new Date('2075-12-31T00:00:00Z'), noInvalidDate: true });

interface Generated {
  spec: MrzSpec;
  expected: MrzFields;
}

const document = fc
  .record({
    format: fc.constantFrom('TD1', 'TD2', 'TD3' as const),
    issuingState: state,
    nationality: state,
    docNumber: word(ALNUM, 1, 12),
    optional: words(ALNUM, 14),
    optional2: words(ALNUM, 11),
    birth,
    expiry,
    sex: fc.constantFrom('M', 'F', '<'),
    last: words(LETTERS, 18),
    first: words(LETTERS, 10),
    code: fc.constantFrom('', 'D', 'R', '<'),
  })
  .map(({ format, issuingState, nationality, docNumber, optional, optional2, birth: b, expiry: e, sex, last, first, code }): Generated => {
    const long = format !== 'TD3' && docNumber.length > 9;
    const documentNumber = format === 'TD3' ? docNumber.slice(0, 9) : docNumber;
    const room = format === 'TD1' ? 15 : format === 'TD2' ? 7 : 14;
    const used = long ? documentNumber.length - 9 + 2 : 0;
    let opt = optional;
    while (opt.length > room - used) opt = opt.slice(0, opt.lastIndexOf('<') < 0 ? 0 : opt.lastIndexOf('<'));
    const lastName = last.length > 0 ? last.replace(/</g, ' ') : 'X';
    const documentCode = (format === 'TD3' ? 'P' : 'I') + (code === '<' ? '' : code);
    const spec: MrzSpec = {
      format,
      documentCode,
      issuingState,
      nationality,
      documentNumber,
      birthDate: yymmdd(b),
      expirationDate: yymmdd(e),
      sex,
      lastName,
      firstName: first.replace(/</g, ' '),
      ...(format === 'TD3' ? { personalNumber: opt } : { optionalData1: opt }),
      ...(format === 'TD1' ? { optionalData2: optional2 } : {}),
    };
    const spaced = opt.replace(/</g, ' ');
    return {
      spec,
      expected: {
        documentCode,
        issuingState,
        documentNumber,
        optionalData1: spaced,
        optionalData2: format === 'TD1' ? optional2.replace(/</g, ' ') : null,
        birthDate: isoOf(b),
        expirationDate: isoOf(e),
        sex: sex === 'M' ? 'male' : sex === 'F' ? 'female' : 'unspecified',
        nationality,
        lastName,
        firstName: first.replace(/</g, ' '),
        personalNumber: format === 'TD3' && spaced !== '' ? spaced : null,
      },
    };
  });

test('any generated valid MRZ round-trips to its fields', () => {
  fc.assert(
    fc.property(document, ({ spec, expected }) => {
      const r = parseMrz(makeMrz(spec), { now });
      assert.equal(r.format, spec.format);
      assert.deepEqual(r.details.filter((d) => !d.valid), []);
      assert.equal(r.valid, true);
      assert.deepEqual(r.fields, expected);
      assert.ok(Object.values(r.checks).every(Boolean));
    }),
    RUNS,
  );
});

/** Invariants every result keeps, whatever the input. */
function assertWellFormed(r: MrzParseResult): void {
  assert.equal(typeof r.valid, 'boolean');
  assert.ok(Array.isArray(r.lines) && Array.isArray(r.details));
  for (const d of r.details) {
    assert.ok(d.line >= 0 && d.start >= 0 && d.start <= d.end, JSON.stringify(d));
    if (r.lines.length > 0) assert.ok(d.line < r.lines.length && d.end <= r.lines[d.line]!.length, JSON.stringify(d));
    assert.equal(d.valid, d.error === undefined);
    assert.ok(d.error === undefined || d.warning === undefined);
  }
  if (r.valid) {
    assert.notEqual(r.format, null);
    assert.ok(Object.values(r.checks).every(Boolean));
    assert.ok(r.lines.every((l) => /^[A-Z0-9<]+$/.test(l)));
    assert.ok(r.details.every((d) => d.valid));
  }
}

// Any UTF-16 code units, lone surrogates included (fc.string's 'binary' unit is very slow inside fc.oneof).
const anyUtf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 120 }).map((codes) => String.fromCharCode(...codes));

test('no string or array input makes parseMrz throw', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 120 }), anyUtf16, fc.array(fc.string({ maxLength: 50 }), { maxLength: 5 })), (input) => {
      assertWellFormed(parseMrz(input, { now }));
    }),
    RUNS,
  );
});

const mutation = fc.record({
  line: fc.nat(2),
  index: fc.nat(45),
  ch: fc.oneof(fc.constantFrom('<', ' ', 'a', '«', '\t', 'K', '0', 'O', '1', '\u00e9', '\u{1F600}'), fc.string({ minLength: 0, maxLength: 2 })),
  kind: fc.constantFrom('replace', 'insert', 'delete'),
});

test('near-MRZ mutations never make parseMrz or correctMrz throw', () => {
  fc.assert(
    fc.property(document, fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\r\n', ' ', ''), ({ spec }, muts, sep) => {
      const lines = makeMrz(spec);
      for (const { line, index, ch, kind } of muts) {
        const l = lines[line % lines.length]!;
        const i = Math.min(index, l.length);
        lines[line % lines.length] = l.slice(0, i) + (kind === 'delete' ? '' : ch) + l.slice(kind === 'insert' ? i : i + 1);
      }
      assertWellFormed(parseMrz(lines.join(sep), { now }));
      assertWellFormed(parseMrz(lines, { now, lenient: true, visas: true }));
      const c = correctMrz(lines, { now });
      assertWellFormed(c.result);
      if (c.changes.length > 0) assert.ok(Object.values(c.result.checks).every(Boolean));
    }),
    { numRuns: 200 },
  );
});
