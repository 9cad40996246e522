import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizePath, parseSync, type Plugin } from 'vite';
import { lettersFrom, unpackMessages } from '../src/i18n/unpack.js';

/**
 * Translators keep src/i18n/{en,ru,ky,kk}.ts as readable keyed objects; the element bundle ships them packed
 * (≈1 KB gzip less): the keys once, and per locale one string of the values in which every non-ASCII letter
 * is one ASCII character (a Cyrillic letter is two bytes of UTF-8). src/i18n/unpack.ts rebuilds the same
 * objects when the bundle loads; it documents the format. The packing is checked against the sources by
 * decoding it with that very function, and anything this cannot pack faithfully stops the build.
 */
export const LOCALES = ['en', 'ru', 'ky', 'kk'] as const;
export type Locale = (typeof LOCALES)[number];
type Messages = Map<string, string>;

// Codes go to letters by frequency: the most frequent letter gets the ASCII character that is most frequent in
// the rest of the bundle (this order was counted on it), which keeps gzip's Huffman codes short (measured:
// 27 B less than a-z in English letter order). Quotes, `\`, backtick and `$` are left out: the minifier would escape them.
const CODE_CHARS = 'etirnsa,.=o() lhcdu{}fp:;mg?0&yvb1-w!#_|[]+>Ax2<kSEC/MzPNODUTI3R4j685*HLqFZ7VBW9KG@J%YX^Q~';
// Separator and upper-case mark; punctuation only, because the mark is escaped into a RegExp.
const MARK_CHARS = '|^~#%&*+/;=>?@[]_{}';

export class PackError extends Error {}

/** `export const <name> = { key: 'text', … }` (a type annotation allowed) and nothing fancier. */
export function readMessages(source: string, file: string): { name: string; messages: Messages } {
  const { program, errors } = parseSync(file, source, { lang: 'ts' });
  if (errors.length) throw new PackError(`${file}: ${errors[0]!.message}`);
  const exported = program.body.flatMap((node) =>
    node.type === 'ExportNamedDeclaration' && node.declaration?.type === 'VariableDeclaration' ? node.declaration.declarations : [],
  );
  const decl = exported[0];
  if (exported.length !== 1 || decl?.id.type !== 'Identifier' || decl.init?.type !== 'ObjectExpression')
    throw new PackError(`${file}: expected exactly one \`export const <locale> = { … }\``);
  const messages: Messages = new Map();
  for (const prop of decl.init.properties) {
    const at = `${file}:${source.slice(0, prop.start).split('\n').length}`;
    if (prop.type !== 'Property' || prop.kind !== 'init' || prop.computed || prop.method || prop.shorthand)
      throw new PackError(`${at}: only \`key: 'text'\` entries can be packed`);
    const key = prop.key.type === 'Identifier' ? prop.key.name : prop.key.type === 'Literal' && typeof prop.key.value === 'string' ? prop.key.value : undefined;
    if (key === undefined) throw new PackError(`${at}: unexpected key`);
    if (prop.value.type !== 'Literal' || typeof prop.value.value !== 'string')
      throw new PackError(`${at}: the value of "${key}" must be a plain string literal`);
    if (messages.has(key)) throw new PackError(`${at}: "${key}" appears twice`);
    messages.set(key, prop.value.value);
  }
  return { name: decl.id.name, messages };
}

export interface Packed {
  keys: string[];
  /** Differences between the code points of the letters, ascending (see lettersFrom). */
  steps: number[];
  sep: string;
  mark: string;
  /** Per locale: the values joined by `sep`, and the code for each letter (see unpackMessages). */
  locales: Record<Locale, { packed: string; codes: string }>;
}

/** An upper-case letter that is `mark` + its one-character lower case, or undefined. */
function lowerOf(c: string): string | undefined {
  const lower = c.toLowerCase();
  return lower !== c && lower.length === 1 && lower.toUpperCase() === c ? lower : undefined;
}

export function packLocales(locales: Record<Locale, Messages>): Packed {
  const keys = [...locales.en.keys()];
  for (const locale of LOCALES) {
    const own = locales[locale];
    const missing = keys.filter((k) => !own.has(k));
    const extra = [...own.keys()].filter((k) => !locales.en.has(k));
    if (missing.length || extra.length)
      throw new PackError(`${locale}.ts: keys differ from en.ts (missing: ${missing.join(', ') || '-'}; not in en: ${extra.join(', ') || '-'})`);
  }
  const used = new Map<Locale, Set<string>>(LOCALES.map((l) => [l, new Set()])); // every character
  const lettersUsed = new Map<Locale, Set<string>>(LOCALES.map((l) => [l, new Set()])); // non-ASCII, lower case
  const frequency = new Map<string, number>();
  for (const locale of LOCALES) {
    for (const value of locales[locale].values()) {
      for (const c of value) {
        if (c.length > 1) throw new PackError(`${locale}.ts: cannot pack "${c}" (outside the Basic Multilingual Plane)`);
        used.get(locale)!.add(c);
        if (c > '\x7f') {
          const letter = lowerOf(c) ?? c;
          lettersUsed.get(locale)!.add(letter);
          frequency.set(letter, (frequency.get(letter) ?? 0) + 1);
        }
      }
    }
  }
  const anywhere = new Set([...used.values()].flatMap((s) => [...s]).concat([...keys.join('')]));
  const [sep, mark] = [...MARK_CHARS].filter((c) => !anywhere.has(c));
  if (!sep || !mark) throw new PackError(`every one of ${MARK_CHARS} appears in a message; pack-messages needs two of them free`);
  const letters = [...frequency.keys()].sort();
  const byFrequency = [...frequency].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  const steps = letters.map((c, i) => c.charCodeAt(0) - (letters[i - 1]?.charCodeAt(0) ?? 0));

  const result = { keys, steps, sep, mark, locales: {} } as Packed;
  const freeIn = (locale: Locale) => [...CODE_CHARS].filter((c) => !used.get(locale)!.has(c) && c !== sep && c !== mark);
  // Locales with room for every letter write each letter with the same code, taken from the characters none of
  // them uses: a word Kazakh and Kyrgyz share is then the same bytes in both, which gzip matches.
  const roomy = LOCALES.filter((l) => freeIn(l).length >= letters.length);
  const shared = [...CODE_CHARS].filter((c) => roomy.every((l) => freeIn(l).includes(c)));
  for (const locale of LOCALES) {
    const free = roomy.includes(locale) && shared.length >= letters.length ? shared : freeIn(locale);
    // Every letter gets a code when there is room, so those locales share one codes string; otherwise
    // (English, full of Latin letters) only the letters it uses.
    const own = byFrequency.filter((c) => free.length >= letters.length || lettersUsed.get(locale)!.has(c));
    if (own.length > free.length)
      throw new PackError(`${locale}.ts: ${own.length} different non-ASCII letters but only ${free.length} unused ASCII characters to write them with`);
    const code = new Map(own.map((c, i) => [c, free[i]!]));
    const filler = free[free.length - 1]!; // for letters this locale lacks: never in its text, never looked up
    let codes = letters.map((c) => code.get(c) ?? filler).join('');
    while (codes.endsWith(filler)) codes = codes.slice(0, -1);
    const encode = (c: string) => (c <= '\x7f' ? c : lowerOf(c) ? mark + code.get(lowerOf(c)!)! : code.get(c)!);
    // A value's first character is upper-cased by the decoder unless the mark says to keep it as written.
    const encodeFirst = (c: string) => (c.toUpperCase() === c ? encode(lowerOf(c) ?? c) : mark + encode(c));
    const encodeValue = (value: string) => Array.from(value, (c, i) => (i ? encode(c) : encodeFirst(c))).join('');
    const packed = keys.map((k) => encodeValue(locales[locale].get(k)!)).join(sep);
    result.locales[locale] = { packed, codes };

    const back = unpackMessages(packed, codes, lettersFrom(steps), keys, sep, mark);
    for (const [k, v] of locales[locale]) {
      if (back[k] !== v) throw new PackError(`${locale}.ts: "${k}" would ship as ${JSON.stringify(back[k])}, not ${JSON.stringify(v)}`);
    }
  }
  return result;
}

/**
 * The JS that replaces a locale file. The keys, the letters and the decoder ride in en's module, which every
 * other locale imports from; the codes most locales share are the default.
 */
export function packedModule(packed: Packed, dir: string, locale: Locale, name: string): string {
  const counts = new Map<string, number>();
  for (const { codes } of Object.values(packed.locales)) counts.set(codes, (counts.get(codes) ?? 0) + 1);
  const common = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  const { packed: text, codes } = packed.locales[locale];
  const json = JSON.stringify;
  const exported = `export const ${name} = unpack(${json(text)}${codes === common ? '' : `, ${json(codes)}`});`;
  if (locale !== 'en') return `import { unpack } from ${json(`${dir}/en.ts`)};\n${exported}\n`;
  return [
    `import { lettersFrom, unpackMessages } from ${json(`${dir}/unpack.ts`)};`,
    `const keys = ${json(packed.keys.join(packed.sep))}.split(${json(packed.sep)});`,
    `const letters = lettersFrom(${json(packed.steps)});`,
    `export const unpack = (packed, codes = ${json(common)}) => unpackMessages(packed, codes, letters, keys, ${json(packed.sep)}, ${json(packed.mark)});`,
    exported,
    '',
  ].join('\n');
}

const sameMessages = (a: Messages, b: Messages) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

/** Vite plugin (build only): src/i18n/<locale>.ts → a call that rebuilds the object from the packed form. */
export function packMessages(): Plugin {
  let dir = '';
  let sources: Record<Locale, Messages>;
  let packed: Packed;
  const fail = (error: unknown) => (error instanceof PackError ? `pack-messages: ${error.message}` : error);
  return {
    name: 'mrz:pack-messages',
    apply: 'build',
    configResolved(config) {
      dir = normalizePath(join(config.root, 'src/i18n'));
    },
    buildStart() {
      // Every locale is needed before any is transformed: the codes depend on which characters all of them use.
      try {
        sources = Object.fromEntries(
          LOCALES.map((l) => [l, readMessages(readFileSync(join(dir, `${l}.ts`), 'utf8'), `src/i18n/${l}.ts`).messages]),
        ) as Record<Locale, Messages>;
        packed = packLocales(sources);
      } catch (error) {
        this.error(fail(error) as string | Error);
      }
    },
    transform(code, id) {
      const locale = LOCALES.find((l) => normalizePath(id) === `${dir}/${l}.ts`);
      if (!locale) return null;
      try {
        const { name, messages } = readMessages(code, id);
        if (!sameMessages(messages, sources[locale])) throw new PackError(`${id} changed after the build started`);
        return { code: packedModule(packed, dir, locale, name), map: null };
      } catch (error) {
        this.error(fail(error) as string | Error);
      }
    },
  };
}
