import type { ParseContext } from './context.js';
import { parseComposite, parseDate, parseDocumentCode, parseDocumentNumber, parseSex, parseState } from './field-parsers.js';
import type { MrzDateParts } from './dates.js';
import { parseName } from './names.js';
import type { MrzFormat } from './types.js';

/**
 * Fields shared by every two-line format (TD2, TD3, MRV-A, MRV-B): line 1 = code, state, name; line 2 =
 * document number + check digit, nationality, birth + check digit, sex, expiry + check digit. The
 * optional data from position 29 on differs per format and is left to the caller.
 * `longNumbers` enables the TD2 long-document-number continuation into the optional data.
 * Returns where the optional data proper starts and the birth date parts.
 */
export function parseTwoLineCommon(
  ctx: ParseContext,
  format: MrzFormat,
  longNumbers: boolean,
): { optStart: number; birth: MrzDateParts | null } {
  const width = ctx.lines[0]!.length;
  const optEnd = format === 'TD2' ? 35 : format === 'TD3' ? 42 : width;
  parseDocumentCode(ctx, format);
  parseState(ctx, 'issuingState', 0, 2);
  parseName(ctx, 0, 5, width);
  const optStart = parseDocumentNumber(ctx, 1, 0, longNumbers ? { start: 28, end: optEnd } : null);
  parseState(ctx, 'nationality', 1, 10);
  const birth = parseDate(ctx, 'birthDate', 1, 13);
  parseSex(ctx, 1, 20);
  parseDate(ctx, 'expirationDate', 1, 21);
  return { optStart: longNumbers ? optStart : 28, birth };
}

/** Composite over line 2 positions 1–10, 14–20 and 22 up to the composite itself (TD2 and TD3). */
export function parseTwoLineComposite(ctx: ParseContext, compositePos: number): void {
  parseComposite(ctx, 1, compositePos, [
    [1, 0, 10],
    [1, 13, 20],
    [1, 21, compositePos],
  ]);
}
