import { describeChar } from './normalize.js';

/** Shape of a `YYMMDD` field; `null` parts were fillers (unknown, allowed in a birth date only). */
export interface MrzDateParts {
  yy: number | null;
  mm: number | null;
  dd: number | null;
}

export type DateShape = { ok: true; parts: MrzDateParts } | { ok: false; error: string };

/**
 * Reads `YYMMDD`. Each pair is two digits or, when `allowUnknown`, two fillers (ICAO 9303-3 §4.8:
 * "all or part of the date of birth is unknown"). Month 01–12, day 01–31 here; the calendar check
 * (Feb 30) needs the century and happens in {@link isCalendarDate}.
 */
export function readDate(raw: string, allowUnknown: boolean): DateShape {
  if (raw.length !== 6) return { ok: false, error: 'date must have 6 characters' };
  const yy = pair(raw, 0, allowUnknown);
  const mm = pair(raw, 2, allowUnknown);
  const dd = pair(raw, 4, allowUnknown);
  if (typeof yy === 'string') return { ok: false, error: yy };
  if (typeof mm === 'string') return { ok: false, error: mm };
  if (typeof dd === 'string') return { ok: false, error: dd };
  if (mm !== null && (mm < 1 || mm > 12)) return { ok: false, error: `month ${raw.slice(2, 4)} is not 01-12` };
  if (dd !== null && (dd < 1 || dd > 31)) return { ok: false, error: `day ${raw.slice(4, 6)} is not 01-31` };
  return { ok: true, parts: { yy, mm, dd } };
}

function pair(raw: string, at: number, allowUnknown: boolean): number | null | string {
  const a = raw.charCodeAt(at);
  const b = raw.charCodeAt(at + 1);
  if (a >= 48 && a <= 57 && b >= 48 && b <= 57) return (a - 48) * 10 + (b - 48);
  if (a === 60 && b === 60) return allowUnknown ? null : 'date must not contain fillers';
  const bad = a >= 48 && a <= 57 ? raw[at + 1]! : raw[at]!;
  return `date must be digits${allowUnknown ? ' or << pairs' : ''}, found ${describeChar(bad)}`;
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Birth: the most recent year ending in `yy` whose date is not after `now` (UTC). */
export function birthYear(yy: number, mm: number, dd: number, now: Date): number {
  const thisYear = now.getUTCFullYear();
  let year = thisYear - (thisYear % 100) + yy;
  const todayKey = thisYear * 10000 + (now.getUTCMonth() + 1) * 100 + now.getUTCDate();
  if (year * 10000 + mm * 100 + dd > todayKey) year -= 100;
  return year;
}

/**
 * Expiry: 20YY-style, i.e. the year ending in `yy` within [this year − 50, this year + 50): a year 50 or
 * more ahead is taken as last century (a 2026 reading of `76` is 1976, of `75` 2075).
 */
export function expiryYear(yy: number, now: Date): number {
  const thisYear = now.getUTCFullYear();
  let year = thisYear - (thisYear % 100) + yy;
  if (year - thisYear >= 50) year -= 100;
  else if (thisYear - year > 50) year += 100;
  return year;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}
