import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { checkDigit } from '../../src/mrz/check-digit.js';
import { parseMrz } from '../../src/mrz/index.js';
import { parseMrz as parseStrict } from '../../src/mrz/parse-strict.js';
import { specimens } from './conformance/specimens.js';
import { makeMrz, type MrzSpec } from './make-mrz.js';

// Both parse against "today"; a fixed one keeps them on the same day whenever the suite runs.
const now = new Date('2026-06-15T12:00:00Z');

const person = { birthDate: '740812', expirationDate: '320415', lastName: 'ERIKSSON', firstName: 'ANNA MARIA', sex: 'F' } as const;
const specs: MrzSpec[] = [
  ...(['TD1', 'TD2', 'TD3', 'MRVA', 'MRVB'] as const).map((format) => ({ format, documentNumber: 'D23145890', ...person })),
  { format: 'TD1', documentNumber: 'AB1234567891', ...person, sex: 'X' },
  { format: 'TD1', issuingState: 'KGZ', documentNumber: 'ID0000001', optionalData1: '12406199500001', ...person, birthDate: '950624' },
  { format: 'TD1', issuingState: 'KAZ', documentNumber: '000000002', optionalData1: '500315401233', ...person, birthDate: '500315' },
  { format: 'TD3', issuingState: 'KAZ', documentNumber: 'N12345678', personalNumber: '500315401233', ...person, birthDate: '500315' },
];

/** A long number whose check digit includes the position-15 filler (what lenient mode accepts). */
function fillerVariant(lines: string[]): string[] {
  const line = lines[0]!;
  return [line.slice(0, 18) + checkDigit(`${line.slice(5, 14)}<${line.slice(15, 18)}`) + line.slice(19), ...lines.slice(1)];
}

const fixtures = JSON.parse(readFileSync(new URL('./fixtures/specimens-sample.json', import.meta.url), 'utf8')) as { lines: string[] }[];
const generated = specs.map(makeMrz);
const seeds: (string | string[])[] = [
  ...specimens.map((s) => s.input ?? s.lines),
  ...fixtures.map((s) => s.lines),
  ...generated,
  fillerVariant(generated[5]!),
];

/** Every seed, and every seed with one character replaced by a filler, a digit, X or a space. */
function* inputs(): Generator<string | string[]> {
  for (const seed of seeds) {
    yield seed;
    const lines = typeof seed === 'string' ? seed.split('\n') : seed;
    for (let l = 0; l < lines.length; l++)
      for (let i = 0; i < lines[l]!.length; i++)
        for (const ch of '<0X ') yield lines.map((text, j) => (j === l ? text.slice(0, i) + ch + text.slice(i + 1) : text));
  }
}

test('the strict entry gives parseMrz(input)’s result for every specimen and every one-character change of one', () => {
  mock.timers.enable({ apis: ['Date'], now });
  try {
    let count = 0;
    let optionsMatter = 0;
    for (const input of inputs()) {
      const strict = parseStrict(input);
      assert.deepEqual(strict, parseMrz(input), JSON.stringify(input));
      // The inputs must reach the code the strict entry leaves out, or the equality would prove little.
      if (!parseMrz(input, { lenient: true, visas: true }).details.every((d, i) => d.valid === strict.details[i]?.valid)) optionsMatter++;
      count++;
    }
    assert.ok(count > 10_000, `${count} inputs`);
    assert.ok(optionsMatter > 100, `${optionsMatter} inputs where lenient or visas change a verdict`);
  } finally {
    mock.timers.reset();
  }
});

test('the strict entry gives parseMrz(input)’s result for any text', () => {
  mock.timers.enable({ apis: ['Date'], now });
  try {
    const mrzLike = fc
      .array(fc.constantFrom(...'ACDIKLMPVX<0123456789 a'), { minLength: 28, maxLength: 46 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 120 }), fc.array(mrzLike, { minLength: 1, maxLength: 4 })), (input) => {
        assert.deepEqual(parseStrict(input), parseMrz(input));
      }),
      { numRuns: 300 },
    );
  } finally {
    mock.timers.reset();
  }
});
