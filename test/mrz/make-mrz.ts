import { checkDigit } from '../../src/mrz/check-digit.js';

/**
 * Builds MRZ lines with correctly computed check digits from plain fields, for tests and synthetic
 * fixtures. Values are written as given (upper case, `<` fillers); nothing is validated, so a test can
 * build an MRZ that is wrong in exactly one way (month 13 with valid check digits, a bad sex…).
 */
export interface MrzSpec {
  format: 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB';
  /** Default `I` (TD1/TD2), `P` (TD3), `V` (visas). */
  documentCode?: string;
  issuingState?: string;
  /** Longer than 9 characters: written as a TD1/TD2 long number (ICAO 9303-5 note j). */
  documentNumber: string;
  /** TD1 optional data 1 (after any long-number continuation), TD2/visa optional data. */
  optionalData1?: string;
  /** TD1 optional data 2. */
  optionalData2?: string;
  /** TD3 personal number field (positions 29–42). */
  personalNumber?: string;
  /** TD3 check digit written at 43 when the personal number is empty: `<` (default) or `0`. */
  emptyPersonalNumberCheck?: '<' | '0';
  /** YYMMDD, may contain `<` */
  birthDate: string;
  sex?: string;
  /** YYMMDD */
  expirationDate: string;
  nationality?: string;
  lastName: string;
  /** Spaces become `<`. */
  firstName?: string;
}

export function pad(value: string, width: number): string {
  return value.length >= width ? value.slice(0, width) : value + '<'.repeat(width - value.length);
}

export function cd(value: string): string {
  const digit = checkDigit(value);
  if (digit < 0) throw new Error(`cannot compute a check digit over ${JSON.stringify(value)}`);
  return String(digit);
}

export function nameField(lastName: string, firstName: string | undefined, width: number): string {
  const last = lastName.replace(/ /g, '<');
  const name = firstName ? `${last}<<${firstName.replace(/ /g, '<')}` : last;
  return pad(name, width);
}

/** Document number + check digit (9+1), and the continuation that opens the optional data. */
function documentNumberParts(doc: string): { head: string; continuation: string } {
  if (doc.length <= 9) return { head: pad(doc, 9) + cd(pad(doc, 9)), continuation: '' };
  const principal = doc.slice(0, 9);
  const rest = doc.slice(9);
  return { head: principal + '<', continuation: rest + cd(principal + rest) + '<' };
}

export function makeMrz(spec: MrzSpec): string[] {
  const state = pad(spec.issuingState ?? 'UTO', 3);
  const nationality = pad(spec.nationality ?? spec.issuingState ?? 'UTO', 3);
  const sex = spec.sex ?? '<';
  const birth = spec.birthDate + cd(spec.birthDate);
  const expiry = spec.expirationDate + cd(spec.expirationDate);
  const { format } = spec;

  if (format === 'TD1') {
    const code = pad(spec.documentCode ?? 'I', 2);
    const { head, continuation } = documentNumberParts(spec.documentNumber);
    const line1 = code + state + head + pad(continuation + (spec.optionalData1 ?? ''), 15);
    const opt2 = pad(spec.optionalData2 ?? '', 11);
    const composite = cd(line1.slice(5, 30) + birth + expiry + opt2);
    const line2 = birth + sex + expiry + nationality + opt2 + composite;
    return [line1, line2, nameField(spec.lastName, spec.firstName, 30)];
  }

  const width = format === 'TD3' || format === 'MRVA' ? 44 : 36;
  const code = pad(spec.documentCode ?? (format === 'TD3' ? 'P' : format === 'TD2' ? 'I' : 'V'), 2);
  const line1 = code + state + nameField(spec.lastName, spec.firstName, width - 5);
  if (format === 'TD2') {
    const { head, continuation } = documentNumberParts(spec.documentNumber);
    const start = head + nationality + birth + sex + expiry + pad(continuation + (spec.optionalData1 ?? ''), 7);
    return [line1, start + cd(start.slice(0, 10) + start.slice(13, 20) + start.slice(21))];
  }
  const doc = pad(spec.documentNumber, 9);
  const start = doc + cd(doc) + nationality + birth + sex + expiry;
  if (format === 'TD3') {
    const personal = pad(spec.personalNumber ?? '', 14);
    const empty = personal === '<'.repeat(14);
    const withCheck = start + personal + (empty ? (spec.emptyPersonalNumberCheck ?? '<') : cd(personal));
    return [line1, withCheck + cd(withCheck.slice(0, 10) + withCheck.slice(13, 20) + withCheck.slice(21))];
  }
  return [line1, start + pad(spec.optionalData1 ?? '', width - 28)];
}

/** Returns a copy of the lines with one character replaced. */
export function replaceAt(lines: readonly string[], line: number, index: number, ch: string): string[] {
  return lines.map((l, i) => (i === line ? l.slice(0, index) + ch + l.slice(index + 1) : l));
}

/** A check digit other than the right one at `line[index]` (for "each check digit wrong" tests). */
export function breakDigit(lines: readonly string[], line: number, index: number): string[] {
  const current = lines[line]![index]!;
  const wrong = current === '<' || current === '9' ? '1' : String(Number(current) + 1);
  return replaceAt(lines, line, index, wrong);
}
