import { checkDigit } from './check-digit.js';
import type { ParseContext } from './context.js';
import type { MrzFieldDetail } from './types.js';

/**
 * `parseMrz(input, { lenient: true })`: two readings outside ICAO 9303 that genuine documents need. They
 * relax the strict verdicts once the zone is parsed, so the strict parser (all that the element ships,
 * see parse-strict.ts) carries none of this:
 * - `X` for sex (VIZ-only, 9303 note f) reads as unspecified, with a warning. Nothing in the parse tells
 *   unspecified from unreadable (the national-number sex check skips both), so it is safe to do late.
 * - A long document number's check digit may include the position-15 filler, as on some genuine BEL/PRT
 *   cards (MRZ-SPEC §3); the check-digit detail says which variant matched.
 */
export function relaxLenient(ctx: ParseContext): void {
  const { details, lines } = ctx;
  const detail = (field: MrzFieldDetail['field']) => details.find((d) => d.field === field);
  const sex = detail('sex');
  if (sex?.raw === 'X') {
    ctx.fields.sex = sex.value = 'unspecified';
    accept(sex).warning = 'X is for the visual zone; the MRZ uses <';
  }
  // A long number has two ranges: the principal nine characters and the continuation before the digit.
  const [principal, continuation] = detail('documentNumber')?.ranges.map((r) => lines[r.line]!.slice(r.start, r.end)) ?? [];
  const digit = detail('documentNumberCheckDigit');
  // (Compared as text: -1, "cannot be computed", never equals a character.)
  if (continuation && digit && !digit.valid && digit.raw === `${checkDigit(principal + '<' + continuation)}`) {
    ctx.checks.documentNumber = true;
    accept(digit).variant = 'include-filler';
  }
}

/** Turns a failed detail into a valid one. */
function accept(detail: MrzFieldDetail): MrzFieldDetail {
  detail.valid = true;
  delete detail.error;
  return detail;
}
