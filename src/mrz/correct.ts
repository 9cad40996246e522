import { parseMrz } from './parse.js';
import type { MrzFormat, MrzParseOptions, MrzParseResult } from './types.js';

/** One character `correctMrz` replaced (0-based line and index). */
export interface MrzChange {
  line: number;
  index: number;
  from: string;
  to: string;
}

export interface MrzCorrection {
  /** The corrected lines, or the normalised input lines when nothing was accepted. */
  lines: string[];
  result: MrzParseResult;
  /** Empty when no correction made every check digit hold. */
  changes: MrzChange[];
}

/**
 * What each position may hold: D digits (dates, check digits), F digits or filler (birth date, check
 * digits that may be `<`), A letters (codes, states, names), N letters/digits/fillers guarded by a
 * check digit (document number, optional data), S sex.
 */
type Kind = 'D' | 'F' | 'A' | 'N' | 'S';

const LAYOUTS: Partial<Record<MrzFormat, readonly string[]>> = {
  TD1: [
    'AAAAA' + 'N'.repeat(9) + 'F' + 'N'.repeat(15),
    'FFFFFFDSDDDDDDDAAA' + 'N'.repeat(11) + 'D',
    'A'.repeat(30),
  ],
  TD2: ['A'.repeat(36), 'N'.repeat(9) + 'F' + 'AAA' + 'FFFFFFDSDDDDDDD' + 'N'.repeat(7) + 'D'],
  TD3: ['A'.repeat(44), 'N'.repeat(9) + 'D' + 'AAA' + 'FFFFFFDSDDDDDDD' + 'N'.repeat(14) + 'FD'],
  MRVA: ['A'.repeat(44), 'N'.repeat(9) + 'D' + 'AAA' + 'FFFFFFDSDDDDDDD' + 'N'.repeat(16)],
  MRVB: ['A'.repeat(36), 'N'.repeat(9) + 'D' + 'AAA' + 'FFFFFFDSDDDDDDD' + 'N'.repeat(8)],
};

const TO_DIGIT: Record<string, string> = { O: '0', I: '1', B: '8', S: '5', Z: '2', G: '6' };
const TO_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '8': 'B', '5': 'S', '2': 'Z', '6': 'G' };
// K/< is not searched in guarded fields: K = 20 ≡ 0 (mod 10), so no check digit can tell them apart.
const SWAP: Record<string, string> = { ...TO_DIGIT, ...TO_LETTER };

/** Names start after the code and state on two-line formats, and fill line 3 of TD1. */
const NAME_FIELD: Partial<Record<MrzFormat, readonly [number, number]>> = {
  TD1: [2, 0],
  TD2: [0, 5],
  TD3: [0, 5],
  MRVA: [0, 5],
  MRVB: [0, 5],
};

/**
 * Tries the usual OCR confusions (O/0, I/1, B/8, S/5, Z/2, G/6, K/<), each only where the field type
 * settles the direction: a letter in a date or check digit becomes its digit, a digit in a state or a
 * name becomes its letter, a `K` after the fillers that end a name becomes `<`. Letters/digits in the
 * document number and optional data can be either, so there single and double swaps are tried and
 * kept only when exactly one candidate makes the check digits hold. Any correction is accepted only when
 * every check digit then holds; otherwise the input is returned unchanged with no changes.
 */
export function correctMrz(input: string | readonly string[], options: MrzParseOptions = {}): MrzCorrection {
  const original = parseMrz(input, options);
  const unchanged: MrzCorrection = { lines: original.lines, result: original, changes: [] };
  const layout = original.format === null ? undefined : LAYOUTS[original.format];
  if (original.valid || layout === undefined) return unchanged;

  const chars = original.lines.map((l) => l.split(''));
  typedRepairs(chars, layout);
  repairNameTail(chars, NAME_FIELD[original.format!]!);
  let best = tryParse(chars, options);
  if (!best) best = searchSwaps(chars, layout, options);
  if (!best) return unchanged;
  const changes: MrzChange[] = [];
  for (let l = 0; l < original.lines.length; l++) {
    const before = original.lines[l]!;
    const after = best.lines[l]!;
    for (let i = 0; i < before.length; i++) {
      if (before[i] !== after[i]) changes.push({ line: l, index: i, from: before[i]!, to: after[i]! });
    }
  }
  return { lines: best.lines, result: best, changes };
}

function typedRepairs(chars: string[][], layout: readonly string[]): void {
  for (let l = 0; l < chars.length; l++) {
    const kinds = layout[l]!;
    const row = chars[l]!;
    for (let i = 0; i < row.length; i++) {
      const kind = kinds[i] as Kind;
      const ch = row[i]!;
      if ((kind === 'D' || kind === 'F') && TO_DIGIT[ch]) row[i] = TO_DIGIT[ch];
      else if (kind === 'F' && ch === 'K') row[i] = '<';
      else if (kind === 'A' && TO_LETTER[ch]) row[i] = TO_LETTER[ch];
    }
  }
}

/** A name ends in fillers; once a filler follows the last letter, a `K` in that tail is a misread `<`. */
function repairNameTail(chars: string[][], [line, start]: readonly [number, number]): void {
  const row = chars[line]!;
  let lastLetter = row.length - 1;
  while (lastLetter >= start && (row[lastLetter] === 'K' || row[lastLetter] === '<')) lastLetter--;
  let i = lastLetter + 1;
  while (i < row.length && row[i] !== '<') i++;
  for (; i < row.length; i++) if (row[i] === 'K') row[i] = '<';
}

/**
 * A swap is only worth trying where the character stands out from a neighbour and the swap makes it
 * match one (`D23I45890`: the I among digits). One check digit alone cannot choose between swaps: in TD1
 * the composite weights the document number exactly like its own check digit does, so about one swap
 * in ten would "verify" by coincidence.
 */
function fitsNeighbours(row: string[], i: number): boolean {
  const now = charClass(row[i]!);
  const next = charClass(SWAP[row[i]!]!);
  const left = i > 0 ? charClass(row[i - 1]!) : 0;
  const right = i + 1 < row.length ? charClass(row[i + 1]!) : 0;
  return (left === next || right === next) && ((left !== 0 && left !== now) || (right !== 0 && right !== now));
}

/** 1 digit, 2 letter, 0 anything else. */
function charClass(ch: string): number {
  if (ch >= '0' && ch <= '9') return 1;
  if (ch >= 'A' && ch <= 'Z') return 2;
  return 0;
}

function allChecksHold(r: MrzParseResult): boolean {
  const c = r.checks;
  return c.documentNumber && c.birthDate && c.expirationDate && c.composite !== false && c.personalNumber !== false;
}

function tryParse(chars: string[][], options: MrzParseOptions): MrzParseResult | null {
  const r = parseMrz(
    chars.map((row) => row.join('')),
    options,
  );
  return allChecksHold(r) ? r : null;
}

/** Single, then double swaps in check-digit-guarded fields; accepted only when the answer is unique. */
function searchSwaps(chars: string[][], layout: readonly string[], options: MrzParseOptions): MrzParseResult | null {
  const spots: [number, number][] = [];
  for (let l = 0; l < chars.length; l++) {
    const row = chars[l]!;
    for (let i = 0; i < row.length; i++) if (layout[l]![i] === 'N' && SWAP[row[i]!] && fitsNeighbours(row, i)) spots.push([l, i]);
  }
  let found: MrzParseResult | null = null;
  let count = 0;
  const flip = (s: [number, number]): void => {
    const row = chars[s[0]]!;
    row[s[1]] = SWAP[row[s[1]]!]!;
  };
  for (const s of spots) {
    flip(s);
    const r = tryParse(chars, options);
    if (r) {
      found = r;
      count++;
    }
    flip(s);
  }
  if (count === 1) return found;
  if (count > 1 || spots.length > 24) return null;
  for (let a = 0; a < spots.length; a++) {
    for (let b = a + 1; b < spots.length; b++) {
      flip(spots[a]!);
      flip(spots[b]!);
      const r = tryParse(chars, options);
      if (r) {
        found = r;
        count++;
      }
      flip(spots[b]!);
      flip(spots[a]!);
      if (count > 1) return null;
    }
  }
  return count === 1 ? found : null;
}
