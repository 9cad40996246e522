import { ParseContext } from './context.js';
import { describeChar, normalizeLines } from './normalize.js';
import { charValue } from './check-digit.js';
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
  const { lines } = ctx;
  for (let l = 0; l < lines.length; l++) {
    const text = lines[l]!;
    for (let i = 0; i < text.length; i++) {
      if (charValue(text.charCodeAt(i)) >= 0) continue;
      let end = i + 1;
      while (end < text.length && charValue(text.charCodeAt(end)) < 0) end++;
      const what = describeChar(text[i]!);
      ctx.add('characters', 'Illegal characters', l, i, end, text.slice(i, end), `${what} at position ${i + 1}: only A-Z, 0-9 and < are allowed`);
      i = end;
    }
  }
}

function detectFormat(ctx: ParseContext): MrzFormat | null {
  const { lines } = ctx;
  const count = lines.length;
  if (count === 0) {
    ctx.add('format', 'Format', 0, 0, 0, null, `no MRZ lines found (${SHAPES})`);
    return null;
  }
  const width = lines[0]!.length;
  const expectedCount = width === 30 ? 3 : width === 36 || width === 44 ? 2 : 0;
  if (expectedCount === 0) {
    ctx.add('format', 'Format', 0, 0, width, null, `line 1 has ${width} characters (${SHAPES})`);
    return null;
  }
  let shapeOk = count === expectedCount;
  if (!shapeOk) {
    const name = width === 30 ? 'TD1' : width === 36 ? 'TD2' : 'TD3';
    const last = count - 1;
    ctx.add('format', 'Format', last, 0, lines[last]!.length, null, `${count} lines with a first line of ${width} characters; ${name} needs ${expectedCount}`);
  }
  for (let l = 1; l < count; l++) {
    const len = lines[l]!.length;
    if (len !== width) {
      shapeOk = false;
      ctx.add('format', 'Format', l, 0, len, null, `line ${l + 1} has ${len} characters, line 1 has ${width}`);
    }
  }
  if (!shapeOk) return null;
  if (width === 30) return 'TD1';
  const visa = lines[0]![0] === 'V';
  if (visa) {
    const format = width === 44 ? 'MRVA' : 'MRVB';
    if (ctx.options.visas) return format;
    const label = width === 44 ? 'MRV-A' : 'MRV-B';
    ctx.add('format', 'Format', 0, 0, 1, format, `${label} visa (code V, 2 lines of ${width}), not an identity document; parse it with { visas: true }`);
    return null;
  }
  return width === 36 ? 'TD2' : 'TD3';
}
