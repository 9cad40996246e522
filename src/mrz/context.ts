import { checkDigit } from './check-digit.js';
import { badChar, MRZ_CHARS } from './normalize.js';
import type { MrzChecks, MrzFieldDetail, MrzFieldName, MrzFields, MrzRange } from './types.js';

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

  constructor(
    readonly lines: string[],
    /** "Today" for the century rules. */
    readonly now: Date,
  ) {}

  /**
   * Records a detail. A failing detail makes the whole result invalid (parseMrz reads `valid` off the
   * details), unless it is advisory: then the message goes to `warning` and the detail stays valid.
   */
  add(
    field: MrzFieldName,
    label: string,
    line: number,
    start: number,
    end: number,
    value: string | null,
    error?: string,
    advisory?: boolean,
    ranges: MrzRange[] = [{ line, start, end }],
  ): MrzFieldDetail {
    const detail: MrzFieldDetail = {
      label,
      field,
      value,
      raw: (this.lines[line] ?? '').slice(start, end),
      valid: error === undefined || !!advisory,
      line,
      start,
      end,
      ranges,
    };
    if (error !== undefined) detail[detail.valid ? 'warning' : 'error'] = error;
    this.details.push(detail);
    return detail;
  }

  /** Error for the first character outside `A-Z0-9<` in a range, or undefined when all are legal. */
  illegal(line: number, start: number, end: number): string | undefined {
    const text = this.lines[line]!;
    const at = text.slice(start, end).search(/[^A-Z0-9<]/);
    if (at >= 0) return badChar(text, start + at, MRZ_CHARS);
  }

  /**
   * Records the `<key>CheckDigit` detail for the digit at `line[pos]` over `data` and sets `checks[key]`.
   * `holds` is for the callers' exceptions to the ICAO rule that they have verified themselves.
   */
  check(key: keyof MrzChecks, label: string, line: number, pos: number, data: string, holds?: boolean): MrzFieldDetail {
    const text = this.lines[line]!;
    const ch = text[pos]!;
    const expected = checkDigit(data);
    const error = holds
      ? undefined
      : expected < 0
        ? 'illegal character in its data'
        : ch !== `${expected}`
          ? badChar(text, pos, `the check digit ${expected}`)
          : undefined;
    this.checks[key] = !error;
    return this.add(`${key}CheckDigit`, `${label} check digit`, line, pos, pos + 1, ch, error);
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
