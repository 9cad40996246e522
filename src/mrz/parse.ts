import { ParseContext } from './context.js';
import { describeChar, normalizeLines } from './normalize.js';
import { parseTd1, parseTwoLine } from './formats.js';
import type { MrzFormat, MrzParseOptions, MrzParseResult } from './types.js';

const SHAPES = 'TD1 = 3 lines of 30, TD2 = 2 of 36, TD3 = 2 of 44';

/**
 * Parses a machine-readable zone. Never throws: any input, however broken, yields a result whose
 * `details` say what is wrong and where. Never guesses either: see `correctMrz` for OCR repairs.
 */
export function parseMrz(input: string | readonly string[], options: MrzParseOptions = {}): MrzParseResult {
  const lines = normalizeLines(input);
  const ctx = new ParseContext(lines, options);
  reportIllegalCharacters(ctx);
  const format = detectFormat(ctx);
  if (format === 'TD1') parseTd1(ctx);
  else if (format) parseTwoLine(ctx, format);
  return {
    format,
    valid: format !== null && ctx.valid,
    fields: ctx.fields,
    checks: ctx.checks,
    details: ctx.details,
    lines,
  };
}

/** One `characters` detail per run of characters outside `A-Z0-9<`, so a UI can mark each of them. */
function reportIllegalCharacters(ctx: ParseContext): void {
  ctx.lines.forEach((text, l) => {
    for (const run of text.matchAll(/[^A-Z0-9<]+/g)) {
      const i = run.index;
      const chars = run[0];
      ctx.add('characters', 'Illegal characters', l, i, i + chars.length, chars, `${describeChar(chars[0]!)} at position ${i + 1}: only A-Z, 0-9 and < are allowed`);
    }
  });
}

function detectFormat(ctx: ParseContext): MrzFormat | null {
  const { lines } = ctx;
  const count = lines.length;
  const fail = (line: number, end: number, error: string, value: MrzFormat | null = null): null => {
    ctx.add('format', 'Format', line, 0, end, value, error);
    return null;
  };
  if (!count) return fail(0, 0, `no MRZ lines found (${SHAPES})`);
  const width = lines[0]!.length;
  const name = width === 30 ? 'TD1' : width === 36 ? 'TD2' : width === 44 ? 'TD3' : null;
  if (!name) return fail(0, width, `line 1 has ${width} characters (${SHAPES})`);
  const expectedCount = name === 'TD1' ? 3 : 2;
  let shapeOk = count === expectedCount;
  if (!shapeOk) fail(count - 1, lines[count - 1]!.length, `${count} lines with a first line of ${width} characters; ${name} needs ${expectedCount}`);
  lines.forEach((line, l) => {
    if (line.length !== width) {
      shapeOk = false;
      fail(l, line.length, `line ${l + 1} has ${line.length} characters, line 1 has ${width}`);
    }
  });
  if (!shapeOk || name === 'TD1' || lines[0]![0] !== 'V') return shapeOk ? name : null;
  const visa = width === 44 ? 'MRVA' : 'MRVB';
  if (ctx.options.visas) return visa;
  return fail(0, 1, `MRV-${visa[3]} visa (code V, 2 lines of ${width}), not an identity document; parse it with { visas: true }`, visa);
}
