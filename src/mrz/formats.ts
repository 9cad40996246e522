import type { ParseContext } from './context.js';
import { parseDate, parseDocumentCode, parseDocumentNumber, parseOptional, parseSex, parseState } from './field-parsers.js';
import { parseName } from './names.js';
import { checkNationalNumber } from './national-numbers.js';
import type { MrzFormat } from './types.js';

/** TD1, 3 × 30 (ICAO 9303-5 §4.2.2). Lines are known to be 3 × 30 characters. */
export function parseTd1(ctx: ParseContext): void {
  parseDocumentCode(ctx, 'TD1');
  parseState(ctx, 'issuingState', 0, 2);
  const optStart = parseDocumentNumber(ctx, 0, 5, 15, 30);
  parseOptional(ctx, 'optionalData1', 'Optional data 1', 0, optStart, 30);
  const birth = parseDate(ctx, 'birthDate', 1, 0);
  parseSex(ctx, 1, 7);
  parseDate(ctx, 'expirationDate', 1, 8);
  parseState(ctx, 'nationality', 1, 15);
  parseOptional(ctx, 'optionalData2', 'Optional data 2', 1, 18, 29);
  // Composite covers line 1 6–30 (incl. any long-number continuation), line 2 1–7, 9–15, 19–29.
  const line2 = ctx.lines[1]!;
  ctx.check('composite', 'Composite', 1, 29, ctx.lines[0]!.slice(5) + line2.slice(0, 7) + line2.slice(8, 15) + line2.slice(18, 29));
  parseName(ctx, 2, 0, 30);
  checkNationalNumber(ctx, 0, optStart, 30, birth, true);
}

/**
 * Every two-line format shares line 1 = code, state, name and line 2 = document number + check digit,
 * nationality, birth + check digit, sex, expiry + check digit; from position 29 on they differ:
 * - TD2, 2 × 36 (ICAO 9303-6): optional data 29–35 (may hold a long number's continuation), composite 36.
 * - TD3, 2 × 44 (ICAO 9303-4 §4.2.2): personal number 29–42 with its check digit at 43, composite 44. No
 *   long-number overflow is defined for TD3.
 * - Visas MRV-A 2 × 44, MRV-B 2 × 36 (ICAO 9303-7), code V: the rest is optional data, no composite.
 */
export function parseTwoLine(ctx: ParseContext, format: Exclude<MrzFormat, 'TD1'>): void {
  const line2 = ctx.lines[1]!;
  const width = line2.length;
  parseDocumentCode(ctx, format);
  parseState(ctx, 'issuingState', 0, 2);
  parseName(ctx, 0, 5, width);
  const td2 = format === 'TD2';
  const optStart = parseDocumentNumber(ctx, 1, 0, 28, td2 ? 35 : 0);
  parseState(ctx, 'nationality', 1, 10);
  const birth = parseDate(ctx, 'birthDate', 1, 13);
  parseSex(ctx, 1, 20);
  parseDate(ctx, 'expirationDate', 1, 21);
  if (format === 'TD3') {
    const value = parseOptional(ctx, 'optionalData1', 'Personal number', 1, 28, 42);
    ctx.fields.personalNumber = value || null;
    // Position 43: "may be zero or the filler character" when 29–42 are all fillers (9303-4 table).
    const data = line2.slice(28, 42);
    ctx.check('personalNumber', 'Personal number', 1, 42, data, line2[42] === '<' && /^<*$/.test(data));
  } else parseOptional(ctx, 'optionalData1', 'Optional data', 1, optStart, td2 ? 35 : width);
  // Composite over line 2 positions 1–10, 14–20 and 22 up to the composite itself (TD2 and TD3).
  const composite = width - 1;
  if (format[0] === 'T') ctx.check('composite', 'Composite', 1, composite, line2.slice(0, 10) + line2.slice(13, 20) + line2.slice(21, composite));
  else delete ctx.checks.composite;
  // The IIN's place in KAZ passports is unconfirmed (MRZ-SPEC §10), so its checks are advisory there.
  if (format === 'TD3') checkNationalNumber(ctx, 1, 28, 42, birth, false);
}
