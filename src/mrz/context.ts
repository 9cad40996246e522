import { checkDigit } from './check-digit.js';
import { describeChar } from './normalize.js';
import type { MrzChecks, MrzFieldDetail, MrzFieldName, MrzFields, MrzParseOptions, MrzRange } from './types.js';

/** Mutable state of one parse: the lines, the fields and checks filled so far, and the details. */
export class ParseContext {
  readonly fields: MrzFields = {
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
  readonly checks: MrzChecks = { documentNumber: false, birthDate: false, expirationDate: false, composite: false };
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
      valid: error === undefined || !!extra?.advisory,
      line,
      start,
      end,
      ranges: extra?.ranges ?? [{ line, start, end }],
    };
    if (error !== undefined) {
      if (detail.valid) detail.warning = error;
      else {
        detail.error = error;
        this.valid = false;
      }
    }
    this.details.push(detail);
    return detail;
  }

  /** Error text for the first illegal character in a range, or undefined when all are legal. */
  illegal(line: number, start: number, end: number): string | undefined {
    const at = this.lines[line]!.slice(start, end).search(/[^A-Z0-9<]/);
    if (at >= 0) return `illegal character ${describeChar(this.lines[line]![start + at]!)} at position ${start + at + 1}`;
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
      fillerAllowed && /^<*$/.test(data) && (ch === '<' || ch === '0')
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

/** Removes leading/trailing fillers and turns inner ones into spaces (cheminfo/mrz's text convention). */
export function cleanText(raw: string): string {
  return raw.replace(/^<+|<+$/g, '').replace(/</g, ' ');
}

/** Removes trailing fillers only (document code, document number). */
export function trimFillers(raw: string): string {
  return raw.replace(/<+$/, '');
}
