import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMrz } from '../../src/mrz/index.js';
import { makeMrz } from './make-mrz.js';

const now = new Date('2026-06-15T12:00:00Z');
const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];

test('accepts \\n, \\r\\n, \\r, surrounding whitespace, trailing empty lines and arrays alike', () => {
  const inputs = [
    TD1.join('\n'),
    TD1.join('\r\n'),
    TD1.join('\r'),
    `  \n${TD1.join('\n')}\n\n  \n`,
    TD1.map((l) => `  ${l}\t`).join('\r\n') + '\r\n',
    TD1,
    [TD1[0]!, `${TD1[1]}\n${TD1[2]}`],
  ];
  for (const input of inputs) {
    const r = parseMrz(input, { now });
    assert.equal(r.valid, true, JSON.stringify(input));
    assert.deepEqual(r.lines, TD1);
  }
});

test('illegal characters are reported where they are and never repaired', () => {
  const cases: [string[], number, number, RegExp][] = [
    [[TD1[0]!, TD1[1]!, TD1[2]!.toLowerCase()], 2, 0, /lower-case 'e'/],
    [[TD1[0]!.replace('D2314', 'D2 14'), TD1[1]!, TD1[2]!], 0, 7, /space/],
    [[TD1[0]!, TD1[1]!, TD1[2]!.replace('ANNA<MARIA', 'ANNA«MARIA')], 2, 14, /'«'/],
    [[TD1[0]!, TD1[1]!.replace('UTO<<', 'UTO<\u0000'), TD1[2]!], 1, 19, /U\+0000/],
  ];
  for (const [lines, line, start, message] of cases) {
    const r = parseMrz(lines, { now });
    assert.equal(r.valid, false);
    assert.deepEqual(r.lines, lines, 'lines are returned as given');
    const chars = r.details.filter((d) => d.field === 'characters');
    assert.ok(chars.length > 0);
    assert.deepEqual([chars[0]!.line, chars[0]!.start], [line, start]);
    assert.match(chars[0]!.error!, message);
  }
});

test('spaces used as fillers fail although a space-as-32 parser would still match the composite', () => {
  const r = parseMrz([TD1[0]!, '7408122F1204159UTO' + ' '.repeat(11) + '6', TD1[2]!], { now });
  assert.equal(r.format, 'TD1');
  assert.equal(r.valid, false);
  assert.equal(r.checks.composite, false);
  assert.equal(r.details.find((d) => d.field === 'optionalData2')!.valid, false);
  assert.match(r.details.find((d) => d.field === 'compositeCheckDigit')!.error!, /illegal character/);
});

test('a run of illegal characters is one detail covering the run', () => {
  const r = parseMrz([TD1[0]!, TD1[1]!, 'ERIKSSON<<anna<MARIA<<<<<<<<<<'], { now });
  const chars = r.details.filter((d) => d.field === 'characters');
  assert.equal(chars.length, 1);
  assert.deepEqual([chars[0]!.start, chars[0]!.end, chars[0]!.value], [10, 14, 'anna']);
  assert.equal(r.details.find((d) => d.field === 'firstName')!.valid, false);
  assert.equal(r.details.find((d) => d.field === 'lastName')!.valid, true);
});

test('wrong line counts and lengths give format null and say which line is off', () => {
  const td3 = makeMrz({ format: 'TD3', documentNumber: 'L898902C3', birthDate: '740812', expirationDate: '320415', lastName: 'ERIKSSON' });
  const cases: [string | string[], number, RegExp][] = [
    ['', 0, /no MRZ lines/],
    ['   \n \n', 0, /no MRZ lines/],
    [TD1.slice(0, 2), 1, /TD1 needs 3/],
    [[...TD1, TD1[2]!], 3, /TD1 needs 3/],
    [[TD1[0]!, TD1[1]!.slice(0, 29), TD1[2]!], 1, /line 2 has 29 characters/],
    [[TD1[0]!, TD1[1]!, TD1[2]! + '<'], 2, /line 3 has 31 characters/],
    [[TD1[0]!, '', TD1[1]!, TD1[2]!], 1, /line 2 has 0 characters|TD1 needs 3/],
    [[td3[0]!], 0, /TD3 needs 2/],
    [[td3[0]!, td3[1]!.slice(0, 36)], 1, /line 2 has 36 characters/],
    [['ABC', 'DEF'], 0, /line 1 has 3 characters/],
    [TD1.join(''), 0, /line 1 has 90 characters/],
  ];
  for (const [input, line, message] of cases) {
    const r = parseMrz(input, { now });
    assert.equal(r.format, null, JSON.stringify(input));
    assert.equal(r.valid, false);
    const format = r.details.filter((d) => d.field === 'format');
    assert.ok(format.length > 0);
    assert.ok(format.some((d) => d.line === line && message.test(d.error!)), `${JSON.stringify(input)}: ${format.map((d) => `${d.line}:${d.error}`).join('; ')}`);
    assert.deepEqual(r.checks, { documentNumber: false, birthDate: false, expirationDate: false, composite: false });
  }
});

test('non-string input does not throw', () => {
  for (const bad of [null, undefined, 42, {}, [null, 3], [Symbol('x')], Object.create(null)]) {
    const r = parseMrz(bad as unknown as string);
    assert.equal(r.format, null);
    assert.equal(r.valid, false);
  }
});

test('the format comes from line count and lengths', () => {
  const spec = { documentNumber: 'X1234567', birthDate: '900101', expirationDate: '300101', lastName: 'A' };
  assert.equal(parseMrz(makeMrz({ format: 'TD1', ...spec }), { now }).format, 'TD1');
  assert.equal(parseMrz(makeMrz({ format: 'TD2', ...spec }), { now }).format, 'TD2');
  assert.equal(parseMrz(makeMrz({ format: 'TD3', ...spec }), { now }).format, 'TD3');
});
