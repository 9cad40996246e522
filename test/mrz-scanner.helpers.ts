// Shared by the <mrz-scanner> browser tests: a fake backend at the network boundary (msw's service worker,
// so the element's real XMLHttpRequest/fetch goes out and is answered), real image files drawn on a canvas,
// and small waits on the element's events.
import { fixture, html } from '@open-wc/testing';
import { http, HttpResponse, delay, type DefaultBodyType, type StrictResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import '../src/index.js';
import type { MrzErrorEvent, MrzResultEvent } from '../src/events.js';
import type { MrzScannerElement } from '../src/mrz-scanner.js';

export const ENDPOINT = '/api/mrz-test';

/** A valid TD1 (ICAO 9303-5 specimen "Utopia", check digits verified). */
export const VALID_MRZ = 'I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<';
/** The upstream documentation's own example: structurally TD1, every check digit wrong. */
export const UPSTREAM_EXAMPLE_MRZ = 'IDKAZ0123456789012345678901<<<\n0123456F0123456KAZ<<<<<<<<<<<0\nJHON<<DOE<<<<<<<<<<<<<<<<<<<<<';

export interface SeenRequest {
  method: string;
  url: string;
  headers: Headers;
  form: FormData;
}

export const worker = setupWorker();
/** Every request that reached the fake backend, in order. */
export const seen: SeenRequest[] = [];

let started: Promise<unknown> | undefined;
export async function startBackend(): Promise<void> {
  started ??= worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  await started;
  await customElements.whenDefined('mrz-scanner');
}

type Reply = () => Response | StrictResponse<DefaultBodyType> | Promise<Response | StrictResponse<DefaultBodyType>>;

/** Answers each POST to ENDPOINT with the next reply (the last one repeats). */
export function backend(...replies: Reply[]): void {
  seen.length = 0;
  let n = 0;
  worker.resetHandlers(
    http.post(ENDPOINT, async ({ request }) => {
      const form = await request.clone().formData();
      seen.push({ method: request.method, url: request.url, headers: request.headers, form });
      const reply = replies[Math.min(n++, replies.length - 1)]!;
      return reply();
    }),
  );
}

export const ok = (body: Record<string, unknown> = {}) => () =>
  HttpResponse.json({ backend_session_id: 'session-1', status: 'RECEIVED', result: true, mrz_string: VALID_MRZ, failure_reason: null, ...body });
export const slow = (ms: number, reply: Reply) => async () => {
  await delay(ms);
  return reply();
};

/**
 * A real image file: left half red, right half blue, so orientation survives a decode check.
 */
export async function photo(width = 640, height = 400, type = 'image/png', name = 'card.png'): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ff0000';
  ctx.fillRect(0, 0, width / 2, height);
  ctx.fillStyle = '#0000ff';
  ctx.fillRect(width / 2, 0, width - width / 2, height);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), type, 0.92));
  return new File([blob], name, { type: blob.type });
}

/** Decodes an uploaded image and samples the centre of its left and right halves. */
export async function inspectUpload(file: Blob): Promise<{ type: string; magic: number[]; width: number; height: number; left: number[]; right: number[]; exif: boolean }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const bitmap = await createImageBitmap(file);
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  const px = (x: number) => [...ctx.getImageData(Math.floor(x), Math.floor(bitmap.height / 2), 1, 1).data.slice(0, 3)];
  // APP1 "Exif" marker anywhere in the header segments.
  let exif = false;
  for (let i = 2; i + 9 < bytes.length && bytes[i] === 0xff && bytes[i + 1] !== 0xda; i += 2 + (bytes[i + 2]! << 8) + bytes[i + 3]!) {
    if (bytes[i + 1] === 0xe1 && String.fromCharCode(...bytes.slice(i + 4, i + 8)) === 'Exif') exif = true;
  }
  return { type: file.type, magic: [...bytes.slice(0, 3)], width: bitmap.width, height: bitmap.height, left: px(bitmap.width / 4), right: px((bitmap.width * 3) / 4), exif };
}

export async function scanner(template = html`<mrz-scanner endpoint=${ENDPOINT}></mrz-scanner>`): Promise<MrzScannerElement> {
  await startBackend();
  return fixture<MrzScannerElement>(template);
}

export interface Outcome {
  results: MrzResultEvent[];
  errors: MrzErrorEvent[];
}

/** Records both outcome events of an element (and, through bubbling, proves they are composed). */
export function record(el: HTMLElement): Outcome {
  const outcome: Outcome = { results: [], errors: [] };
  el.addEventListener('mrz-result', (e) => outcome.results.push(e));
  el.addEventListener('mrz-error', (e) => outcome.errors.push(e));
  return outcome;
}

/** Waits until the element has settled back from a busy state, then one more tick for stray events. */
export async function settled(el: MrzScannerElement, timeout = 10000): Promise<void> {
  const start = performance.now();
  while (el.hasAttribute('busy') || el.state === 'preparing' || el.state === 'sending') {
    if (performance.now() - start > timeout) throw new Error(`still ${el.state} after ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  await new Promise((r) => setTimeout(r, 30));
}

export function until(predicate: () => boolean, timeout = 8000): Promise<void> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (predicate()) resolve();
      else if (performance.now() - start > timeout) reject(new Error('condition not met in time'));
      else setTimeout(tick, 5);
    };
    tick();
  });
}

export const shadow = (el: MrzScannerElement) => el.shadowRoot!;
export const text = (el: MrzScannerElement, part: string) => shadow(el).querySelector(`[part~="${part}"]`)?.textContent?.trim() ?? '';
export const buttons = (el: MrzScannerElement) => [...shadow(el).querySelectorAll('button')].map((b) => b.textContent!.trim());
