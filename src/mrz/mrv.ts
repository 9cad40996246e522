import type { ParseContext } from './context.js';
import { parseOptional } from './field-parsers.js';
import { parseTwoLineCommon } from './two-line.js';

/**
 * Machine-readable visas (ICAO 9303-7): MRV-A 2 × 44, MRV-B 2 × 36, document code V. Same line 2 layout
 * as TD3 up to the expiry check digit; the rest is optional data and there is no composite check digit.
 */
export function parseMrv(ctx: ParseContext, format: 'MRVA' | 'MRVB'): void {
  parseTwoLineCommon(ctx, format, false);
  parseOptional(ctx, 'optionalData1', 'Optional data', 1, 28, ctx.lines[1]!.length);
  delete ctx.checks.composite;
}
