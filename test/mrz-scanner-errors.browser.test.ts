import { expect, html } from '@open-wc/testing';
import { HttpResponse, delay, type JsonBodyType } from 'msw';
import type { MrzErrorCode } from '../src/events.js';
import type { MrzScannerElement } from '../src/mrz-scanner.js';
import {
  ENDPOINT,
  UPSTREAM_EXAMPLE_MRZ,
  backend,
  buttons,
  ok,
  photo,
  record,
  scanner,
  seen,
  slow,
  startBackend,
  text,
  until,
} from './mrz-scanner.helpers.js';

interface Case {
  name: string;
  reply: () => Response;
  code: MrzErrorCode;
  status?: number;
  retryable: boolean;
  requests: number;
}

const json = (body: JsonBodyType, status: number) => () => HttpResponse.json(body, { status });
const plain = (body: string, status: number) => () => new HttpResponse(body, { status, headers: { 'Content-Type': 'text/plain' } });

const upstream: Case[] = [
  { name: '400 "Subscription has not started" in JSON detail', reply: json({ detail: 'Subscription has not started' }, 400), code: 'subscription-inactive', status: 400, retryable: false, requests: 1 },
  { name: '400 "No active or future subscription…" in JSON message', reply: json({ message: 'No active or future subscription for technology' }, 400), code: 'subscription-inactive', status: 400, retryable: false, requests: 1 },
  { name: '400 "Client does not have subscription" in JSON error', reply: json({ error: 'Client does not have subscription' }, 400), code: 'subscription-inactive', status: 400, retryable: false, requests: 1 },
  { name: '400 "Client does not have access…" as plain text', reply: plain('Client does not have access to MRZ technology', 400), code: 'access-denied', status: 400, retryable: false, requests: 1 },
  { name: '400 "MRZ max attempts exceeded"', reply: json({ detail: 'MRZ max attempts exceeded' }, 400), code: 'attempts-exceeded', status: 400, retryable: false, requests: 1 },
  { name: '422 "Error while parsing MRZ"', reply: json({ detail: 'Error while parsing MRZ' }, 422), code: 'mrz-not-found', status: 422, retryable: true, requests: 1 },
  { name: '200 with result: false', reply: json({ backend_session_id: 's', status: 'FAILED', result: false, mrz_string: null, failure_reason: 'no mrz' }, 200), code: 'mrz-not-found', status: 200, retryable: true, requests: 1 },
  { name: '429', reply: plain('Too Many Requests', 429), code: 'rate-limited', status: 429, retryable: true, requests: 1 },
  { name: '413', reply: json({ detail: 'Request body too large' }, 413), code: 'file-too-large', status: 413, retryable: false, requests: 1 },
  { name: '415', reply: json({ detail: 'Unsupported media type' }, 415), code: 'unsupported-file', status: 415, retryable: false, requests: 1 },
  { name: '403 with an unknown message', reply: json({ detail: 'Forbidden' }, 403), code: 'request-rejected', status: 403, retryable: false, requests: 1 },
  { name: '422 validation error (FastAPI list)', reply: json({ detail: [{ msg: 'field required' }] }, 422), code: 'request-rejected', status: 422, retryable: false, requests: 1 },
  { name: '500', reply: plain('Internal Server Error', 500), code: 'server-error', status: 500, retryable: true, requests: 1 },
  { name: '502 from a proxy', reply: plain('<html>Bad Gateway</html>', 502), code: 'server-error', status: 502, retryable: true, requests: 1 },
  { name: '503, retried with backoff before one error', reply: json({ detail: 'MRZ service not available now' }, 503), code: 'service-unavailable', status: 503, retryable: true, requests: 3 },
  { name: '200 that is not JSON', reply: plain('<html>ok</html>', 200), code: 'bad-response', status: 200, retryable: false, requests: 1 },
  { name: '200 JSON of another shape', reply: json({ ok: true, data: 'IDKAZ' }, 200), code: 'bad-response', status: 200, retryable: false, requests: 1 },
  { name: '200 with result true but no MRZ', reply: json({ result: true, mrz_string: '' }, 200), code: 'bad-response', status: 200, retryable: false, requests: 1 },
  { name: 'network failure, retried before one error', reply: () => HttpResponse.error(), code: 'network-error', retryable: true, requests: 3 },
];

describe('<mrz-scanner> errors from the backend', () => {
  // One element for the whole table, outside open-wc's per-test fixture cleanup, to prove it stays usable.
  let el: MrzScannerElement;
  before(async () => {
    await startBackend();
    el = document.createElement('mrz-scanner');
    el.endpoint = ENDPOINT;
    document.body.append(el);
    await el.updateComplete;
  });
  after(() => el.remove());

  for (const c of upstream) {
    it(`${c.name} → ${c.code}`, async () => {
      backend(c.reply);
      const outcome = record(el);
      await el.scanFile(await photo(320, 200));
      await new Promise((r) => setTimeout(r, 30));
      expect(outcome.results, 'no mrz-result').to.have.length(0);
      expect(outcome.errors, 'exactly one mrz-error').to.have.length(1);
      const { detail } = outcome.errors[0]!;
      expect(detail.code).to.equal(c.code);
      expect(detail.retryable).to.equal(c.retryable);
      expect(detail.status).to.equal(c.status);
      expect(typeof detail.message).to.equal('string');
      expect(detail.message).to.not.be.oneOf(['', c.code]);
      expect(seen, 'requests on the wire').to.have.length(c.requests);
      await el.updateComplete;
      expect(el.state).to.equal('error');
      expect(text(el, 'status')).to.equal(detail.message);
      expect(buttons(el)).to.deep.equal(['Try again']);
    });
  }

  it('the upstream documentation example MRZ → invalid-mrz carrying the parsed attempt', async () => {
    backend(json({ backend_session: '00000000-0000-0000-0000-000000000000', status: 'RECEIVED', result: true, mrz_string: UPSTREAM_EXAMPLE_MRZ, failure_reason: null }, 200));
    const outcome = record(el);
    await el.scanFile(await photo(320, 200));
    expect(outcome.results).to.have.length(0);
    expect(outcome.errors).to.have.length(1);
    const { detail } = outcome.errors[0]!;
    expect(detail).to.include({ code: 'invalid-mrz', retryable: true, status: 200 });
    expect(detail.result!.valid).to.equal(false);
    expect(detail.result!.format).to.equal('TD1');
    expect(detail.result!.fields.issuingState).to.equal('KAZ');
    expect(detail.result!.checks.documentNumber).to.equal(false);
    expect(detail.result!.lines).to.deep.equal(UPSTREAM_EXAMPLE_MRZ.split('\n'));
  });

  it('503 then 200: the automatic retry succeeds with a single mrz-result', async () => {
    backend(json({ detail: 'MRZ service not available now' }, 503), ok());
    const outcome = record(el);
    await el.scanFile(await photo(320, 200));
    expect(outcome.errors).to.have.length(0);
    expect(outcome.results).to.have.length(1);
    expect(seen).to.have.length(2);
  });

  it('a network failure then 200: retried and succeeds', async () => {
    backend(() => HttpResponse.error(), ok());
    const outcome = record(el);
    await el.scanFile(await photo(320, 200));
    expect(outcome.errors).to.have.length(0);
    expect(outcome.results).to.have.length(1);
    expect(seen).to.have.length(2);
  });

  it('after all those failures the same element still scans successfully', async () => {
    backend(ok());
    const outcome = record(el);
    (el.shadowRoot!.querySelector('button') as HTMLButtonElement).click();
    await el.scanFile(await photo(320, 200));
    expect(outcome.results).to.have.length(1);
    expect(el.state).to.equal('result');
  });
});

describe('<mrz-scanner> network limits and cancellation', () => {
  before(startBackend);

  it('timeout: a backend slower than `timeout` → one timeout error, not retried', async () => {
    backend(slow(8000, ok()));
    const el = await scanner(html`<mrz-scanner endpoint=${ENDPOINT} timeout="300"></mrz-scanner>`);
    const outcome = record(el);
    const file = await photo(320, 200);
    const start = performance.now();
    await el.scanFile(file);
    const elapsed = performance.now() - start;
    expect(outcome.errors.map((e) => e.detail.code)).to.deep.equal(['timeout']);
    expect(outcome.errors[0]!.detail.retryable).to.equal(true);
    expect(outcome.results).to.have.length(0);
    expect(seen).to.have.length(1);
    expect(elapsed, 'did not wait for the 8 s answer').to.be.below(5000);
  });

  it('timeout covers reading the body: headers in time, body stalls → timeout', async () => {
    backend(
      () =>
        new HttpResponse(
          new ReadableStream({
            async start(controller) {
              controller.enqueue(new TextEncoder().encode('{"result": true, '));
              await delay(4000);
              controller.enqueue(new TextEncoder().encode('"mrz_string": "x"}'));
              controller.close();
            },
          }),
          { status: 200, headers: { 'Content-Type': 'application/json' } },
        ),
    );
    const el = await scanner(html`<mrz-scanner endpoint=${ENDPOINT} timeout="600"></mrz-scanner>`);
    const outcome = record(el);
    await el.scanFile(await photo(320, 200));
    expect(outcome.errors.map((e) => e.detail.code)).to.deep.equal(['timeout']);
    expect(outcome.results).to.have.length(0);
  });

  it('reset() mid-flight → one aborted error, back to ready, the late answer is ignored', async () => {
    backend(slow(600, ok()));
    const el = await scanner();
    const outcome = record(el);
    const done = el.scanFile(await photo(320, 200));
    await until(() => el.state === 'sending');
    el.reset();
    await done;
    await new Promise((r) => setTimeout(r, 800));
    expect(outcome.errors.map((e) => e.detail.code)).to.deep.equal(['aborted']);
    expect(outcome.errors[0]!.detail.retryable).to.equal(false);
    expect(outcome.results).to.have.length(0);
    expect(el.state).to.equal('ready');
    await el.updateComplete;
    expect(buttons(el)).to.deep.equal(['Upload photo', 'Use camera']);
  });

  it('the Cancel button while preparing/sending aborts the attempt', async () => {
    backend(slow(600, ok()));
    const el = await scanner();
    const outcome = record(el);
    const done = el.scanFile(await photo(320, 200));
    await until(() => el.state === 'sending');
    await el.updateComplete;
    (el.shadowRoot!.querySelector('button') as HTMLButtonElement).click();
    await done;
    expect(outcome.errors.map((e) => e.detail.code)).to.deep.equal(['aborted']);
  });

  it('removing the element mid-flight → aborted; moving it does not abort', async () => {
    backend(slow(300, ok()));
    const el = await scanner();
    const outcome = record(el);
    const parent = el.parentElement!;
    const moved = el.scanFile(await photo(320, 200));
    await until(() => el.state === 'sending');
    const other = document.createElement('div');
    document.body.append(other);
    other.append(el); // a DOM move: disconnect + connect in one task
    await moved;
    expect(outcome.results).to.have.length(1);
    expect(outcome.errors).to.have.length(0);

    backend(slow(2000, ok()));
    const removed = el.scanFile(await photo(320, 200));
    await until(() => el.state === 'sending');
    el.remove();
    await removed;
    expect(outcome.errors.map((e) => e.detail.code)).to.deep.equal(['aborted']);
    expect(outcome.results).to.have.length(1);
    other.remove();
    parent.append(el);
  });

  it('a new scan while one is running aborts the first: each attempt ends in exactly one event', async () => {
    backend(slow(400, ok()));
    const el = await scanner();
    const outcome = record(el);
    const first = el.scanFile(await photo(320, 200));
    await until(() => el.state === 'sending');
    const second = el.scanFile(await photo(320, 200));
    await Promise.all([first, second]);
    await new Promise((r) => setTimeout(r, 500));
    expect(outcome.errors.map((e) => e.detail.code)).to.deep.equal(['aborted']);
    expect(outcome.results).to.have.length(1);
  });
});

describe('<mrz-scanner> input and configuration errors', () => {
  before(startBackend);

  async function expectOne(el: MrzScannerElement, file: Blob, code: MrzErrorCode, retryable: boolean) {
    backend(ok());
    const outcome = record(el);
    await el.scanFile(file);
    await new Promise((r) => setTimeout(r, 30));
    expect(outcome.errors.map((e) => e.detail.code)).to.deep.equal([code]);
    expect(outcome.errors[0]!.detail.retryable).to.equal(retryable);
    expect(outcome.errors[0]!.detail.status).to.equal(undefined);
    expect(outcome.results).to.have.length(0);
    expect(seen, 'nothing sent').to.have.length(0);
  }

  it('a text file → unsupported-file', async () => {
    const el = await scanner();
    await expectOne(el, new File(['hello, this is not a photo'], 'notes.txt', { type: 'text/plain' }), 'unsupported-file', false);
  });

  it('an SVG named like a PNG is judged by its content → unsupported-file', async () => {
    const el = await scanner();
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
    await expectOne(el, new File([svg], 'card.png', { type: 'image/png' }), 'unsupported-file', false);
  });

  it('a PDF → unsupported-file', async () => {
    const el = await scanner();
    await expectOne(el, new File(['%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'], 'scan.jpg', { type: 'image/jpeg' }), 'unsupported-file', false);
  });

  it('a truncated JPEG → image-decode-failed (retryable)', async () => {
    const el = await scanner();
    const jpeg = new Uint8Array(await (await photo(320, 200, 'image/jpeg')).arrayBuffer());
    await expectOne(el, new File([jpeg.slice(0, 200)], 'card.jpg', { type: 'image/jpeg' }), 'image-decode-failed', true);
  });

  it('a file above max-file-size → file-too-large, before reading it', async () => {
    const el = await scanner(html`<mrz-scanner endpoint=${ENDPOINT} max-file-size="1000"></mrz-scanner>`);
    await expectOne(el, await photo(640, 400), 'file-too-large', false);
  });

  it('the default limit is 25 MB', async () => {
    const el = await scanner();
    expect(el.maxFileSize).to.equal(25 * 1024 * 1024);
    await expectOne(el, new File([new Uint8Array(26 * 1024 * 1024)], 'huge.jpg', { type: 'image/jpeg' }), 'file-too-large', false);
  });

  it('no endpoint → config-error, nothing sent', async () => {
    const el = await scanner(html`<mrz-scanner></mrz-scanner>`);
    await expectOne(el, await photo(), 'config-error', false);
    expect(el.state).to.equal('error');
  });

  it('an api-key attribute → config-error: the element refuses to run', async () => {
    const el = await scanner(html`<mrz-scanner endpoint=${ENDPOINT} api-key="Efy202XKbVAWRu"></mrz-scanner>`);
    await expectOne(el, await photo(), 'config-error', false);
  });

  it('an apiKey property → config-error: the element refuses to run', async () => {
    const el = await scanner();
    (el as unknown as { apiKey: string }).apiKey = 'Efy202XKbVAWRu';
    await expectOne(el, await photo(), 'config-error', false);
  });
});
