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
  if (state !== 'KGZ' && state !== 'KAZ') return;
  const text = ctx.lines[line]!;
  let digitsEnd = start;
  while (digitsEnd < end && isDigit(text.charCodeAt(digitsEnd))) digitsEnd++;
  let tailIsFiller = true;
  for (let i = digitsEnd; i < end; i++) if (text.charCodeAt(i) !== 60) tailIsFiller = false;
  const n = digitsEnd - start;
  const expected = state === 'KGZ' ? 14 : 12;
  const label = state === 'KGZ' ? 'KGZ PIN' : 'KAZ IIN';
  if (n !== expected || !tailIsFiller) {
    // Absence or an unexpected layout is reported but never invalidates: layouts are [medium] (MRZ-SPEC §9, §10).
    ctx.add('personalNumber', label, line, start, end, null, `expected a ${expected}-digit ${label} here`, { advisory: true });
    return;
  }
  const number = text.slice(start, digitsEnd);
  ctx.fields.personalNumber = number;
  if (state === 'KGZ') checkKgzPin(ctx, line, start, number, birth);
  else checkKazIin(ctx, line, start, number, birth, certain);
}

function checkKgzPin(ctx: ParseContext, line: number, start: number, pin: string, birth: MrzDateParts | null): void {
  // Every KGZ rule is advisory: sex digit [medium], DDMMYYYY = birth [medium-high], no official specification.
  const advisory = { advisory: true };
  ctx.add('personalNumber', 'KGZ PIN', line, start, start + 14, pin);

  const sexDigit = pin[0]!;
  const pinSex = sexDigit === '1' ? 'female' : sexDigit === '2' ? 'male' : null;
  let sexError: string | undefined;
  if (pinSex === null) sexError = `PIN sex digit ${sexDigit} is neither 1 (female) nor 2 (male)`;
  else if (ctx.fields.sex !== 'unspecified' && ctx.fields.sex !== null && ctx.fields.sex !== pinSex)
    sexError = `PIN sex digit ${sexDigit} (${pinSex}) disagrees with the MRZ sex (${ctx.fields.sex})`;
  ctx.add('personalNumber', 'KGZ PIN sex digit', line, start, start + 1, sexDigit, sexError, advisory);

  const dd = num(pin, 1, 2);
  const mm = num(pin, 3, 2);
  const year = num(pin, 5, 4);
  let dateError: string | undefined;
  if (!isCalendarDate(year, mm, dd)) dateError = `PIN date ${pin.slice(1, 9)} is not a calendar date`;
  else if (!birthMatches(birth, year % 100, mm, dd)) dateError = `PIN date ${pin.slice(1, 9)} disagrees with the MRZ date of birth`;
  const pinDate = dateError === undefined ? isoDate(year, mm, dd) : pin.slice(1, 9);
  ctx.add('personalNumber', 'KGZ PIN date of birth', line, start + 1, start + 9, pinDate, dateError, advisory);
  if (dateError === undefined) takeBirthCentury(ctx, year, mm, dd);
}

function checkKazIin(ctx: ParseContext, line: number, start: number, iin: string, birth: MrzDateParts | null, certain: boolean): void {
  const extra = certain ? undefined : { advisory: true };
  ctx.add('personalNumber', 'KAZ IIN', line, start, start + 12, iin);

  const control = iinControl(iin);
  const given = iin.charCodeAt(11) - 48;
  let controlError: string | undefined;
  if (control < 0) controlError = 'IIN control digit cannot be computed (no such IIN is issued)';
  else if (control !== given) controlError = `IIN control digit is ${given}, expected ${control}`;
  ctx.add('personalNumber', 'KAZ IIN control digit', line, start + 11, start + 12, iin[11]!, controlError, extra);

  const c = iin.charCodeAt(6) - 48;
  let centuryError: string | undefined;
  if (c < 1 || c > 6) centuryError = `IIN century/sex digit ${c} is not 1-6`;
  else if (ctx.fields.sex === 'male' && c % 2 === 0) centuryError = `IIN digit ${c} means female, the MRZ says male`;
  else if (ctx.fields.sex === 'female' && c % 2 === 1) centuryError = `IIN digit ${c} means male, the MRZ says female`;
  ctx.add('personalNumber', 'KAZ IIN century/sex digit', line, start + 6, start + 7, iin[6]!, centuryError, extra);

  const yy = num(iin, 0, 2);
  const mm = num(iin, 2, 2);
  const dd = num(iin, 4, 2);
  const year = centuryError === undefined ? 1800 + 100 * Math.floor((c - 1) / 2) + yy : -1;
  let dateError: string | undefined;
  if (!birthMatches(birth, yy, mm, dd)) dateError = `IIN date ${iin.slice(0, 6)} disagrees with the MRZ date of birth`;
  else if (year > 0 && !isCalendarDate(year, mm, dd)) dateError = `IIN date ${iin.slice(0, 6)} is not a calendar date in ${year}`;
  ctx.add('personalNumber', 'KAZ IIN date of birth', line, start, start + 6, iin.slice(0, 6), dateError, extra);

  if (controlError === undefined && centuryError === undefined && dateError === undefined) takeBirthCentury(ctx, year, mm, dd);
}

/**
 * IIN control digit (Decree No. 406 of 2007, MRZ-SPEC §10): weights 1..11 mod 11; on 10 retry with
 * weights 3..11,1,2; a second 10 means the number is never issued (-1).
 */
export function iinControl(iin: string): number {
  let s = 0;
  for (let i = 0; i < 11; i++) s += (iin.charCodeAt(i) - 48) * (i + 1);
  s %= 11;
  if (s !== 10) return s;
  s = 0;
  for (let i = 0; i < 11; i++) s += (iin.charCodeAt(i) - 48) * (((i + 2) % 11) + 1);
  s %= 11;
  return s === 10 ? -1 : s;
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

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function num(s: string, at: number, len: number): number {
  let v = 0;
  for (let i = at; i < at + len; i++) v = v * 10 + (s.charCodeAt(i) - 48);
  return v;
}
