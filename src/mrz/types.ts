/**
 * Document formats. `TD1`/`TD2`/`TD3` are ICAO 9303 parts 5/6/4. The visa formats `MRVA` (2×44) and
 * `MRVB` (2×36) are only reported when `parseMrz(input, { visas: true })` is used: by default a visa
 * comes back as `format: null` with a `format` detail naming it, so that a caller expecting an identity
 * document never mistakes a visa for a TD2/TD3 document.
 */
export type MrzFormat = 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB';

export type MrzSex = 'male' | 'female' | 'unspecified';

export interface MrzFields {
  /** Document code with fillers removed: `I`, `ID`, `P`, `PP`, `V`… */
  documentCode: string | null;
  issuingState: string | null;
  /** Long numbers (TD1/TD2, ICAO 9303-5 note j) are joined across optional data. */
  documentNumber: string | null;
  /** TD1 optional data 1 (after any long-number continuation); TD2/MRV optional data; TD3 personal number field. */
  optionalData1: string | null;
  /** TD1 optional data 2; null for the other formats. */
  optionalData2: string | null;
  /** `YYYY-MM-DD`, or null when all or part of it is unknown (`<`) or it is not a calendar date. */
  birthDate: string | null;
  /** `YYYY-MM-DD`, or null when it is not a calendar date. */
  expirationDate: string | null;
  sex: MrzSex | null;
  nationality: string | null;
  lastName: string | null;
  firstName: string | null;
  /** KGZ PIN, KAZ IIN, or the TD3 personal number field; null when none. */
  personalNumber: string | null;
}

/** One boolean per check digit the format has. Visas have no composite check digit. */
export interface MrzChecks {
  documentNumber: boolean;
  birthDate: boolean;
  expirationDate: boolean;
  composite?: boolean;
  /** TD3 only (position 43). */
  personalNumber?: boolean;
}

export type MrzFieldName =
  | 'format'
  | 'characters'
  | 'documentCode'
  | 'issuingState'
  | 'documentNumber'
  | 'documentNumberCheckDigit'
  | 'optionalData1'
  | 'optionalData2'
  | 'birthDate'
  | 'birthDateCheckDigit'
  | 'sex'
  | 'expirationDate'
  | 'expirationDateCheckDigit'
  | 'nationality'
  | 'compositeCheckDigit'
  | 'lastName'
  | 'firstName'
  | 'personalNumber'
  | 'personalNumberCheckDigit';

/** A run of characters on one line: 0-based line, 0-based start, exclusive end. */
export interface MrzRange {
  line: number;
  start: number;
  end: number;
}

/**
 * One entry per field (plus structural and character entries), shaped like cheminfo/mrz's details so a
 * UI can highlight the characters behind each verdict. `line/start/end` is the main range; `ranges`
 * lists every range the entry covers (a long document number spans two).
 */
export interface MrzFieldDetail extends MrzRange {
  label: string;
  field: MrzFieldName;
  /** Cleaned value as it appears in `fields` (or the raw text when it could not be cleaned). */
  value: string | null;
  /** The exact characters of the main range. */
  raw: string;
  valid: boolean;
  ranges: MrzRange[];
  error?: string;
  /**
   * A finding that rests on a rule we are not certain of (e.g. the KGZ PIN layout, MRZ-SPEC §9): shown
   * to the user but the detail stays `valid` and the result is not invalidated by it.
   */
  warning?: string;
  /** Long document number only: which check-digit variant matched (see MRZ-SPEC §3). */
  variant?: 'icao' | 'include-filler';
}

export interface MrzParseResult {
  format: MrzFormat | null;
  valid: boolean;
  fields: MrzFields;
  checks: MrzChecks;
  details: MrzFieldDetail[];
  /** The normalised lines (line breaks and surrounding whitespace removed, nothing else changed). */
  lines: string[];
}

export interface MrzParseOptions {
  /**
   * Accept the long-document-number check digit computed with the position-15 filler included (seen on
   * genuine BEL/PRT cards), and `X` for sex as unspecified. Strict ICAO by default.
   */
  lenient?: boolean;
  /** Parse MRV-A/MRV-B visas as formats `MRVA`/`MRVB` instead of reporting `format: null`. */
  visas?: boolean;
  /** "Today" for the century rules; defaults to the current date. */
  now?: Date;
}
