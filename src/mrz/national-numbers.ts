import type { ParseContext } from './context.js';
import { calendarError, isoDate, type MrzDateParts } from './dates.js';
import type { MrzSex } from './types.js';

/**
 * National personal numbers of our first issuers, found in optional data (TD1 optional data 1, TD3
 * personal number field) at `line[start, end)`:
 * - KGZ PIN (MRZ-SPEC §9): 14 digits `S DDMMYYYY NNNNN`, S = 1 female / 2 male.
 * - KAZ IIN (MRZ-SPEC §10): 12 digits `YYMMDD C NNNN K`, C = century and sex, K = mod-11 control digit.
 * Sets `fields.personalNumber`, records one detail per cross-check, and takes the birth century from the
 * number when it agrees with the MRZ (the MRZ's two-digit year cannot tell 1950 from 2050).
 * `certain` is false where the number's position in the MRZ is itself unconfirmed (KAZ passports).
 */
export function checkNationalNumber(
  ctx: ParseContext,
  line: number,
  start: number,
  end: number,
  birth: MrzDateParts | null,
  certain: boolean,
): void {
  const state = ctx.fields.issuingState;
  const kgz = state === 'KGZ';
  if (!kgz && state !== 'KAZ') return;
  const text = ctx.lines[line]!;
  const expected = kgz ? 14 : 12;
  const label = kgz ? 'KGZ PIN' : 'KAZ IIN';
  const number = text.slice(start, start + expected);
  // Absence or an unexpected layout is reported but never invalidates: layouts are [medium] (MRZ-SPEC §9, §10).
  if (!/^\d+$/.test(number) || number.length < expected || !/^<*$/.test(text.slice(start + expected, end))) {
    ctx.add('personalNumber', label, line, start, end, null, `expected a ${expected}-digit ${label} here`, true);
    return;
  }
  ctx.fields.personalNumber = number;
  ctx.add('personalNumber', label, line, start, start + expected, number);
  // Every detail of the number: its label, offset and length in the number, value, error.
  const add = (what: string, at: number, length: number, value: string, error: string | undefined, advisory: boolean) =>
    ctx.add('personalNumber', `${label} ${what}`, line, start + at, start + at + length, value, error, advisory);
  if (kgz) checkKgzPin(ctx, number, birth, add);
  else checkKazIin(ctx, number, birth, add, !certain);
}

type AddDetail = (what: string, at: number, length: number, value: string, error: string | undefined, advisory: boolean) => void;

function checkKgzPin(ctx: ParseContext, pin: string, birth: MrzDateParts | null, add: AddDetail): void {
  // Every KGZ rule is advisory: sex digit [medium], DDMMYYYY = birth [medium-high], no official specification.
  const sexDigit = pin[0]!;
  const pinSex = sexDigit === '1' ? 'female' : sexDigit === '2' ? 'male' : null;
  add('sex digit', 0, 1, sexDigit, pinSex ? sexError(ctx, sexDigit, pinSex) : `${sexDigit} is not 1 (female) or 2 (male)`, true);

  const dd = +pin.slice(1, 3);
  const mm = +pin.slice(3, 5);
  const year = +pin.slice(5, 9);
  const date = pin.slice(1, 9);
  const dateError = calendarError(year, mm, dd) ?? dateMismatch(birth, date, year % 100, mm, dd);
  add('date of birth', 1, 8, dateError ? date : isoDate(year, mm, dd), dateError, true);
  if (!dateError) takeBirthCentury(ctx, year, mm, dd);
}

function checkKazIin(ctx: ParseContext, iin: string, birth: MrzDateParts | null, add: AddDetail, advisory: boolean): void {
  const control = iinControl(iin);
  const given = iin[11]!;
  const controlError =
    control < 0 ? 'cannot be computed: no such IIN is issued' : control !== +given ? `control digit is ${given}, expected ${control}` : undefined;
  add('control digit', 11, 1, given, controlError, advisory);

  const cs = iin[6]!;
  const c = +cs;
  const centuryError = c < 1 || c > 6 ? `${cs} is not 1-6` : sexError(ctx, cs, c % 2 ? 'male' : 'female');
  add('century/sex digit', 6, 1, cs, centuryError, advisory);

  const yy = +iin.slice(0, 2);
  const mm = +iin.slice(2, 4);
  const dd = +iin.slice(4, 6);
  const date = iin.slice(0, 6);
  const year = centuryError ? -1 : 1800 + 100 * ((c - 1) >> 1) + yy;
  const dateError = dateMismatch(birth, date, yy, mm, dd) ?? (year > 0 ? calendarError(year, mm, dd) : undefined);
  add('date of birth', 0, 6, date, dateError, advisory);

  if (!controlError && !centuryError && !dateError) takeBirthCentury(ctx, year, mm, dd);
}

/** The number's sex digit against the MRZ's sex (which may be unspecified). */
function sexError(ctx: ParseContext, digit: string, digitSex: MrzSex): string | undefined {
  const { sex } = ctx.fields;
  if (sex !== 'unspecified' && sex !== null && sex !== digitSex) return `${digit} means ${digitSex}, the MRZ says ${sex}`;
}

function dateMismatch(birth: MrzDateParts | null, date: string, yy: number, mm: number, dd: number): string | undefined {
  if (birth?.yy !== yy || birth.mm !== mm || birth.dd !== dd) return `${date} disagrees with the MRZ date of birth`;
}

/**
 * IIN control digit (Decree No. 406 of 2007, MRZ-SPEC §10): weights 1..11 mod 11; on 10 retry with
 * weights 3..11,1,2; a second 10 means the number is never issued (-1).
 */
export function iinControl(iin: string): number {
  let s = 0;
  let t = 0;
  for (let i = 0; i < 11; i++) {
    const d = iin.charCodeAt(i) - 48;
    s += d * (i + 1);
    t += d * (((i + 2) % 11) + 1);
  }
  s %= 11;
  t %= 11;
  return s !== 10 ? s : t !== 10 ? t : -1;
}

/** Replaces the windowed birth year with the national number's four-digit year. */
function takeBirthCentury(ctx: ParseContext, year: number, mm: number, dd: number): void {
  if (ctx.fields.birthDate === null) return;
  const iso = isoDate(year, mm, dd);
  ctx.fields.birthDate = iso;
  for (const d of ctx.details) if (d.field === 'birthDate') d.value = iso;
}
