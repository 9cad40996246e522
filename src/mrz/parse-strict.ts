import { parseZone } from './parse.js';
import type { MrzParseResult } from './types.js';

/**
 * `parseMrz(input)` with no options (ICAO-strict, no visas, today's date), for the element, which never
 * passes any: built from this entry, the bundle leaves out the code behind the options. It is parseZone
 * with its defaults, typed to take the input alone. Same result as `parseMrz` from the full module for
 * every input (test/mrz/parse-strict.test.ts).
 */
export const parseMrz: (input: string | readonly string[]) => MrzParseResult = parseZone;
