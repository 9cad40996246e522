import type { ParseContext } from './context.js';
import { isCalendarDate, isoDate, type MrzDateParts } from './dates.js';

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
    ctx.add('personalNumber', label, line, start, end, null, `expected a ${expected}-digit ${label} here`, { advisory: true });
    return;
  }
  ctx.fields.personalNumber = number;
  ctx.add('personalNumber', label, line, start, start + expected, number);
  if (kgz) checkKgzPin(ctx, line, start, number, birth);
  else checkKazIin(ctx, line, start, number, birth, certain);
}

function checkKgzPin(ctx: ParseContext, line: number, start: number, pin: string, birth: MrzDateParts | null): void {
  // Every KGZ rule is advisory: sex digit [medium], DDMMYYYY = birth [medium-high], no official specification.
  const advisory = { advisory: true };
  const { sex } = ctx.fields;
  const sexDigit = pin[0]!;
  const pinSex = sexDigit === '1' ? 'female' : sexDigit === '2' ? 'male' : null;
  const sexError =
    pinSex === null
      ? `PIN sex digit ${sexDigit} is neither 1 (female) nor 2 (male)`
      : sex !== 'unspecified' && sex !== null && sex !== pinSex
        ? `PIN sex digit ${sexDigit} (${pinSex}) disagrees with the MRZ sex (${sex})`
        : undefined;
  ctx.add('personalNumber', 'KGZ PIN sex digit', line, start, start + 1, sexDigit, sexError, advisory);

  const dd = +pin.slice(1, 3);
  const mm = +pin.slice(3, 5);
  const year = +pin.slice(5, 9);
  const date = pin.slice(1, 9);
  const dateError = !isCalendarDate(year, mm, dd)
    ? `PIN date ${date} is not a calendar date`
    : !birthMatches(birth, year % 100, mm, dd)
      ? `PIN date ${date} disagrees with the MRZ date of birth`
      : undefined;
  ctx.add('personalNumber', 'KGZ PIN date of birth', line, start + 1, start + 9, dateError ? date : isoDate(year, mm, dd), dateError, advisory);
  if (!dateError) takeBirthCentury(ctx, year, mm, dd);
}

function checkKazIin(ctx: ParseContext, line: number, start: number, iin: string, birth: MrzDateParts | null, certain: boolean): void {
  const extra = certain ? undefined : { advisory: true };
  const control = iinControl(iin);
  const given = +iin[11]!;
  const controlError =
    control < 0
      ? 'IIN control digit cannot be computed (no such IIN is issued)'
      : control !== given
        ? `IIN control digit is ${given}, expected ${control}`
        : undefined;
  ctx.add('personalNumber', 'KAZ IIN control digit', line, start + 11, start + 12, iin[11]!, controlError, extra);

  const c = +iin[6]!;
  const { sex } = ctx.fields;
  const centuryError =
    c < 1 || c > 6
      ? `IIN century/sex digit ${c} is not 1-6`
      : sex === 'male' && c % 2 === 0
        ? `IIN digit ${c} means female, the MRZ says male`
        : sex === 'female' && c % 2 === 1
          ? `IIN digit ${c} means male, the MRZ says female`
          : undefined;
  ctx.add('personalNumber', 'KAZ IIN century/sex digit', line, start + 6, start + 7, iin[6]!, centuryError, extra);

  const yy = +iin.slice(0, 2);
  const mm = +iin.slice(2, 4);
  const dd = +iin.slice(4, 6);
  const date = iin.slice(0, 6);
  const year = centuryError ? -1 : 1800 + 100 * ((c - 1) >> 1) + yy;
  const dateError = !birthMatches(birth, yy, mm, dd)
    ? `IIN date ${date} disagrees with the MRZ date of birth`
    : year > 0 && !isCalendarDate(year, mm, dd)
      ? `IIN date ${date} is not a calendar date in ${year}`
      : undefined;
  ctx.add('personalNumber', 'KAZ IIN date of birth', line, start, start + 6, date, dateError, extra);

  if (!controlError && !centuryError && !dateError) takeBirthCentury(ctx, year, mm, dd);
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

function birthMatches(birth: MrzDateParts | null, yy: number, mm: number, dd: number): boolean {
  return birth !== null && birth.yy === yy && birth.mm === mm && birth.dd === dd;
}

/** Replaces the windowed birth year with the national number's four-digit year. */
function takeBirthCentury(ctx: ParseContext, year: number, mm: number, dd: number): void {
  if (ctx.fields.birthDate === null) return;
  const iso = isoDate(year, mm, dd);
  ctx.fields.birthDate = iso;
  for (const d of ctx.details) if (d.field === 'birthDate') d.value = iso;
}
