/**
 * Accuracy and speed of the embedded recognizer on the full synthetic set (built on first run into
 * .cache/cards, see scripts/cards/generate.ts).
 *
 *   npm run bench:recognizer            # full set
 *   npm run bench:recognizer -- --default   # the smaller set `npm test` uses
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCardSet } from '../scripts/cards/generate.js';
import { createLocalRecognizer } from '../src/server/local/index.js';

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length]!;
}

const pct = (v: number[], q: number): number => {
  const s = [...v].sort((x, y) => x - y);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
};

async function main(): Promise<void> {
  const full = !process.argv.includes('--default');
  const { dir, images } = await buildCardSet({ full, log: console.log });
  const recognizer = createLocalRecognizer({ timeoutMs: 60_000 });
  // Warm-up: template derivation and JIT, not part of any image's time.
  await recognizer.recognize({ image: readFileSync(join(dir, images[0]!.file)), mediaType: 'image/jpeg', signal: new AbortController().signal, requestId: 'warm' });
  let exact = 0, cards = 0, charsOk = 0, charsTotal = 0, negOk = 0, negs = 0;
  const small: number[] = [], large: number[] = [], smallCpu: number[] = [], largeCpu: number[] = [];
  let peak = process.memoryUsage().rss;
  const rows: string[] = [];
  for (const img of images) {
    const bytes = readFileSync(join(dir, img.file));
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const res = await recognizer.recognize({ image: bytes, mediaType: 'image/jpeg', signal: new AbortController().signal, requestId: img.file });
    const ms = performance.now() - t0;
    const cu = process.cpuUsage(c0);
    const cpuMs = (cu.user + cu.system) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    (img.large ? large : small).push(ms);
    (img.large ? largeCpu : smallCpu).push(cpuMs);
    const got = typeof res.body.mrz_string === 'string' ? res.body.mrz_string : '';
    let ok: boolean;
    if (img.mrz) {
      cards++;
      ok = res.body.result === true && got === img.mrz;
      if (ok) exact++;
      const want = img.mrz.replace(/\n/g, '');
      charsTotal += want.length;
      charsOk += Math.max(0, want.length - levenshtein(got.replace(/\n/g, ''), want));
    } else {
      negs++;
      ok = res.body.result !== true;
      if (ok) negOk++;
    }
    rows.push(`${ok ? 'ok  ' : 'FAIL'} ${String(res.status).padEnd(4)}${String(res.body.result ?? '-').padEnd(6)}${ms.toFixed(0).padStart(6)} ms ${cpuMs.toFixed(0).padStart(6)} ms cpu  ${img.file}`);
  }
  console.log(rows.join('\n'));
  console.log('');
  console.log(`set: ${full ? 'full' : 'default'} (${images.length} images, ${cards} cards, ${negs} without a valid MRZ) in ${dir}`);
  console.log(`exact-match rate:   ${exact}/${cards} = ${((100 * exact) / cards).toFixed(1)} %`);
  console.log(`character accuracy: ${((100 * charsOk) / charsTotal).toFixed(2)} %`);
  console.log(`rejected non-MRZ:   ${negOk}/${negs}`);
  console.log(`time, <=1600 px:    median ${pct(small, 0.5).toFixed(0)} ms, p95 ${pct(small, 0.95).toFixed(0)} ms wall; median ${pct(smallCpu, 0.5).toFixed(0)} ms, p95 ${pct(smallCpu, 0.95).toFixed(0)} ms CPU (n=${small.length})`);
  console.log(`time, 12 MP:        median ${pct(large, 0.5).toFixed(0)} ms, p95 ${pct(large, 0.95).toFixed(0)} ms wall; median ${pct(largeCpu, 0.5).toFixed(0)} ms, p95 ${pct(largeCpu, 0.95).toFixed(0)} ms CPU (n=${large.length})`);
  console.log(`peak RSS:           ${(peak / 1e6).toFixed(0)} MB`);
  console.log(`load average:       ${(await import('node:os')).loadavg().map((v) => v.toFixed(1)).join(' ')} (2 cores shared)`);
}

main().catch((e) => { console.error(e); process.exit(1); });
