import { cleanText, trimFillers, type ParseContext } from './context.js';
import { birthYear, calendarError, expiryYear, isoDate, readDate } from './dates.js';
import { badChar } from './normalize.js';
import type { MrzFormat, MrzSex } from './types.js';

/**
 * Document code (2 chars). TD1/TD2: first A, C or I; second not V, and `AI` is reserved (9303-5 note k).
 * TD3: first P (9303-4 §4.4; `P<` stays legal for years). Visas: first V.
 */
export function parseDocumentCode(ctx: ParseContext, format: MrzFormat): void {
  const raw = ctx.lines[0]!.slice(0, 2);
  const value = trimFillers(raw);
  const card = format === 'TD1' || format === 'TD2';
  // illegal() has already caught anything outside A-Z0-9<, so `first` can be read as text and as the set
  // of letters allowed (of those characters only its capitals match), and the second one can only be a digit.
  const first = card ? 'A, C or I' : format === 'TD3' ? 'P' : 'V';
  const error =
    ctx.illegal(0, 0, 2) ??
    (!first.includes(raw[0]!)
      ? badChar(raw, 0, `${first} (${format})`)
      : raw[1]! <= '9'
        ? badChar(raw, 1, 'A-Z or <')
        : card && raw[1] === 'V'
          ? badChar(raw, 1, 'allowed (V is for visas)')
          : raw === 'AI'
            ? 'AI is reserved'
            : undefined);
  ctx.fields.documentCode = value;
  ctx.add('documentCode', 'Document code', 0, 0, 2, value, error);
}

/** Three-letter state code, filler-padded (`D<<`). Code-list membership is not checked (UTO specimens). */
export function parseState(ctx: ParseContext, field: 'issuingState' | 'nationality', line: number, start: number): void {
  const text = ctx.lines[line]!;
  const raw = text.slice(start, start + 3);
  const value = trimFillers(raw);
  // The first character that is not a letter or filler, or a letter after a filler.
  const bad = raw.search(/[^A-Z<]|(?<=<)[A-Z]/);
  const error =
    bad >= 0 ? badChar(text, start + bad, /[A-Z]/.test(raw[bad]!) ? 'allowed after <' : 'A-Z or <') : value ? undefined : 'state code is empty';
  ctx.fields[field] = value;
  ctx.add(field, field === 'issuingState' ? 'Issuing state' : 'Nationality', line, start, start + 3, value, error);
}

const SEXES: Record<string, MrzSex> = { M: 'male', F: 'female', '<': 'unspecified' };

/** `F`, `M`, or `<` (unspecified). `X` is VIZ-only (9303 note f); lenient mode takes it (lenient.ts). */
export function parseSex(ctx: ParseContext, line: number, pos: number): void {
  const text = ctx.lines[line]!;
  const sex = SEXES[text[pos]!] ?? null;
  ctx.fields.sex = sex;
  ctx.add('sex', 'Sex', line, pos, pos + 1, sex, sex ? undefined : badChar(text, pos, 'M, F or <'));
}

/**
 * Date of birth or expiry at `line[start, start+6)` plus its check digit at `start+6`.
 * Returns the `YYMMDD` when its shape is right (for the national-number cross-checks), else null.
 */
export function parseDate(ctx: ParseContext, kind: 'birthDate' | 'expirationDate', line: number, start: number): string | null {
  const text = ctx.lines[line]!;
  const raw = text.slice(start, start + 6);
  const birth = kind === 'birthDate';
  const parts = readDate(text, start, birth);
  let error: string | undefined;
  let value: string | null = null;
  if (typeof parts === 'string') error = parts;
  else {
    const yy = parts[0];
    const mm = parts[1];
    const dd = parts[2];
    if (yy != null && mm != null && dd != null) {
      const year = birth ? birthYear(yy, mm, dd, ctx.now) : expiryYear(yy, ctx.now);
      error = calendarError(year, mm, dd);
      if (!error) value = isoDate(year, mm, dd);
    }
  }
  ctx.fields[kind] = value;
  const label = birth ? 'Date of birth' : 'Date of expiry';
  ctx.add(kind, label, line, start, start + 6, value ?? raw, error);
  ctx.check(kind, label, line, start + 6, raw);
  return typeof parts === 'string' ? null : raw;
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
  let value = trimFillers(principal);
  if (!optEnd || text[cdPos] !== '<' || text[optStart] === '<') {
    ctx.fields.documentNumber = value;
    ctx.add('documentNumber', label, line, start, cdPos, value, ctx.illegal(line, start, cdPos) ?? (value ? undefined : 'document number is empty'));
    ctx.check('documentNumber', label, line, cdPos, principal);
    return optStart;
  }
  // Long number (9303-5 note j): continuation + check digit + filler at the start of the optional data.
  let segEnd = optStart;
  while (segEnd < optEnd && text[segEnd] !== '<') segEnd++;
  const cdAt = segEnd - 1;
  const continuation = text.slice(optStart, cdAt);
  value += continuation;
  ctx.fields.documentNumber = value;
  ctx.add(
    'documentNumber',
    label,
    line,
    start,
    cdAt,
    value,
    ctx.illegal(line, start, cdPos) ?? ctx.illegal(line, optStart, segEnd) ?? (continuation ? undefined : 'continuation is empty'),
    false,
    [
      { line, start, end: cdPos },
      { line, start: optStart, end: cdAt },
    ],
  );
  // Lenient mode may accept the variant that includes the position-15 filler instead (lenient.ts).
  const detail = ctx.check('documentNumber', label, line, cdAt, principal + continuation);
  if (detail.valid) detail.variant = 'icao';
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
  const value = cleanText(ctx.lines[line]!.slice(start, end));
  ctx.fields[field] = value;
  ctx.add(field, label, line, start, end, value, ctx.illegal(line, start, end));
  return value;
}
