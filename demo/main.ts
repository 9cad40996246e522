// The demo page `npm start` serves: two themed scanners, a language switch, an event log, a sample card.
import '../src/index.js';
import type { MrzScannerElement } from '../src/mrz-scanner.js';

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;
const log = $<HTMLOListElement>('#log');
const scanners = [...document.querySelectorAll<MrzScannerElement>('mrz-scanner')];

function write(kind: string, id: string, text: string, error = false): void {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} #${id} ${kind} ${text}`;
  if (error) item.className = 'error';
  log.prepend(item);
}

for (const el of scanners) {
  el.addEventListener('mrz-capture', (e) => write('mrz-capture', el.id, `source=${e.detail.source} image=${e.detail.image.type} ${Math.round(e.detail.image.size / 1024)} KB`));
  el.addEventListener('mrz-result', (e) => {
    const { format, fields, sessionId, timings } = e.detail;
    write('mrz-result', el.id, JSON.stringify({ format, fields, sessionId, timings: { prepare: Math.round(timings.prepare), upload: Math.round(timings.upload), total: Math.round(timings.total) } }, null, 1));
  });
  el.addEventListener('mrz-error', (e) => {
    const { code, message, retryable, status } = e.detail;
    write('mrz-error', el.id, JSON.stringify({ code, message, retryable, status }), true);
  });
}

$<HTMLSelectElement>('#lang').addEventListener('change', (e) => {
  // The scanners have no lang of their own: they follow the nearest ancestor's.
  $('#scanners').setAttribute('lang', (e.target as HTMLSelectElement).value);
});
$('#clear').addEventListener('click', () => log.replaceChildren());

const sample = $<HTMLButtonElement>('#sample');
const note = $('#sample-note');
const SAMPLE = new URL('./sample-card.jpg', location.href);
void fetch(SAMPLE, { method: 'HEAD' }).then((response) => {
  const ok = response.ok && (response.headers.get('content-type') ?? '').startsWith('image/');
  sample.disabled = !ok;
  note.textContent = ok ? 'a synthetic card, sent to the default scanner' : 'no demo/sample-card.jpg yet';
});
sample.addEventListener('click', async () => {
  const blob = await (await fetch(SAMPLE)).blob();
  await $<MrzScannerElement>('#default').scanFile(blob);
});
