/**
 * The embedded reader's entry point: grayscale pixels in, MRZ read out. Pure computation on a plain
 * buffer (no DOM, no Node APIs), deterministic, and bounded by a cooperative deadline.
 */
import { CANON, firstPass, refine } from './classify.js';
import { decodeMrz, type MrzRead } from './decode-mrz.js';
import { NO_BUDGET, type Budget } from './errors.js';
import { mul, type Homography } from './homography.js';
import { mean3, pyramid, rotate90, type Gray } from './image.js';
import { locate, TD1, TD3, type GridCandidate, type MrzFormat } from './locate.js';

export interface ReadOptions {
  readonly budget?: Budget;
  readonly formats?: readonly MrzFormat[];
}

export interface ReadResult {
  /** The best read, or null when no MRZ-like grid was found at all. */
  readonly read: MrzRead | null;
  /** How many grid hypotheses were classified. */
  readonly attempts: number;
  /** Whether a complete fixed-pitch text grid was located (whatever it said). */
  readonly gridFound: boolean;
}

/** Mean best NCC at scale 1 below which a grid is not worth refining. */
const MIN_FIRST_PASS = 0.72;
/** A grid this well matched is OCR-B text: other pyramid levels will not read it differently. */
const WELL_MATCHED = 0.85;
/** Full classifications per image, at most. */
const MAX_REFINES = 4;
/** Long side of the first level searched for the MRZ; finer levels are tried when it finds none. */
const COARSE_LONG_SIDE = 1000;

const RANK = { clean: 2, corrected: 1, failed: 0 } as const;

function better(a: MrzRead, b: MrzRead | null): boolean {
  if (!b) return true;
  if (RANK[a.verdict] !== RANK[b.verdict]) return RANK[a.verdict] > RANK[b.verdict];
  const va = a.checks.filter((c) => c.validAsRead).length, vb = b.checks.filter((c) => c.validAsRead).length;
  if (va !== vb) return va > vb;
  return a.confidence > b.confidence;
}

/** Maps the located grid (in work-level pixels) onto the sampling level, optionally rotated 180°. */
function samplerFor(levels: Gray[], work: Gray, g: GridCandidate, flipped: boolean): { img: Gray; h: Homography } {
  // The finest level that still has at least CANON pixels per pitch keeps sampling anti-aliased.
  let img = levels[0]!;
  for (const l of levels) {
    if ((g.pitch * l.width) / work.width >= CANON) img = l;
  }
  const k = img.width / work.width;
  const scale = new Float64Array([k, 0, 0.5 * k - 0.5, 0, k, 0.5 * k - 0.5, 0, 0, 1]);
  let h = mul(scale, g.h);
  if (flipped) {
    const f = new Float64Array([-1, 0, g.format.cols, 0, -1, (g.format.rows - 1) * g.lineSpacing, 0, 0, 1]);
    h = mul(h, f);
  }
  return { img, h };
}

export function readMrz(gray: Gray, options: ReadOptions = {}): ReadResult {
  const first = readUpright(gray, options);
  if ((first.read && first.read.verdict !== 'failed') || first.gridFound) return first;
  // No grid at all: perhaps the card lies sideways (the 180° turn is covered by the flip below).
  options.budget?.check();
  const turned = readUpright(rotate90(gray), options);
  const best = turned.read && (!first.read || better(turned.read, first.read)) ? turned.read : first.read;
  return { read: best, attempts: first.attempts + turned.attempts, gridFound: turned.gridFound };
}

function readUpright(gray: Gray, options: ReadOptions): ReadResult {
  const budget = options.budget ?? NO_BUDGET;
  const formats = options.formats ?? [TD1, TD3];
  const levels = pyramid(gray, 300);
  const long = (g: Gray): number => Math.max(g.width, g.height);
  // Work at ≤ 1000 px first (fast), then at the next finer level (a small card in a big photo),
  // then on a smoothed copy (sensor noise breaks glyphs into specks).
  const coarse = levels.find((l) => long(l) <= COARSE_LONG_SIDE) ?? levels[levels.length - 1]!;
  const attemptsList: (() => Gray)[] = [() => coarse];
  const finer = levels[levels.indexOf(coarse) - 1];
  if (finer) attemptsList.push(() => finer);
  attemptsList.push(() => mean3(coarse));
  let best = null as MrzRead | null;
  let attempts = 0, refined = 0;
  let wellMatched = false, gridFound = false;
  for (const makeWork of attemptsList) {
    budget.check();
    const work = makeWork();
    const candidates = locate(work, budget, { formats });
    for (const g of candidates.slice(0, 3)) {
      const centres: [number, number][] = [];
      for (let r = 0; r < g.format.rows; r++) for (let c = 0; c < g.format.cols; c++) centres.push([c + 0.5, r * g.lineSpacing]);
      // A quick look in both orientations decides which way up the card is (upside-down photos).
      const views = [false, true].map((flipped) => {
        const s = samplerFor(levels, work, g, flipped);
        return { s, fp: firstPass(s, centres, budget) };
      }).sort((a, b) => b.fp.mean - a.fp.mean);
      for (const { s, fp } of views) {
        // Glyphs that match no OCR-B template well are not an MRZ (other fonts score ≈ 0.55–0.65,
        // OCR-B cards ≥ 0.9), and the wrong way up scores far below the right way.
        if (fp.mean < MIN_FIRST_PASS || fp.mean < views[0]!.fp.mean - 0.1) continue;
        if (refined >= MAX_REFINES) break;
        wellMatched ||= fp.mean >= WELL_MATCHED;
        budget.check();
        const cls = refine(s, fp, budget);
        const read = decodeMrz(g.format, cls.scores);
        attempts++;
        refined++;
        if (read.verdict === 'clean') return { read, attempts, gridFound: true };
        if (better(read, best)) best = read;
      }
    }
    // A complete fixed-pitch grid was located here (OCR-B or not) but is no MRZ: another scale or a
    // smoothed copy would find the same grid again.
    gridFound ||= candidates.some((g) => g.fill >= 0.9);
    if (wellMatched || gridFound) break;
    if (best && best.verdict !== 'failed') break;
  }
  return { read: best, attempts, gridFound };
}
