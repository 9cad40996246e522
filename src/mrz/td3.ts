import type { ParseContext } from './context.js';
import { parseOptional } from './field-parsers.js';
import { checkNationalNumber } from './national-numbers.js';
import { parseTwoLineCommon, parseTwoLineComposite } from './two-line.js';

/**
 * TD3, 2 × 44 (ICAO 9303-4 §4.2.2): personal number 29–42 with its check digit at 43, composite 44.
 * No long-number overflow is defined for TD3.
 */
export function parseTd3(ctx: ParseContext): void {
  const { birth } = parseTwoLineCommon(ctx, 'TD3', false);
  const value = parseOptional(ctx, 'optionalData1', 'Personal number', 1, 28, 42);
  ctx.fields.personalNumber = value === '' ? null : value;
  // Position 43: "may be zero or the filler character" when 29–42 are all fillers (9303-4 table).
  ctx.checks.personalNumber = ctx.checkDigitAt(
    'personalNumberCheckDigit',
    'Personal number check digit',
    1,
    42,
    ctx.lines[1]!.slice(28, 42),
    true,
  );
  parseTwoLineComposite(ctx, 43);
  // The IIN's place in KAZ passports is unconfirmed (MRZ-SPEC §10), so its checks are advisory there.
  checkNationalNumber(ctx, 1, 28, 42, birth, false);
}
