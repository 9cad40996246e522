import { checkDigit } from './check-digit.js';
import { describeChar, firstIllegal } from './normalize.js';
import type { MrzChecks, MrzFieldDetail, MrzFieldName, MrzFields, MrzParseOptions, MrzRange } from './types.js';

export function emptyFields(): MrzFields {
  return {
    documentCode: null,
    issuingState: null,
    documentNumber: null,
    optionalData1: null,
    optionalData2: null,
    birthDate: null,
    expirationDate: null,
    sex: null,
    nationality: null,
    lastName: null,
    firstName: null,
    personalNumber: null,
  };
}

export function emptyChecks(): MrzChecks {
  return { documentNumber: false, birthDate: false, expirationDate: false, composite: false };
}

/** Mutable state of one parse: the lines, the fields and checks filled so far, and the details. */
export class ParseContext {
  readonly fields: MrzFields = emptyFields();
  readonly checks: MrzChecks = emptyChecks();
  readonly details: MrzFieldDetail[] = [];
  valid = true;
  readonly now: Date;

  constructor(
    readonly lines: string[],
    readonly options: MrzParseOptions,
  ) {
    this.now = options.now ?? new Date();
  }

  /**
   * Records a detail. A failing detail makes the whole result invalid, unless it is advisory: then the
   * message goes to `warning` and the detail stays valid.
   */
  add(
    field: MrzFieldName,
    label: string,
    line: number,
    start: number,
    end: number,
    value: string | null,
    error?: string,
    extra?: { ranges?: MrzRange[]; advisory?: boolean },
  ): MrzFieldDetail {
    const detail: MrzFieldDetail = {
      label,
      field,
      value,
      raw: (this.lines[line] ?? '').slice(start, end),
      valid: error === undefined,
      line,
      start,
      end,
      ranges: extra?.ranges ?? [{ line, start, end }],
    };
    if (error !== undefined) {
      if (extra?.advisory) {
        detail.valid = true;
        detail.warning = error;
      } else {
        detail.error = error;
        this.valid = false;
      }
    }
    this.details.push(detail);
    return detail;
  }

  /** Error text for the first illegal character in a range, or undefined when all are legal. */
  illegal(line: number, start: number, end: number): string | undefined {
    const text = this.lines[line]!;
    const at = firstIllegal(text, start, end);
    if (at < 0) return undefined;
    return `illegal character ${describeChar(text[at]!)} at position ${at + 1}`;
  }

  /**
   * Checks the digit at `line[pos]` against the data, records the `<key>CheckDigit` detail, sets
   * `checks[key]` and returns whether it holds. `fillerAllowed` accepts `<` as well as `0` when the data
   * is all fillers (TD3 position 43).
   */
  check(key: keyof MrzChecks, label: string, line: number, pos: number, data: string, fillerAllowed?: boolean): boolean {
    const ch = this.lines[line]![pos]!;
    const expected = checkDigit(data);
    const error =
      fillerAllowed && isAllFiller(data) && (ch === '<' || ch === '0')
        ? undefined
        : expected < 0
          ? 'covers an illegal character, cannot be verified'
          : ch < '0' || ch > '9'
            ? `check digit must be a digit, found ${describeChar(ch)}; expected ${expected}`
            : ch.charCodeAt(0) - 48 !== expected
              ? `check digit is ${ch}, expected ${expected}`
              : undefined;
    this.add(`${key}CheckDigit`, `${label} check digit`, line, pos, pos + 1, ch, error);
    return (this.checks[key] = error === undefined);
  }
}

export function isAllFiller(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== 60) return false;
  return true;
}

/** Removes leading/trailing fillers and turns inner ones into spaces (cheminfo/mrz's text convention). */
export function cleanText(raw: string): string {
  let a = 0;
  let b = raw.length;
  while (a < b && raw.charCodeAt(a) === 60) a++;
  while (b > a && raw.charCodeAt(b - 1) === 60) b--;
  const inner = raw.slice(a, b);
  return inner.indexOf('<') < 0 ? inner : inner.replace(/</g, ' ');
}

/** Removes trailing fillers only (document code, document number). */
export function trimFillers(raw: string): string {
  let b = raw.length;
  while (b > 0 && raw.charCodeAt(b - 1) === 60) b--;
  return raw.slice(0, b);
}
