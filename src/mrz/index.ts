/**
 * The pure MRZ module (no DOM, no Node APIs): parse and verify ICAO 9303 machine-readable zones.
 * Bundled into the element and imported by the server; published as `mrz-scanner/mrz`.
 */
export { parseMrz } from './parse.js';
export { correctMrz, type MrzCorrection, type MrzChange } from './correct.js';
export { checkDigit } from './check-digit.js';
export { iinControl } from './national-numbers.js';
export type {
  MrzChecks,
  MrzFieldDetail,
  MrzFieldName,
  MrzFields,
  MrzFormat,
  MrzParseOptions,
  MrzParseResult,
  MrzRange,
  MrzSex,
} from './types.js';
