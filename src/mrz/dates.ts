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
    // Character codes, not a regex per pair: dates are read twice in every parse.
    const a = line.charCodeAt(at) - 48;
    const b = line.charCodeAt(at + 1) - 48;
    const aDigit = a >= 0 && a <= 9;
    if (aDigit && b >= 0 && b <= 9) parts.push(a * 10 + b);
    else if (allowUnknown && a === 12 && b === 12) parts.push(null); // `<<` (`<` is code 60)
    // Point at the character that breaks the pair: the second one when the first is a digit.
    else return badChar(line, aDigit ? at + 1 : at, allowUnknown ? 'a digit or in a << pair' : 'a digit');
  }
  const mm = parts[1];
  const dd = parts[2];
  if (mm != null && (mm < 1 || mm > 12)) return `month ${line.slice(start + 2, start + 4)} is not 01-12`;
  if (dd != null && (dd < 1 || dd > 31)) return `day ${line.slice(start + 4, start + 6)} is not 01-31`;
  return parts;
}

/** Why year-month-day is not a date of the Gregorian calendar (Feb 30, Feb 29 of 2100), or undefined. */
export function calendarError(year: number, month: number, day: number): string | undefined {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  // Undefined for a month outside 1-12, which no day is then at most.
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (day < 1 || !(day <= days!)) return `${isoDate(year, month, day)} is not a calendar date`;
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
