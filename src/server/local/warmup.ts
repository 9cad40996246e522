/**
 * A self-check that doubles as JIT warm-up: renders an MRZ from the committed OCR-B masters into a
 * plain buffer and reads it back. The first real request then runs optimised code, and broken
 * template data shows up at startup instead of as "not found" on every card.
 */
import type { Gray } from './image.js';
import { OCRB_TEMPLATES } from './ocrb-templates.js';
import { readMrz } from './read-mrz.js';

/** ICAO 9303-5 style TD1 specimen with valid check digits (fictional Utopia card). */
export const WARMUP_MRZ = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F3404159UTO<<<<<<<<<<<2', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];

export function renderMrz(lines: readonly string[]): Gray {
  const { alphabet, width: mw, height: mh, data } = OCRB_TEMPLATES;
  const bin = atob(data);
  const pitch = 24, lineStep = 41, margin = 40;
  const w = lines[0]!.length * pitch + 2 * margin, h = lines.length * lineStep + 2 * margin;
  const out = new Uint8Array(w * h).fill(235);
  lines.forEach((line, r) => {
    for (let c = 0; c < line.length; c++) {
      const g = alphabet.indexOf(line[c]!);
      const x0 = margin + c * pitch, y0 = margin + r * lineStep - 4;
      for (let y = 0; y < mh / 2; y++) for (let x = 0; x < mw / 2; x++) {
        // 2x masters box-reduced to the 24 px pitch.
        const i = g * mw * mh + 2 * y * mw + 2 * x;
        const ink = (bin.charCodeAt(i) + bin.charCodeAt(i + 1) + bin.charCodeAt(i + mw) + bin.charCodeAt(i + mw + 1)) / 4;
        const p = (y0 + y) * w + x0 + x;
        out[p] = Math.max(0, Math.min(out[p]!, 235 - (ink * 215) / 255));
      }
    }
  });
  return { width: w, height: h, data: out };
}

/** Reads the rendered specimen; true when it comes back exactly and clean. */
export function selfCheck(): boolean {
  const { read } = readMrz(renderMrz(WARMUP_MRZ));
  return read?.verdict === 'clean' && read.lines.join('\n') === WARMUP_MRZ.join('\n');
}
