// `npm run bench`: parse throughput of our parseMrz against the `mrz` npm package (cheminfo/mrz) on the
// same inputs, in one run. Rounds alternate between the two so that load from other processes on a
// shared machine hits both alike; the median round counts.
import { parse as cheminfoParse } from 'mrz';
import { parseMrz } from '../src/mrz/index.js';

const INPUTS: string[] = [
  // valid TD1 (ICAO specimen, long document number, KGZ and KAZ synthetic cards)
  'I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<',
  'I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<',
  'IDKGZID0000001612406199500001<\n9506240F3506248KGZ<<<<<<<<<<<4\nOBRAZETS<<AIGUL<<<<<<<<<<<<<<<',
  'IDKAZ0000000022500315401233<<<\n5003154F3003149KAZ<<<<<<<<<<<1\nOBRAZETS<<AIGERIM<<<<<<<<<<<<<',
  // valid TD2 and TD3
  'I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6',
  'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10',
  // invalid: upstream doc example, month 13, wrong composite, lower case, wrong TD3 check digit
  'IDKAZ0123456789012345678901<<<\n0123456F0123456KAZ<<<<<<<<<<<0\nJHON<<DOE<<<<<<<<<<<<<<<<<<<<<',
  'I<UTOD231458907<<<<<<<<<<<<<<<\n7413128F3204153UTO<<<<<<<<<<<2\nERIKSSON<<ANNA<MARIA<<<<<<<<<<',
  'I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<7\nERIKSSON<<ANNA<MARIA<<<<<<<<<<',
  'I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nEriksson<<ANNA<MARIA<<<<<<<<<<',
  'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<20',
];

function cheminfo(input: string): boolean {
  try {
    return cheminfoParse(input).valid;
  } catch {
    return false; // it throws on structural errors; ours returns a result
  }
}

function ours(input: string): boolean {
  return parseMrz(input).valid;
}

/** Parses per second over one round of about `ms` milliseconds. */
function round(fn: (s: string) => boolean, ms: number): number {
  let ops = 0;
  let sink = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (const input of INPUTS) if (fn(input)) sink++;
    ops += INPUTS.length;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  if (sink < 0) console.log(sink); // keeps the results alive
  return (ops / elapsed) * 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Verdicts differ by design: cheminfo has no UTO (the ICAO specimen state) in its state list (MRZ-SPEC §8).
const verdicts = INPUTS.map((s) => [ours(s), cheminfo(s)]);
const validCount = verdicts.filter(([a]) => a).length;
console.log(`inputs: ${INPUTS.length} (${validCount} valid per parseMrz; ${verdicts.filter(([, b]) => b).length} per cheminfo, which rejects UTO)`);

round(ours, 300); // warm-up: let the JIT settle on both
round(cheminfo, 300);
const a: number[] = [];
const b: number[] = [];
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
for (let i = 0; i < rounds; i++) {
  a.push(round(ours, 250));
  b.push(round(cheminfo, 250));
}
const oursOps = median(a);
const theirOps = median(b);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(10);
console.log(`parseMrz (mrz-scanner/mrz): ${fmt(oursOps)} ops/s`);
console.log(`mrz@5 parse (cheminfo):     ${fmt(theirOps)} ops/s`);
console.log(`ratio: ${(oursOps / theirOps).toFixed(2)}x ${oursOps >= theirOps ? 'faster' : 'slower'}`);
