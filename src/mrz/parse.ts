import { ParseContext } from './context.js';
import { badChar, MRZ_CHARS, normalizeLines } from './normalize.js';
import { parseTd1, parseTwoLine } from './formats.js';
import { relaxLenient } from './lenient.js';
import type { MrzFormat, MrzParseOptions, MrzParseResult } from './types.js';

/**
 * Parses a machine-readable zone. Never throws: any input, however broken, yields a result whose
 * `details` say what is wrong and where. Never guesses either: see `correctMrz` for OCR repairs.
 */
export function parseMrz(input: string | readonly string[], options: MrzParseOptions = {}): MrzParseResult {
  return parseZone(input, options.now, options.visas, options.lenient ? relaxLenient : undefined);
}

/**
 * parseMrz with the lenient mode as a function that only parseMrz passes, so that an entry which never
 * asks for it (parse-strict.ts) is built without it. `relax` runs on the finished parse, before `valid`
 * is read off the details.
 */
export function parseZone(input: unknown, now = new Date(), visas?: boolean, relax?: (ctx: ParseContext) => void): MrzParseResult {
  const lines = normalizeLines(input);
  const ctx = new ParseContext(lines, now);
  reportIllegalCharacters(ctx);
  const format = detectFormat(ctx, visas);
  if (format === 'TD1') parseTd1(ctx);
  else if (format) parseTwoLine(ctx, format);
  relax?.(ctx);
  return {
    format,
    valid: format !== null && ctx.details.every((d) => d.valid),
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
      ctx.add('characters', 'Illegal characters', l, i, i + run[0].length, run[0], badChar(text, i, MRZ_CHARS));
    }
  });
}

function detectFormat(ctx: ParseContext, visas?: boolean): MrzFormat | null {
  const { lines } = ctx;
  const count = lines.length;
  if (!count) return formatError(ctx, 0, 'no MRZ lines found');
  const width = lines[0]!.length;
  const name = width === 30 ? 'TD1' : width === 36 ? 'TD2' : width === 44 ? 'TD3' : null;
  if (!name) return formatError(ctx, 0, `line 1 has ${width} characters, not 30, 36 or 44`);
  const expectedCount = name === 'TD1' ? 3 : 2;
  let shapeOk = count === expectedCount;
  if (!shapeOk) formatError(ctx, count - 1, `${name} needs ${expectedCount} lines of ${width}, found ${count}`);
  lines.forEach((line, l) => {
    if (line.length !== width) {
      shapeOk = false;
      formatError(ctx, l, `line ${l + 1} has ${line.length} characters, not ${width}`);
    }
  });
  if (!shapeOk) return null;
  if (name === 'TD1' || lines[0]![0] !== 'V') return name;
  const visa = width === 44 ? 'MRVA' : 'MRVB';
  return visas ? visa : formatError(ctx, 0, `MRV-${visa[3]} visa, read with { visas: true }`, visa, 1);
}

/**
 * Records a `format` detail; returns null, the format of a zone that fails. A format detail covers the
 * line it is about, except the visa one, which points at the code V.
 */
function formatError(ctx: ParseContext, line: number, error: string, value: MrzFormat | null = null, end = ctx.lines[line]?.length ?? 0): null {
  ctx.add('format', 'Format', line, 0, end, value, error);
  return null;
}
