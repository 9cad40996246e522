/**
 * From per-cell glyph scores to MRZ text: field-type constraints (digits in dates and check digits,
 * letters in names and state codes, M/F/< for sex), the check digits as read, and a small
 * check-digit-guided correction that is always reported as such, never silently applied.
 */
import { checkDigit } from '../../mrz/check-digit.js';
import type { MrzFormat } from './locate.js';
import * as T from './templates.js';

const ALPHABET = T.ALPHABET, N_CLASSES = T.N_CLASSES;

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ<';
const ALNUM = DIGITS + LETTERS;

/** Allowed characters per position, line by line (9303-5 §4.2.2 for TD1, 9303-4 §4.2.2 for TD3). */
function charsets(format: MrzFormat): string[][] {
  const rep = (s: string, n: number): string[] => Array.from({ length: n }, () => s);
  if (format.name === 'TD1') {
    return [
      ['ACI', LETTERS, ...rep(LETTERS, 3), ...rep(ALNUM, 9), DIGITS + '<', ...rep(ALNUM, 15)],
      [...rep(DIGITS + '<', 6), DIGITS, 'MF<', ...rep(DIGITS, 6), DIGITS, ...rep(LETTERS, 3), ...rep(ALNUM, 11), DIGITS],
      rep(LETTERS, 30),
    ];
  }
  return [
    ['P', LETTERS, ...rep(LETTERS, 3), ...rep(LETTERS, 39)],
    [...rep(ALNUM, 9), DIGITS, ...rep(LETTERS, 3), ...rep(DIGITS + '<', 6), DIGITS, 'MF<', ...rep(DIGITS, 6), DIGITS, ...rep(ALNUM, 14), DIGITS + '<', DIGITS],
  ];
}

/** A check: the cells it covers (as [line, index]) and the cell holding its digit. */
interface Check {
  readonly name: string;
  readonly cells: readonly (readonly [number, number])[];
  readonly digit: readonly [number, number];
  /** A '<' in the digit cell is valid when every covered cell is '<' (TD3 personal number). */
  readonly fillerOk?: boolean;
}

function range(line: number, from: number, to: number): [number, number][] {
  return Array.from({ length: to - from }, (_, i) => [line, from + i] as [number, number]);
}

function checksFor(format: MrzFormat, lines: string[]): Check[] {
  if (format.name === 'TD1') {
    const l1 = lines[0]!;
    let doc: Check = { name: 'document_number', cells: range(0, 5, 14), digit: [0, 14] };
    // Long document number (9303-5 note j): '<' at 15, continuation + check digit in optional data.
    if (l1[14] === '<' && l1[15] !== '<') {
      const seg = l1.slice(15).split('<')[0]!;
      if (seg.length >= 2) doc = { name: 'document_number', cells: [...range(0, 5, 14), ...range(0, 15, 15 + seg.length - 1)], digit: [0, 15 + seg.length - 1] };
    }
    return [
      doc,
      { name: 'birth_date', cells: range(1, 0, 6), digit: [1, 6] },
      { name: 'expiry_date', cells: range(1, 8, 14), digit: [1, 14] },
      { name: 'composite', cells: [...range(0, 5, 30), ...range(1, 0, 7), ...range(1, 8, 15), ...range(1, 18, 29)], digit: [1, 29] },
    ];
  }
  return [
    { name: 'document_number', cells: range(1, 0, 9), digit: [1, 9] },
    { name: 'birth_date', cells: range(1, 13, 19), digit: [1, 19] },
    { name: 'expiry_date', cells: range(1, 21, 27), digit: [1, 27] },
    { name: 'personal_number', cells: range(1, 28, 42), digit: [1, 42], fillerOk: true },
    { name: 'composite', cells: [...range(1, 0, 10), ...range(1, 13, 20), ...range(1, 21, 43)], digit: [1, 43] },
  ];
}

function holds(check: Check, lines: string[]): boolean {
  const text = check.cells.map(([l, i]) => lines[l]![i]!).join('');
  const d = lines[check.digit[0]]![check.digit[1]]!;
  if (check.fillerOk && d === '<' && /^<*$/.test(text)) return true;
  const v = checkDigit(text);
  return v >= 0 && String(v) === d;
}

export interface Correction {
  /** 1-based line and 0-based index, as the element shows them. */
  readonly line: number;
  readonly index: number;
  readonly from: string;
  readonly to: string;
}

export interface MrzRead {
  readonly format: MrzFormat;
  /** The text as read (field types applied, no check-digit corrections). */
  readonly asRead: string[];
  /** The text after corrections (equal to asRead when none were needed). */
  readonly lines: string[];
  readonly checks: { name: string; validAsRead: boolean; valid: boolean }[];
  readonly corrections: Correction[];
  /** Mean NCC of the chosen glyphs, 0..1. */
  readonly confidence: number;
  /** Lowest NCC of any chosen glyph. */
  readonly weakest: number;
  readonly verdict: 'clean' | 'corrected' | 'failed';
}

/** A type constraint that overrides a clearly different raw reading is a correction, not a read. */
const FORCED_MARGIN = 0.12;
/** Alternatives considered per cell by the check-digit search, and their worst allowed loss. */
const MAX_LOSS = 0.3;
const MIN_CONFIDENCE = 0.55;
const MIN_WEAKEST = 0.2;

function plausibleDate(s: string, allowUnknown: boolean): boolean {
  if (allowUnknown && /^[0-9<]{6}$/.test(s)) {
    const mm = s.slice(2, 4), dd = s.slice(4, 6);
    return (mm === '<<' || (+mm >= 1 && +mm <= 12)) && (dd === '<<' || (+dd >= 1 && +dd <= 31));
  }
  if (!/^\d{6}$/.test(s)) return false;
  const mm = +s.slice(2, 4), dd = +s.slice(4, 6);
  return mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31;
}

function structurallySound(format: MrzFormat, lines: string[]): boolean {
  if (format.name === 'TD1') {
    const [l1, l2, l3] = lines as [string, string, string];
    if (!/^[ACI][A-Z<][A-Z<]{3}$/.test(l1.slice(0, 5)) || /^AI|^.V/.test(l1)) return false;
    if (!/^[A-Z<]{3}$/.test(l2.slice(15, 18)) || l2.slice(15, 18) === '<<<') return false;
    if (!/^[A-Z]/.test(l3)) return false;
    return plausibleDate(l2.slice(0, 6), true) && plausibleDate(l2.slice(8, 14), false);
  }
  const [l1, l2] = lines as [string, string];
  if (!/^P[A-Z<][A-Z<]{3}[A-Z]/.test(l1)) return false;
  return plausibleDate(l2.slice(13, 19), true) && plausibleDate(l2.slice(21, 27), false);
}

export function decodeMrz(format: MrzFormat, scores: Float32Array): MrzRead {
  const sets = charsets(format);
  const score = (l: number, i: number, ch: string): number => scores[(l * format.cols + i) * N_CLASSES + ALPHABET.indexOf(ch)]!;
  const lines: string[] = [];
  const forced: Correction[] = [];
  let sum = 0, weakest = 1;
  for (let l = 0; l < format.rows; l++) {
    let text = '';
    for (let i = 0; i < format.cols; i++) {
      let best = '', bs = -2, raw = '', rs = -2;
      for (const ch of ALPHABET) {
        const v = score(l, i, ch);
        if (v > rs) { rs = v; raw = ch; }
        if (sets[l]![i]!.includes(ch) && v > bs) { bs = v; best = ch; }
      }
      if (raw !== best && rs - bs > FORCED_MARGIN) forced.push({ line: l + 1, index: i, from: raw, to: best });
      text += best;
      sum += bs;
      weakest = Math.min(weakest, bs);
    }
    lines.push(text);
  }
  const confidence = sum / (format.rows * format.cols);
  const checks = checksFor(format, lines);
  const asReadValid = checks.map((c) => holds(c, lines));
  const fixed = lines.map((s) => s.split(''));
  const corrections: Correction[] = [];
  const locked = new Set<string>();
  const key = (l: number, i: number): string => `${l}:${i}`;
  checks.forEach((c, k) => {
    const cells = [...c.cells, c.digit];
    if (holds(c, fixed.map((a) => a.join('')))) { cells.forEach(([l, i]) => locked.add(key(l, i))); return; }
    // Alternatives per unlocked cell, cheapest first.
    const alts: { l: number; i: number; ch: string; loss: number }[][] = [];
    for (const [l, i] of cells) {
      if (locked.has(key(l, i))) continue;
      const cur = score(l, i, fixed[l]![i]!);
      const list = sets[l]![i]!.split('').filter((ch) => ch !== fixed[l]![i]).map((ch) => ({ l, i, ch, loss: cur - score(l, i, ch) }))
        .filter((a) => a.loss < MAX_LOSS).sort((a, b) => a.loss - b.loss).slice(0, 4);
      if (list.length) alts.push(list);
    }
    const attempt = (subs: { l: number; i: number; ch: string }[]): boolean => {
      const saved = subs.map((s) => fixed[s.l]![s.i]!);
      subs.forEach((s) => { fixed[s.l]![s.i] = s.ch; });
      const ok = holds(checksFor(format, fixed.map((a) => a.join('')))[k]!, fixed.map((a) => a.join('')));
      subs.forEach((s, j) => { fixed[s.l]![s.i] = saved[j]!; });
      return ok;
    };
    let bestSubs: { l: number; i: number; ch: string; loss: number }[] | null = null, bestLoss = Infinity;
    for (const list of alts) for (const a of list) if (a.loss < bestLoss && attempt([a])) { bestLoss = a.loss; bestSubs = [a]; }
    if (!bestSubs) {
      for (let x = 0; x < alts.length; x++) for (let y = x + 1; y < alts.length; y++) {
        for (const a of alts[x]!) for (const b of alts[y]!) {
          if (a.loss + b.loss < bestLoss && attempt([a, b])) { bestLoss = a.loss + b.loss; bestSubs = [a, b]; }
        }
      }
    }
    if (bestSubs) {
      for (const s of bestSubs) {
        corrections.push({ line: s.l + 1, index: s.i, from: fixed[s.l]![s.i]!, to: s.ch });
        fixed[s.l]![s.i] = s.ch;
      }
      cells.forEach(([l, i]) => locked.add(key(l, i)));
    }
  });
  const out = fixed.map((a) => a.join(''));
  const finalChecks = checksFor(format, out);
  const validAfter = finalChecks.map((c) => holds(c, out));
  const allCorrections = [...forced, ...corrections];
  const sound = structurallySound(format, out) && confidence >= MIN_CONFIDENCE && weakest >= MIN_WEAKEST;
  let verdict: MrzRead['verdict'] = 'failed';
  if (sound && asReadValid.every(Boolean) && allCorrections.length === 0) verdict = 'clean';
  else if (sound && validAfter.every(Boolean) && allCorrections.length <= 2 && asReadValid.filter(Boolean).length >= Math.ceil(checks.length / 2)) verdict = 'corrected';
  return {
    format,
    asRead: lines,
    lines: out,
    checks: checks.map((c, i) => ({ name: c.name, validAsRead: asReadValid[i]!, valid: validAfter[i]! })),
    corrections: allCorrections,
    confidence,
    weakest,
    verdict,
  };
}
