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
        ? Array.from(input, (part: unknown) => (typeof part === 'string' ? part : '')).join('\n')
        : '';
  const lines = text.split(/\r\n|\r|\n/).map((line) => line.trim());
  let first = 0;
  let last = lines.length;
  while (first < last && !lines[first]) first++;
  while (last > first && !lines[last - 1]) last--;
  return lines.slice(first, last);
}

/** Human-readable name of a character for error messages (spaces and control characters are invisible). */
export function describeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === ' ') return 'space';
  if (code < 32 || code === 127) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (ch >= 'a' && ch <= 'z') return `lower-case '${ch}'`;
  return `'${ch}'`;
}
