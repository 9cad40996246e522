import { charValue } from './check-digit.js';

/**
 * Splits what OCR engines and backends send into lines: `\n`, `\r\n` or `\r` breaks, whitespace around
 * each line and blank lines before/after the zone are dropped. Nothing inside a line is touched, so an
 * illegal character stays visible to the parser (it reports it instead of repairing it).
 * Accepts anything: non-strings become empty input so that parseMrz can never throw.
 */
export function normalizeLines(input: unknown): string[] {
  let text: string;
  if (typeof input === 'string') text = input;
  else if (Array.isArray(input)) {
    const parts: string[] = [];
    for (let i = 0; i < input.length; i++) {
      const part: unknown = input[i];
      parts.push(typeof part === 'string' ? part : '');
    }
    text = parts.join('\n');
  } else text = '';

  const raw = text.split(/\r\n|\r|\n/);
  const lines: string[] = [];
  for (let i = 0; i < raw.length; i++) lines.push(raw[i]!.trim());
  let first = 0;
  let last = lines.length;
  while (first < last && lines[first] === '') first++;
  while (last > first && lines[last - 1] === '') last--;
  return lines.slice(first, last);
}

/** Index of the first character outside `A-Z0-9<` in `line[start, end)`, or -1. */
export function firstIllegal(line: string, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    if (charValue(line.charCodeAt(i)) < 0) return i;
  }
  return -1;
}

/** Human-readable name of a character for error messages (spaces and control characters are invisible). */
export function describeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === ' ') return 'space';
  if (code < 32 || code === 127) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (ch >= 'a' && ch <= 'z') return `lower-case '${ch}'`;
  return `'${ch}'`;
}
