import type { ParseContext } from './context.js';
import { parseComposite, parseDate, parseDocumentCode, parseDocumentNumber, parseOptional, parseSex, parseState } from './field-parsers.js';
import { parseName } from './names.js';
import { checkNationalNumber } from './national-numbers.js';

/** TD1, 3 × 30 (ICAO 9303-5 §4.2.2). Lines are known to be 3 × 30 characters. */
export function parseTd1(ctx: ParseContext): void {
  parseDocumentCode(ctx, 'TD1');
  parseState(ctx, 'issuingState', 0, 2);
  const optStart = parseDocumentNumber(ctx, 0, 5, { start: 15, end: 30 });
  parseOptional(ctx, 'optionalData1', 'Optional data 1', 0, optStart, 30);
  const birth = parseDate(ctx, 'birthDate', 1, 0);
  parseSex(ctx, 1, 7);
  parseDate(ctx, 'expirationDate', 1, 8);
  parseState(ctx, 'nationality', 1, 15);
  parseOptional(ctx, 'optionalData2', 'Optional data 2', 1, 18, 29);
  // Composite covers line 1 6–30 (incl. any long-number continuation), line 2 1–7, 9–15, 19–29.
  parseComposite(ctx, 1, 29, [
    [0, 5, 30],
    [1, 0, 7],
    [1, 8, 15],
    [1, 18, 29],
  ]);
  parseName(ctx, 2, 0, 30);
  checkNationalNumber(ctx, 0, optStart, 30, birth, true);
}
