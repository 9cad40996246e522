/**
 * The build does not ship the locale files as object literals (scripts/pack-messages.ts replaces them);
 * each locale arrives as one string that this rebuilds once, when the module loads. In that string the
 * values are joined by `sep` in the order of `keys`, and every non-ASCII letter is written as one ASCII
 * character the locale's texts never use: `codes[i]` stands for `letters[i]`, and `mark` before a code makes
 * that letter upper case. Most messages start with a capital, so a value's first letter is upper case with no
 * mark, and `mark` there keeps it as written (the decoder puts a mark before every value: two marks mean as
 * written, one means upper case). A Cyrillic letter costs two bytes of UTF-8 and an ASCII one costs one; a bundle
 * that holds no byte above 127 at all also spares gzip the Huffman codes for those bytes.
 * Plain string work (no eval): the element runs under a strict CSP with Trusted Types.
 */
export function unpackMessages(packed: string, codes: string, letters: string, keys: readonly string[], sep: string, mark: string): Record<string, string> {
  const values = (mark + Array.from(packed, (c) => letters[codes.indexOf(c)] ?? c).join('').replaceAll(sep, sep + mark))
    .replace(new RegExp(`\\${mark}(\\${mark}?)(.?)`, 'g'), (_, asIs: string, c: string) => (asIs ? c : c.toUpperCase()))
    .split(sep);
  return Object.fromEntries(keys.map((key, i) => [key, values[i]!]));
}

/** The letters, from the differences between their code points in ascending order (`[1072, 1, 1, …]`). */
export function lettersFrom(steps: readonly number[]): string {
  let code = 0;
  return String.fromCharCode(...steps.map((step) => (code += step)));
}
