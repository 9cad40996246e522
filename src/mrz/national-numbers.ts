import type { ParseContext } from './context.js';
import { calendarError, isoDate } from './dates.js';
import { badChar } from './normalize.js';

/**
 * National personal numbers of our first issuers, found in optional data (TD1 optional data 1, TD3
 * personal number field) at `line[start, end)`:
 * - KGZ PIN (MRZ-SPEC §9): 14 digits `S DDMMYYYY NNNNN`, S = 1 female / 2 male.
 * - KAZ IIN (MRZ-SPEC §10): 12 digits `YYMMDD C NNNN K`, C = century and sex, K = mod-11 control digit.
 * Sets `fields.personalNumber`, records one detail per cross-check against the MRZ's sex and `birth` (its
 * `YYMMDD`, null when malformed), and takes the birth century from the number when all agree (the MRZ's two-digit year
 * cannot tell 1950 from 2050). `certain` is false where the number's position in the MRZ is itself
 * unconfirmed (KAZ passports).
 */
export function checkNationalNumber(ctx: ParseContext, line: number, start: number, end: number, birth: string | null, certain: boolean): void {
  const state = ctx.fields.issuingState;
  const kgz = state === 'KGZ';
  if (!kgz && state !== 'KAZ') return;
  const length = kgz ? 14 : 12;
  const label = kgz ? 'KGZ PIN' : 'KAZ IIN';
  const text = ctx.lines[line]!;
  const field = text.slice(start, end);
  const number = field.slice(0, length);
  // Absence or an unexpected layout is reported but never invalidates: layouts are [medium] (MRZ-SPEC §9, §10).
  if (!(kgz ? /^\d{14}<*$/ : /^\d{12}<*$/).test(field)) {
    ctx.add('personalNumber', label, line, start, end, null, `not a ${length}-digit ${label}`, true);
    return;
  }
  ctx.fields.personalNumber = number;
  ctx.add('personalNumber', label, line, start, start + length, number);
  // Every KGZ rule is advisory: sex digit [medium], DDMMYYYY = birth [medium-high], no official specification.
  const advisory = kgz || !certain;
  /** Records one cross-check over `number[at, at+length)`; true when it holds. */
  const check = (what: string, at: number, length: number, value: string, error: string | undefined): boolean => {
    ctx.add('personalNumber', `${label} ${what}`, line, start + at, start + at + length, value, error, advisory);
    return !error;
  };
  // KAZ: the control digit comes first (its detail leads), then the century/sex digit.
  const control = kgz ? 0 : iinControl(number);
  const controlOk =
    kgz ||
    check(
      'control digit',
      11,
      1,
      number[11]!,
      control < 0 ? 'no such IIN is ever issued' : control !== +number[11]! ? badChar(text, start + 11, `the control digit ${control}`) : undefined,
    );
  /** The sex digit: KGZ 1 female, 2 male; KAZ 1-6, odd male, even female (and the century, below). */
  const sexAt = kgz ? 0 : 6;
  const s = number[sexAt]!;
  const digitSex = +s % 2 === (kgz ? 1 : 0) ? 'female' : 'male';
  // The MRZ's sex may be unspecified (or unreadable): then there is nothing to disagree with.
  const { sex } = ctx.fields;
  const sexOk = check(
    kgz ? 'sex digit' : 'century/sex digit',
    sexAt,
    1,
    s,
    s < '1' || s > (kgz ? '2' : '6')
      ? badChar(text, start + sexAt, kgz ? '1 (female) or 2 (male)' : '1-6')
      : sex && sex !== 'unspecified' && sex !== digitSex
        ? `${s} means ${digitSex}, the MRZ says ${sex}`
        : undefined,
  );
  // KGZ writes DDMMYYYY after the sex digit; KAZ writes YYMMDD before its C = 1/2 for the 1800s, 3/4 for
  // the 1900s, 5/6 for the 2000s.
  const yy = kgz ? number.slice(7, 9) : number.slice(0, 2);
  const mm = kgz ? number.slice(3, 5) : number.slice(2, 4);
  const dd = kgz ? number.slice(1, 3) : number.slice(4, 6);
  const year = kgz ? +number.slice(5, 9) : 1800 + 100 * ((+s - 1) >> 1) + +yy;
  const date = kgz ? number.slice(1, 9) : yy + mm + dd;
  const calendar = calendarError(year, +mm, +dd);
  const mismatch = yy + mm + dd !== birth ? `${date} is not the MRZ date of birth` : undefined;
  // A KAZ date's calendar check needs a valid century digit; a KGZ date is shown as ISO once it passes.
  const error = kgz ? (calendar ?? mismatch) : (mismatch ?? (sexOk ? calendar : undefined));
  const dateOk = check('date of birth', kgz ? 1 : 0, date.length, kgz && !error ? isoDate(year, +mm, +dd) : date, error);
  // Every KGZ check is advisory, so only its date decides there.
  // The number's four-digit year replaces the windowed one (a birth date with unknown parts stays null).
  if (dateOk && (kgz || (controlOk && sexOk)) && ctx.fields.birthDate !== null)
    ctx.fields.birthDate = ctx.details.find((d) => d.field === 'birthDate')!.value = isoDate(year, +mm, +dd);
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
