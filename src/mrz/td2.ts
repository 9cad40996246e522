import type { ParseContext } from './context.js';
import { parseOptional } from './field-parsers.js';
import { parseTwoLineCommon, parseTwoLineComposite } from './two-line.js';

/** TD2, 2 × 36 (ICAO 9303-6): optional data 29–35 (may hold a long number's continuation), composite 36. */
export function parseTd2(ctx: ParseContext): void {
  const { optStart } = parseTwoLineCommon(ctx, 'TD2', true);
  parseOptional(ctx, 'optionalData1', 'Optional data', 1, optStart, 35);
  parseTwoLineComposite(ctx, 35);
}
