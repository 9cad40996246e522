import { checkDigit } from './check-digit.js';
import { cleanText, trimFillers, type ParseContext } from './context.js';
import { birthYear, expiryYear, isCalendarDate, isoDate, readDate, type MrzDateParts } from './dates.js';
import { describeChar } from './normalize.js';
import type { MrzFormat } from './types.js';

/**
 * Document code (2 chars). TD1/TD2: first A, C or I; second not V, and `AI` is reserved (9303-5 note k).
 * TD3: first P (9303-4 §4.4; `P<` stays legal for years). Visas: first V.
 */
export function parseDocumentCode(ctx: ParseContext, format: MrzFormat): void {
  const raw = ctx.lines[0]!.slice(0, 2);
  const value = trimFillers(raw);
  const second = raw[1]!;
  const allowed = format === 'TD3' ? 'P' : format[0] === 'M' ? 'V' : 'ACI';
  const error =
    ctx.illegal(0, 0, 2) ??
    (!allowed.includes(raw[0]!)
      ? `${format} document code must start with ${allowed.split('').join(', ')}`
      : second !== '<' && (second < 'A' || second > 'Z')
        ? 'second character of the document code must be a letter or <'
        : allowed === 'ACI' && second === 'V'
          ? 'V is not allowed as second character (reserved for visas)'
          : raw === 'AI'
            ? 'AI is not an allowed document code'
            : undefined);
  ctx.fields.documentCode = value;
  ctx.add('documentCode', 'Document code', 0, 0, 2, value, error);
}

/** Three-letter state code, filler-padded (`D<<`). Code-list membership is not checked (UTO specimens). */
export function parseState(ctx: ParseContext, field: 'issuingState' | 'nationality', line: number, start: number): void {
  const text = ctx.lines[line]!;
  const raw = text.slice(start, start + 3);
  const value = trimFillers(raw);
  let error: string | undefined;
  for (let i = 0; i < 3 && !error; i++) {
    const c = raw.charCodeAt(i);
    const letter = c >= 65 && c <= 90;
    if (!letter && c !== 60) error = `state code allows only A-Z and <, found ${describeChar(raw[i]!)} at position ${start + i + 1}`;
    else if (letter && i > 0 && raw.charCodeAt(i - 1) === 60) error = 'state code letters must come before fillers';
  }
  if (!error && value.length === 0) error = 'state code is empty';
  ctx.fields[field] = value;
  ctx.add(field, field === 'issuingState' ? 'Issuing state' : 'Nationality', line, start, start + 3, value, error);
}

/** `F`, `M`, or `<` (unspecified). `X` is VIZ-only (9303 note f); lenient mode takes it as unspecified. */
export function parseSex(ctx: ParseContext, line: number, pos: number): void {
  const ch = ctx.lines[line]![pos]!;
  let error: string | undefined;
  let advisory = false;
  if (ch === 'M') ctx.fields.sex = 'male';
  else if (ch === 'F') ctx.fields.sex = 'female';
  else if (ch === '<') ctx.fields.sex = 'unspecified';
  else if (ch === 'X' && ctx.options.lenient) {
    ctx.fields.sex = 'unspecified';
    error = 'X is only used in the visual zone; the MRZ uses <';
    advisory = true;
  } else error = `sex must be M, F or <, found ${describeChar(ch)}`;
  ctx.add('sex', 'Sex', line, pos, pos + 1, ctx.fields.sex, error, { advisory });
}

/**
 * Date of birth or expiry at `line[start, start+6)` plus its check digit at `start+6`.
 * Returns the date parts when the shape is right (for the national-number cross-checks).
 */
export function parseDate(
  ctx: ParseContext,
  kind: 'birthDate' | 'expirationDate',
  line: number,
  start: number,
): MrzDateParts | null {
  const raw = ctx.lines[line]!.slice(start, start + 6);
  const birth = kind === 'birthDate';
  const shape = readDate(raw, birth);
  let error: string | undefined;
  let value: string | null = null;
  let parts: MrzDateParts | null = null;
  if (!shape.ok) error = shape.error;
  else {
    parts = shape.parts;
    const { yy, mm, dd } = parts;
    if (yy !== null && mm !== null && dd !== null) {
      const year = birth ? birthYear(yy, mm, dd, ctx.now) : expiryYear(yy, ctx.now);
      if (isCalendarDate(year, mm, dd)) value = isoDate(year, mm, dd);
      else error = `${raw} is not a calendar date (${isoDate(year, mm, dd)})`;
    }
  }
  ctx.fields[kind] = value;
  const label = birth ? 'Date of birth' : 'Date of expiry';
  ctx.add(kind, label, line, start, start + 6, value ?? raw, error);
  ctx.check(kind, label, line, start + 6, raw);
  return parts;
}

/**
 * Document number at `line[start, start+9)` with its check digit at `start+9`. `[optStart, optEnd)` is the
 * optional data on the same line that can hold a long number's continuation (TD1/TD2); `optEnd` is 0 when
 * the format has none (TD3, visas). Returns where the optional data proper starts (`optStart` when there
 * is no continuation).
 */
export function parseDocumentNumber(ctx: ParseContext, line: number, start: number, optStart: number, optEnd: number): number {
  const text = ctx.lines[line]!;
  const cdPos = start + 9;
  const principal = text.slice(start, cdPos);
  const label = 'Document number';
  if (!optEnd || text[cdPos] !== '<' || text[optStart] === '<') {
    const value = trimFillers(principal);
    ctx.fields.documentNumber = value;
    ctx.add('documentNumber', label, line, start, cdPos, value, ctx.illegal(line, start, cdPos) ?? (value ? undefined : 'document number is empty'));
    ctx.check('documentNumber', label, line, cdPos, principal);
    return optStart;
  }
  // Long number (9303-5 note j): continuation + check digit + filler at the start of the optional data.
  let segEnd = optStart;
  while (segEnd < optEnd && text.charCodeAt(segEnd) !== 60) segEnd++;
  const cdAt = segEnd - 1;
  const continuation = text.slice(optStart, cdAt);
  const value = trimFillers(principal) + continuation;
  const error =
    ctx.illegal(line, start, cdPos) ??
    ctx.illegal(line, optStart, segEnd) ??
    (continuation ? undefined : 'position after the < holds only one character: no continuation before its check digit');
  ctx.fields.documentNumber = value;
  ctx.add('documentNumber', label, line, start, cdAt, value, error, {
    ranges: [
      { line, start, end: cdPos },
      { line, start: optStart, end: cdAt },
    ],
  });
  const ok = ctx.check('documentNumber', label, line, cdAt, principal + continuation);
  const detail = ctx.details[ctx.details.length - 1]!;
  if (ok) detail.variant = 'icao';
  // Some genuine BEL/PRT cards include the position-15 filler in the computation (MRZ-SPEC §3).
  else if (ctx.options.lenient && continuation && isDigitFor(text.charCodeAt(cdAt), checkDigit(principal + '<' + continuation))) {
    ctx.checks.documentNumber = detail.valid = true;
    detail.variant = 'include-filler';
    delete detail.error;
    ctx.valid = ctx.details.every((d) => d.valid);
  }
  // The check digit is followed by a filler, which the optional data proper does not include.
  return Math.min(segEnd + 1, optEnd);
}

/** Optional data: any legal characters; cleaned like cheminfo's text fields. */
export function parseOptional(
  ctx: ParseContext,
  field: 'optionalData1' | 'optionalData2',
  label: string,
  line: number,
  start: number,
  end: number,
): string {
  const raw = ctx.lines[line]!.slice(start, end);
  const value = cleanText(raw);
  ctx.fields[field] = value;
  ctx.add(field, label, line, start, end, value, ctx.illegal(line, start, end));
  return value;
}

/** Composite check digit at `line[pos]` over `data`, the concatenated ranges it covers. */
export function parseComposite(ctx: ParseContext, line: number, pos: number, data: string): void {
  ctx.check('composite', 'Composite', line, pos, data);
}

/** Whether character code `c` is the digit `expected` (never, when the digit cannot be computed: -1). */
function isDigitFor(c: number, expected: number): boolean {
  return expected >= 0 && c - 48 === expected;
}
