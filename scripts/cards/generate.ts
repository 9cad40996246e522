/**
 * Renders the labelled synthetic test set for the embedded recognizer with ImageMagick: TD1 cards of
 * fictional identities in many photo conditions, plus images that hold no MRZ. Built during the test
 * run into a cache directory keyed by GENERATOR_VERSION, and reused when present.
 *
 *   node --import tsx scripts/cards/generate.ts [--full] [--out DIR]
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { IDENTITIES, PASSPORT, type Identity } from './identities.js';
import { findOcrbFont, pointSizeForPitch } from '../recognizer-templates.js';

const run = promisify(execFile);

/** Bump when the rendering changes, so stale caches are rebuilt. */
export const GENERATOR_VERSION = 6;

export interface CardImage {
  readonly file: string;
  readonly variant: string;
  readonly identity: string | null;
  /** The exact expected MRZ (3 lines joined by \n), or null when the image must be rejected. */
  readonly mrz: string | null;
  /** True for images a phone would give straight from its sensor (12 MP). */
  readonly large: boolean;
}

const CARD_W = 1000;
const CARD_H = 630;
const PITCH = (CARD_W / 85.6) * 2.54; // 10 characters per inch on an 85.6 mm card
const SANS = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const SANS_BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';
const MONO = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';

/** Deterministic PRNG (mulberry32), so every run renders the same pixels. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function pool<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

function guilloche(r: () => number, w: number, h: number): string[] {
  const args: string[] = ['-fill', 'none', '-strokewidth', '1.2'];
  for (let k = 0; k < 7; k++) {
    const amp = 20 + r() * 40, per = 80 + r() * 160, y0 = 60 + r() * (h - 120), ph = r() * 6;
    const pts: string[] = [];
    for (let x = 0; x <= w; x += 8) pts.push(`${x},${(y0 + amp * Math.sin(x / per + ph)).toFixed(1)}`);
    args.push('-stroke', k % 2 ? '#b9c9d9' : '#cdbfd6', '-draw', `polyline ${pts.join(' ')}`);
  }
  return args;
}

interface CardStyle { font?: string; scale?: number; bold?: boolean; mrz?: boolean }

/** The back of a TD1 card: header, labelled fields, a photo block, a signature, and the MRZ. */
function cardArgs(idn: Identity | null, seed: number, style: CardStyle = {}): string[] {
  const r = rng(seed);
  const a: string[] = ['-size', `${CARD_W}x${CARD_H}`, 'gradient:#eef3ea-#d8e3f1', ...guilloche(r, CARD_W, CARD_H)];
  a.push('-stroke', 'none', '-fill', '#24406b', '-font', SANS_BOLD, '-pointsize', '30', '-annotate', '+40+58', idn?.country ?? 'REPUBLIC OF UTOPIA');
  a.push('-font', SANS, '-pointsize', '18', '-fill', '#55657a', '-annotate', '+40+88', 'IDENTITY CARD / ID-KARTA');
  a.push('-fill', '#a7b2bd', '-draw', 'roundrectangle 40,110 250,370 12,12', '-fill', '#7d8894', '-draw', 'circle 145,200 145,250', '-draw', 'ellipse 145,360 90,80 180,360');
  const labels: [string, string][] = [
    ['SURNAME', idn?.surname ?? 'SPECIMEN'], ['GIVEN NAMES', idn?.given ?? 'SAMPLE'],
    ['DATE OF BIRTH', idn ? `${idn.mrz[1]!.slice(4, 6)}.${idn.mrz[1]!.slice(2, 4)}.${idn.mrz[1]!.slice(0, 2)}` : '01.01.01'],
    ['DOCUMENT NO', idn ? idn.mrz[0]!.slice(5, 14).replace(/</g, '') : '000000000'],
  ];
  labels.forEach(([k, v], i) => {
    a.push('-font', SANS, '-pointsize', '15', '-fill', '#66788c', '-annotate', `+280+${128 + i * 62}`, k);
    a.push('-font', SANS_BOLD, '-pointsize', '24', '-fill', '#1d2733', '-annotate', `+280+${156 + i * 62}`, v);
  });
  a.push('-fill', 'none', '-stroke', '#1d2b4f', '-strokewidth', '2', '-draw', `bezier 700,380 740,${330 + r() * 30} 780,400 830,350 860,${380 + r() * 20} 900,360`, '-stroke', 'none');
  if (idn && style.mrz !== false) {
    const scale = style.scale ?? 1;
    const pt = pointSizeForPitch(PITCH) * scale;
    const kern = PITCH - PITCH * scale; // keep 10 cpi when the glyphs are smaller
    const x0 = (CARD_W - 30 * PITCH) / 2;
    a.push('-font', style.font ?? findOcrbFont(), '-pointsize', pt.toFixed(2), '-kerning', kern.toFixed(2), '-fill', '#111111');
    if (style.bold) a.push('-stroke', '#111111', '-strokewidth', '0.9');
    idn.mrz.forEach((line, i) => a.push('-annotate', `+${x0.toFixed(1)}+${488 + i * 51}`, line));
    a.push('-stroke', 'none', '-kerning', '0');
  } else if (style.mrz === false) {
    a.push('-font', SANS, '-pointsize', '16', '-fill', '#3c4a5c', '-annotate', '+40+470', 'This card carries no machine readable zone.');
  }
  return a;
}

/** A TD3 passport data page (125 x 88 mm at 10 px/mm): photo, fields, and the 2 x 44 MRZ. */
function passportArgs(): string[] {
  const W = 1250, H = 880, pitch = 25.4;
  const r = rng(77);
  const a: string[] = ['-size', `${W}x${H}`, 'gradient:#f1ece0-#dfe8ef', ...guilloche(r, W, H)];
  a.push('-stroke', 'none', '-fill', '#5a2a2a', '-font', SANS_BOLD, '-pointsize', '30', '-annotate', '+60+70', 'UTOPIA  PASSPORT / PASSEPORT');
  a.push('-fill', '#a7b2bd', '-draw', 'roundrectangle 60,120 330,470 10,10');
  [['SURNAME', PASSPORT.surname], ['GIVEN NAMES', PASSPORT.given], ['PASSPORT NO', 'L898902C3'], ['DATE OF BIRTH', '12 AUG 1974']].forEach(([k, v], i) => {
    a.push('-font', SANS, '-pointsize', '17', '-fill', '#66788c', '-annotate', `+380+${140 + i * 70}`, k!);
    a.push('-font', SANS_BOLD, '-pointsize', '26', '-fill', '#1d2733', '-annotate', `+380+${170 + i * 70}`, v!);
  });
  const x0 = (W - 44 * pitch) / 2;
  a.push('-font', findOcrbFont(), '-pointsize', pointSizeForPitch(pitch).toFixed(2), '-fill', '#111111');
  PASSPORT.mrz.forEach((line, i) => a.push('-annotate', `+${x0.toFixed(1)}+${790 + i * 44}`, line));
  return a;
}

function receipt(r: () => number, lines: number): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789     ';
  return Array.from({ length: lines }, () => Array.from({ length: 26 }, () => abc[Math.floor(r() * abc.length)]).join('')).join('\n');
}

/** Card corners placed into a W x H photo: rotated about its centre, with a keystone tilt. */
function placement(cw: number, ch: number, cx: number, cy: number, deg: number, keystone: number): string {
  const t = (deg * Math.PI) / 180, c = Math.cos(t), s = Math.sin(t);
  const src = [[0, 0], [cw, 0], [cw, ch], [0, ch]] as const;
  return src.map(([x, y], i) => {
    const k = i < 2 ? 1 - keystone : 1 + keystone; // top edge narrower: camera tilted
    const dx = (x - cw / 2) * k, dy = y - ch / 2;
    return `${x},${y} ${(cx + dx * c - dy * s).toFixed(1)},${(cy + dx * s + dy * c).toFixed(1)}`;
  }).join('  ');
}

function phoneArgs(cardPng: string, seed: number, cardWidth: number, deg: number): string[] {
  const r = rng(seed);
  const W = 4000, H = 3000;
  const a: string[] = ['-size', `${W}x${H}`, 'gradient:#8a7358-#4a3b2c', '-seed', String(seed)];
  for (let i = 0; i < 40; i++) {
    const x = r() * W, y = r() * H, w = 80 + r() * 500, h = 80 + r() * 400;
    const col = `rgb(${Math.floor(r() * 255)},${Math.floor(r() * 255)},${Math.floor(r() * 255)})`;
    a.push('-fill', col, '-draw', r() < 0.5 ? `rectangle ${x},${y} ${x + w},${y + h}` : `circle ${x},${y} ${x + w / 3},${y}`);
  }
  // A receipt in a monospace font: fixed-pitch text that is not an MRZ.
  a.push('-fill', '#f4f1ea', '-draw', 'rectangle 2900,300 3800,2700', '-font', MONO, '-pointsize', '44', '-fill', '#333333', '-annotate', '+2930+380', receipt(r, 40));
  const ch = Math.round((cardWidth * CARD_H) / CARD_W);
  const cx = 400 + cardWidth / 2 + r() * (2400 - cardWidth), cy = 300 + ch / 2 + r() * (2300 - ch);
  a.push('(', cardPng, '-resize', `${cardWidth}x`, '-alpha', 'set', '-virtual-pixel', 'transparent',
    '-define', `distort:viewport=${W}x${H}+0+0`, '-distort', 'Perspective', placement(cardWidth, ch, cx, cy, deg, 0.05), ')',
    '-composite');
  a.push('(', '-size', `${W}x${H}`, 'radial-gradient:#ffffff-#8c8c8c', ')', '-compose', 'multiply', '-composite', '-compose', 'over');
  a.push('-attenuate', '0.5', '+noise', 'Gaussian', '-gaussian-blur', '0x1.1', '-quality', '85');
  return a;
}

interface Job { name: string; variant: string; identity: Identity | null; large: boolean; args: (base: (id: string) => string) => string[] }

function cardJobs(full: boolean): Job[] {
  const ids = IDENTITIES;
  const pick = (i: number): Identity => ids[i % ids.length]!;
  const jobs: Job[] = [];
  const add = (variant: string, idn: Identity, args: (src: string) => string[], ext = 'jpg', large = false, base = 'card'): void => {
    jobs.push({ name: `${variant}-${idn.id}.${ext}`, variant, identity: idn, large, args: (b) => args(b(`${base}-${idn.id}`)) });
  };
  const variants: [string, (src: string) => string[], string?][] = [
    ['clean', (s) => [s], 'png'],
    ['rotated', (s) => [s, '-background', '#c8c8c8', '-rotate', '-4.5', '-quality', '90']],
    ['blurred', (s) => [s, '-gaussian-blur', '0x1.8', '-quality', '90']],
    ['jpeg30', (s) => [s, '-quality', '30']],
    ['small640', (s) => [s, '-resize', '640x', '-quality', '90']],
    ['perspective', (s) => [s, '-background', '#707070', '-virtual-pixel', 'background', '-distort', 'Perspective', '0,0 60,30  1000,0 940,0  1000,630 1000,630  0,630 0,600', '-quality', '90']],
    ['lowcontrast', (s) => [s, '+level', '38%,72%', '-quality', '90']],
    ['noisy', (s) => [s, '-seed', '7', '-attenuate', '1.6', '+noise', 'Gaussian', '-quality', '60']],
    ['upsidedown', (s) => [s, '-background', '#c8c8c8', '-rotate', '178', '-quality', '90']],
  ];
  const nIds = full ? ids.length : 1;
  variants.forEach(([v, f, ext], vi) => {
    for (let k = 0; k < nIds; k++) add(v, pick(vi + k), f, ext ?? 'jpg');
  });
  // A different OCR-B cut than the templates: the Sharp cut, smaller and bolder.
  for (let k = 0; k < (full ? ids.length : 2); k++) {
    add('altfont', pick(k + 3), (s) => [s, '-quality', '92'], 'jpg', false, 'alt');
    if (full || k === 0) add('altfont-combo', pick(k + 4), (s) => [s, '-background', '#b0b0b0', '-rotate', '3.5', '-gaussian-blur', '0x1.2', '+level', '30%,75%', '-resize', '800x', '-quality', '45'], 'jpg', false, 'alt');
  }
  // Phone photos: 12 MP with clutter, and the same downscaled to the 1600 px the element uploads.
  const phones = full ? [0, 1, 2, 3] : [0];
  for (const k of phones) {
    const idn = pick(k + 1);
    const deg = [7, -6, 4, -8][k]!;
    jobs.push({ name: `phone-${idn.id}.jpg`, variant: 'phone', identity: idn, large: true, args: (b) => phoneArgs(b(`card-${idn.id}`), 100 + k, 1850, deg) });
    jobs.push({ name: `upload1600-${idn.id}.jpg`, variant: 'upload1600', identity: idn, large: false, args: (b) => [...phoneArgs(b(`card-${idn.id}`), 100 + k, 1850, deg).slice(0, -2), '-resize', '1600x1600', '-quality', '85'] });
  }
  const smalls = full ? [0, 1] : [0];
  for (const k of smalls) {
    const idn = pick(k + 2);
    jobs.push({ name: `phonesmall-${idn.id}.jpg`, variant: 'phonesmall', identity: idn, large: true, args: (b) => phoneArgs(b(`card-${idn.id}`), 200 + k, 1150, k ? -5 : 5) });
    jobs.push({ name: `upload1600small-${idn.id}.jpg`, variant: 'upload1600small', identity: idn, large: false, args: (b) => [...phoneArgs(b(`card-${idn.id}`), 200 + k, 1150, k ? -5 : 5).slice(0, -2), '-resize', '1600x1600', '-quality', '85'] });
  }
  // The same card as a WebP upload (decoded by the pure-TypeScript decoder in src/server/local/webp/).
  {
    const idn = pick(0);
    jobs.push({ name: `webp-${idn.id}.webp`, variant: 'webp', identity: idn, large: false, args: (b) => [b(`card-${idn.id}`), '-quality', '80'] });
  }
  // TD3: a passport data page, clean and as a tilted photo.
  {
    const idn: Identity = { id: PASSPORT.id, surname: PASSPORT.surname, given: PASSPORT.given, country: 'UTOPIA', mrz: PASSPORT.mrz };
    jobs.push({ name: 'td3-clean.png', variant: 'td3-clean', identity: idn, large: false, args: () => passportArgs() });
    jobs.push({ name: 'td3-rotated.jpg', variant: 'td3-rotated', identity: idn, large: false, args: () => [...passportArgs(), '-background', '#9a9a9a', '-rotate', '-3', '-distort', 'Perspective', '0,0 30,20  1290,0 1260,0  1290,950 1290,950  0,950 0,930', '-resize', '1100x', '-quality', '80'] });
  }
  // Upside-down upload: a phone photo taken the wrong way round.
  {
    const idn = pick(5);
    jobs.push({ name: `upload1600upside-${idn.id}.jpg`, variant: 'upload1600upside', identity: idn, large: false, args: (b) => [...phoneArgs(b(`card-${idn.id}`), 300, 1700, 183).slice(0, -2), '-resize', '1600x1600', '-quality', '85'] });
  }
  return jobs;
}

function negativeJobs(): Job[] {
  const r = rng(99);
  const para = Array.from({ length: 18 }, (_, i) => `Line ${i + 1}: the quick brown fox jumps over the lazy dog 0123456789.`).join('\n');
  const lookalike = Array.from({ length: 3 }, () => Array.from({ length: 30 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<<<<'[Math.floor(r() * 44)]).join('')).join('\n');
  const ocrbText = ['IDUTOTHISISNOT1AN0MRZ<<<AT<ALL', '0102034X9988776UTO<<<<<<<<<<<1', 'JUST<<SOME<TEXT<<<<<<<<<<<<<<<'].join('\n');
  const bars: string[] = [];
  for (let x = 60; x < 940; ) { const w = 2 + Math.floor(r() * 8); bars.push('-draw', `rectangle ${x},150 ${x + w - 1},480`); x += w + 2 + Math.floor(r() * 8); }
  // A real-looking card whose printed birth-date check digit is wrong: never a clean read.
  const good = IDENTITIES[0]!;
  const l2 = good.mrz[1]!;
  const badDigit = String((Number(l2[6]) + 3) % 10);
  const bad: Identity = { ...good, id: 'bad-check', mrz: [good.mrz[0]!, l2.slice(0, 6) + badDigit + l2.slice(7), good.mrz[2]!] };
  return [
    { name: 'neg-bad-check.png', variant: 'neg-bad-check', identity: null, large: false, args: () => cardArgs(bad, 11) },
    { name: 'neg-text.png', variant: 'neg-text', identity: null, large: false, args: () => ['-size', '1000x700', 'xc:white', '-font', SANS, '-pointsize', '22', '-fill', 'black', '-annotate', '+30+40', para] },
    { name: 'neg-barcode.png', variant: 'neg-barcode', identity: null, large: false, args: () => ['-size', '1000x630', 'xc:white', '-fill', 'black', ...bars] },
    { name: 'neg-blank-card.jpg', variant: 'neg-blank-card', identity: null, large: false, args: () => [...cardArgs(null, 5, { mrz: false }), '-quality', '90'] },
    { name: 'neg-mono-lookalike.png', variant: 'neg-mono-lookalike', identity: null, large: false, args: () => ['-size', '1000x400', 'xc:white', '-font', MONO, '-pointsize', '48', '-fill', 'black', '-interline-spacing', '14', '-annotate', '+40+100', lookalike] },
    { name: 'neg-ocrb-not-mrz.png', variant: 'neg-ocrb-not-mrz', identity: null, large: false, args: () => ['-size', '1000x400', 'xc:white', '-font', findOcrbFont(), '-pointsize', pointSizeForPitch(PITCH).toFixed(2), '-fill', 'black', '-interline-spacing', String(51 - 49), '-annotate', '+55+120', ocrbText] },
  ];
}

/** Builds (or reuses) the set in `root`/v<GENERATOR_VERSION>-<default|full> and returns its manifest. */
export async function buildCardSet(options: { full?: boolean; root?: string; log?: (s: string) => void } = {}): Promise<{ dir: string; images: CardImage[] }> {
  const full = options.full ?? false;
  const root = options.root ?? fileURLToPath(new URL('../../.cache/cards', import.meta.url));
  const dir = join(root, `v${GENERATOR_VERSION}-${full ? 'full' : 'default'}`);
  const manifestPath = join(dir, 'manifest.json');
  if (existsSync(manifestPath)) return { dir, images: JSON.parse(readFileSync(manifestPath, 'utf8')) as CardImage[] };
  // Sets rendered by older generator versions are stale: drop them.
  if (existsSync(root)) for (const old of readdirSync(root)) if (/^v\d+-/.test(old) && !old.startsWith(`v${GENERATOR_VERSION}-`)) rmSync(join(root, old), { recursive: true, force: true });
  // Several test files may ask for the set at once (node --test runs files in parallel): each renders
  // into its own folder and the first to finish renames it into place, atomically.
  const work = `${dir}.tmp-${process.pid}`;
  // Only a set rendered in place by an older generator can lack its manifest.
  if (existsSync(dir) && !existsSync(manifestPath)) rmSync(dir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const t0 = Date.now();
  const baseName = (id: string): string => join(work, `_${id}.png`);
  // Base cards first (template-font and alternative-cut), then the variants derived from them.
  const jobs = [...cardJobs(full), ...negativeJobs()];
  const needed = new Set<string>();
  for (const j of jobs) j.args((id) => { needed.add(id); return ''; });
  const bases: { id: string; args: string[] }[] = [];
  IDENTITIES.forEach((idn, i) => {
    if (needed.has(`card-${idn.id}`)) bases.push({ id: `card-${idn.id}`, args: cardArgs(idn, i + 1) });
    if (needed.has(`alt-${idn.id}`)) bases.push({ id: `alt-${idn.id}`, args: cardArgs(idn, i + 1, { font: findOcrbFont('OCRBS.otf'), scale: 0.92, bold: true }) });
  });
  await pool(bases, 2, async (b) => { await run('convert', [...b.args, baseName(b.id)]); });
  await pool(jobs, 2, async (j) => { await run('convert', [...j.args(baseName), join(work, j.name)], { maxBuffer: 1 << 20 }); });
  for (const b of bases) rmSync(baseName(b.id), { force: true });
  const images: CardImage[] = jobs.map((j) => ({ file: j.name, variant: j.variant, identity: j.identity?.id ?? null, mrz: j.identity ? j.identity.mrz.join('\n') : null, large: j.large }));
  writeFileSync(join(work, 'manifest.json'), JSON.stringify(images, null, 1));
  try {
    renameSync(work, dir);
  } catch {
    // Another process got there first: its set is the same pixels.
  }
  rmSync(work, { recursive: true, force: true });
  if (!existsSync(manifestPath)) throw new Error(`card set missing after generation: ${manifestPath}`);
  options.log?.(`generated ${images.length} images in ${dir} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { dir, images };
}

/**
 * The demo's "try a sample card": the fictional OBRAZETS AIGUL (KGZ) card photographed on a desk,
 * at the ≤ 1600 px the element uploads.
 */
export async function renderSampleCard(out: string): Promise<void> {
  const idn = IDENTITIES.find((i) => i.id === 'kgz-aigul')!;
  const base = `${out}.card.png`;
  await run('convert', [...cardArgs(idn, 1), base]);
  await run('convert', [...phoneArgs(base, 42, 2300, -4).slice(0, -2), '-resize', '1600x1600', '-quality', '85', '-strip', out]);
  rmSync(base, { force: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.includes('--sample')) {
  const target = process.argv[process.argv.indexOf('--sample') + 1] ?? 'demo/sample-card.jpg';
  renderSampleCard(target).then(() => console.log(`wrote ${target}`));
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const full = process.argv.includes('--full');
  const out = process.argv.indexOf('--out');
  const root = out > 0 ? process.argv[out + 1] : undefined;
  buildCardSet({ full, ...(root ? { root } : {}), log: console.log }).then(({ dir, images }) => console.log(`${images.length} images in ${dir}`));
}
