import { badChar } from './normalize.js';

/** `[yy, mm, dd]` of a `YYMMDD` field; `null` parts were fillers (unknown, allowed in a birth date only). */
export type MrzDateParts = (number | null)[];

/**
 * Reads the `YYMMDD` at `line[start, start+6)`: its parts, or the error. Each pair is two digits or, when
 * `allowUnknown`, two fillers (ICAO 9303-3 §4.8: "all or part of the date of birth is unknown"). Month
 * 01–12, day 01–31 here; the calendar check (Feb 30) needs the century and happens in {@link calendarError}.
 */
export function readDate(line: string, start: number, allowUnknown: boolean): MrzDateParts | string {
  const parts: MrzDateParts = [];
  for (let at = start; at < start + 6; at += 2) {
    const pair = line.slice(at, at + 2);
    if (/^\d\d$/.test(pair)) parts.push(+pair);
    else if (allowUnknown && pair === '<<') parts.push(null);
    // Point at the character that breaks the pair: the second one when the first is a digit.
    else return badChar(line, /^\d/.test(pair) ? at + 1 : at, allowUnknown ? 'a digit or in a << pair' : 'a digit');
  }
  const [, mm, dd] = parts;
  if (mm != null && (mm < 1 || mm > 12)) return `month ${line.slice(start + 2, start + 4)} is not 01-12`;
  if (dd != null && (dd < 1 || dd > 31)) return `day ${line.slice(start + 4, start + 6)} is not 01-31`;
  return parts;
}

/** Why year-month-day is not a date of the Gregorian calendar (Feb 30, Feb 29 of 2100), or undefined. */
export function calendarError(year: number, month: number, day: number): string | undefined {
  // Day 0 of the next month is the last day of this one; the leap-year rule repeats every 400 years, and
  // shifting by it keeps Date.UTC off its 0–99 → 1900–1999 mapping.
  const days = new Date(Date.UTC(2000 + (year % 400), month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > days) return `${isoDate(year, month, day)} is not a calendar date`;
}

/** Birth: the most recent year ending in `yy` whose date is not after `now` (UTC). */
export function birthYear(yy: number, mm: number, dd: number, now: Date): number {
  const year = sameCentury(yy, now);
  const today = now.getUTCFullYear() * 10000 + (now.getUTCMonth() + 1) * 100 + now.getUTCDate();
  return year * 10000 + mm * 100 + dd > today ? year - 100 : year;
}

/**
 * Expiry: 20YY-style, i.e. the year ending in `yy` within [this year − 50, this year + 50): a year 50 or
 * more ahead is taken as last century (a 2026 reading of `76` is 1976, of `75` 2075).
 */
export function expiryYear(yy: number, now: Date): number {
  const year = sameCentury(yy, now);
  const ahead = year - now.getUTCFullYear();
  return ahead >= 50 ? year - 100 : ahead < -50 ? year + 100 : year;
}

/** The year ending in `yy` in the century of `now`. */
function sameCentury(yy: number, now: Date): number {
  const thisYear = now.getUTCFullYear();
  return thisYear - (thisYear % 100) + yy;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}
