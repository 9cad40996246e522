/**
 * Renders the fake-camera videos for the camera tests and bench: a synthetic ID-1 card (fictional holder,
 * valid TD1 MRZ in OCR-B) held inside the preview guide of a 1280×720 frame, as a sharp and a blurred
 * .y4m (yuv420p — MJPEG from PNG comes out all green, TOOLCHAIN-NOTES P14). Chromium loops the single
 * frame (`--use-file-for-fake-video-capture=<absolute path>`).
 *
 *   node --import tsx scripts/camera-fixtures.js [--force]
 *
 * Needs ImageMagick, ffmpeg and the OCR-B font (`apt-get install -y imagemagick ffmpeg fonts-ocr-b`).
 * Output goes to .cache/camera/v<VERSION>/ (gitignored); web-test-runner.config.js runs this when missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDigit } from '../src/mrz/check-digit.js';
import { ID1_WIDTH_MM, guideRect } from '../src/capture/camera-guide.js';
import { CAMERA_FIXTURES, FRAME_WIDTH, FRAME_HEIGHT } from './camera-fixture-paths.js';

const OCRB = '/usr/share/fonts/opentype/ocr-b/OCRB.otf';
const SANS = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const SANS_BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

const pad = (s, n) => s + '<'.repeat(n - s.length);
const cd = (s) => {
  const d = checkDigit(s);
  if (d < 0) throw new Error(`not MRZ characters: ${s}`);
  return String(d);
};

/** A fictional holder; every check digit computed, so a reader can verify the whole zone. */
export function cardMrz() {
  const number = 'ID1234567';
  const l1 = `IDKGZ${number}${cd(number)}${pad('', 15)}`;
  const birth = '900515';
  const expiry = '310515';
  const l2a = `${birth}${cd(birth)}F${expiry}${cd(expiry)}KGZ${pad('', 11)}`;
  const composite = cd(l1.slice(5, 30) + l2a.slice(0, 7) + l2a.slice(8, 15) + l2a.slice(18, 29));
  const l2 = l2a + composite;
  const l3 = pad('TESTOVA<<AIGUL', 30);
  for (const l of [l1, l2, l3]) if (l.length !== 30) throw new Error(`TD1 line of ${l.length}: ${l}`);
  return [l1, l2, l3];
}

function need(cmd, args, hint) {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
  } catch {
    throw new Error(`${cmd} is missing: ${hint}`);
  }
}

/** Labelled fields of the visual zone: label position on the card in mm, label, value. */
const VISUAL_FIELDS = [
  [28, 17, 'SURNAME', 'TESTOVA'],
  [28, 24, 'GIVEN NAME', 'AIGUL'],
  [58, 17, 'DOCUMENT NO', 'ID1234567'],
  [58, 24, 'DATE OF EXPIRY', '15.05.2031'],
];

function renderPng(file, mrz) {
  const g = guideRect(FRAME_WIDTH, FRAME_HEIGHT);
  const x = Math.round(g.x);
  const y = Math.round(g.y);
  const w = Math.round(g.width);
  const h = Math.round(g.height);
  const mm = w / ID1_WIDTH_MM;
  const pitch = 2.54 * mm; // OCR-B size 1: 10 characters per inch
  const mrzLeft = x + (w - 30 * pitch) / 2;
  const baseline = (i) => y + h - 5 * mm - (2 - i) * 4.6 * mm;
  const at = (dx, dy) => `+${(x + dx).toFixed(1)}+${(y + dy).toFixed(1)}`;
  const args = [
    '-size',
    `${FRAME_WIDTH}x${FRAME_HEIGHT}`,
    'gradient:#7a6a58-#3b3229',
    // A table surface with some texture, so the frame is not a flat colour the analysis would never meet.
    '-seed',
    '7',
    '-attenuate',
    '0.25',
    '+noise',
    'Gaussian',
    // The card: a soft shadow, then the body.
    '-fill',
    '#00000055',
    '-draw',
    `roundrectangle ${x + 6},${y + 8} ${x + w + 6},${y + h + 8} ${3 * mm},${3 * mm}`,
    '-fill',
    '#eef2f5',
    '-draw',
    `roundrectangle ${x},${y} ${x + w},${y + h} ${3 * mm},${3 * mm}`,
    '-fill',
    '#d9e4ec',
    '-draw',
    `rectangle ${x + 1},${y + 4 * mm} ${x + w - 1},${y + 12 * mm}`,
    '-fill',
    '#24406b',
    '-font',
    SANS_BOLD,
    '-pointsize',
    (3.2 * mm).toFixed(1),
    '-annotate',
    at(4 * mm, 9.5 * mm),
    'KYRGYZ REPUBLIC · ID CARD',
    // Photo block and labelled fields of the visual zone.
    '-fill',
    '#b8c4ce',
    '-draw',
    `rectangle ${x + 4 * mm},${y + 15 * mm} ${x + 24 * mm},${y + 33 * mm}`,
    '-fill',
    '#66788c',
    '-font',
    SANS,
    '-pointsize',
    (1.6 * mm).toFixed(1),
    ...VISUAL_FIELDS.flatMap(([dx, dy, label]) => ['-annotate', at(dx * mm, dy * mm), label]),
    '-fill',
    '#1d2733',
    '-font',
    SANS_BOLD,
    '-pointsize',
    (2.4 * mm).toFixed(1),
    // Each value sits 3.5 mm under its label.
    ...VISUAL_FIELDS.flatMap(([dx, dy, , value]) => ['-annotate', at(dx * mm, (dy + 3.5) * mm), value]),
    // The MRZ: OCR-B at 10 cpi (point size for the pitch as in scripts/recognizer-templates.ts).
    '-fill',
    '#111111',
    '-font',
    OCRB,
    '-pointsize',
    (pitch / 0.72).toFixed(2),
    ...mrz.flatMap((line, i) => ['-annotate', `+${mrzLeft.toFixed(1)}+${baseline(i).toFixed(1)}`, line]),
    file,
  ];
  execFileSync('convert', args);
}

function toY4m(png, out, blurSigma) {
  const tmp = `${out}.${process.pid}.tmp.y4m`;
  const filters = [blurSigma > 0 ? `gblur=sigma=${blurSigma}` : null, 'format=yuv420p'].filter(Boolean).join(',');
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-i',
    png,
    '-frames:v',
    '1',
    '-vf',
    filters,
    '-pix_fmt',
    'yuv420p',
    tmp,
  ]);
  renameSync(tmp, out);
}

export function buildCameraFixtures({ force = false } = {}) {
  const { dir, png, sharp, blurred, manifest } = CAMERA_FIXTURES;
  if (!force && [png, sharp, blurred, manifest].every(existsSync)) return CAMERA_FIXTURES;
  need('convert', ['-version'], 'apt-get install -y imagemagick');
  need('ffmpeg', ['-version'], 'apt-get install -y ffmpeg');
  if (!existsSync(OCRB)) throw new Error(`${OCRB} is missing: apt-get install -y fonts-ocr-b`);
  mkdirSync(dir, { recursive: true });
  const mrz = cardMrz();
  // Node's test runner starts test files as parallel processes, and more than one may find the fixtures
  // missing: each renders under its own temporary names and renames into place (same content, last wins),
  // so no process ever reads a file another one is still writing.
  const own = (file) => `${file}.${process.pid}.tmp`;
  renderPng(own(png) + '.png', mrz);
  toY4m(own(png) + '.png', sharp, 0);
  // Strong enough that no MRZ character is readable: a card out of focus, not merely soft.
  toY4m(own(png) + '.png', blurred, 6);
  renameSync(own(png) + '.png', png);
  const g = guideRect(FRAME_WIDTH, FRAME_HEIGHT);
  writeFileSync(own(manifest), JSON.stringify({ width: FRAME_WIDTH, height: FRAME_HEIGHT, card: g, mrz }, null, 2));
  renameSync(own(manifest), manifest);
  return CAMERA_FIXTURES;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = buildCameraFixtures({ force: process.argv.includes('--force') });
  console.log(
    `camera fixtures in ${dirname(out.sharp)}: ${[out.sharp, out.blurred].map((f) => f.split('/').pop()).join(', ')}`,
  );
}
