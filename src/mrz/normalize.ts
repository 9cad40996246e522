/**
 * Splits what OCR engines and backends send into lines: `\n`, `\r\n` or `\r` breaks, whitespace around
 * each line and blank lines before/after the zone are dropped. Nothing inside a line is touched, so an
 * illegal character stays visible to the parser (it reports it instead of repairing it).
 * Accepts anything: non-strings become empty input so that parseMrz can never throw.
 */
export function normalizeLines(input: unknown): string[] {
  const text =
    typeof input === 'string'
      ? input
      : Array.isArray(input)
        ? input.map((part: unknown) => (typeof part === 'string' ? part : '')).join('\n')
        : '';
  // Trimming the whole text first drops the blank lines around the zone (trim() counts line breaks as
  // whitespace too); blank lines inside it stay, so the format check can report them.
  const zone = text.trim();
  return zone ? zone.split(/\r\n?|\n/).map((line) => line.trim()) : [];
}

/**
 * The one shape of every character error, so a developer always reads what was found, where (1-based
 * position on its line) and what belongs there: `'O' at position 15 is not a digit`.
 */
export function badChar(text: string, at: number, allowed: string): string {
  const ch = text[at]!;
  const code = ch.charCodeAt(0);
  // Spaces and control characters are invisible, and a lower-case letter is easily misread as legal.
  const seen =
    ch === ' '
      ? 'space'
      : code < 32 || code === 127
        ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
        : ch >= 'a' && ch <= 'z'
          ? `lower-case '${ch}'`
          : `'${ch}'`;
  return `${seen} at position ${at + 1} is not ${allowed}`;
}

/** What `A-Z0-9<` means in a message. */
export const MRZ_CHARS = 'A-Z, 0-9 or <';
