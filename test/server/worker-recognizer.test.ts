/**
 * The embedded recognizer in worker threads, through the real CLI on a real socket: the server keeps
 * answering while a big photo is read, a read past its deadline is cut off (504) by replacing its
 * worker, a full queue answers 503 with Retry-After, and shutdown leaves no thread behind.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import jpeg from "jpeg-js";
import { HttpError } from "../../src/server/http-error.js";
import { createWorkerRecognizer } from "../../src/server/local-pool/index.js";
import { startCli, type Cli } from "./cli-process.js";
import { upload } from "./helpers.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const card = new Uint8Array(readFileSync(new URL("../../demo/sample-card.jpg", import.meta.url)));
const CARD_MRZ = [
  "IDKGZID0000471511503199000732<",
  "9003152F3205149KGZ<<<<<<<<<<<3",
  "OBRAZETS<<AIGUL<<<<<<<<<<<<<<<",
].join("\n");
const blank = new Uint8Array(
  jpeg.encode({ data: Buffer.alloc(800 * 500 * 4, 200), width: 800, height: 500 }, 80).data,
);
/** The sample card as a raw 12 MP phone photo: seconds of CPU for the reader. */
let bigCard: Uint8Array;

async function mrzOf(res: Response): Promise<string> {
  assert.equal(res.status, 200, await res.clone().text());
  const body = (await res.json()) as { result: boolean; mrz_string: string };
  assert.equal(body.result, true);
  return body.mrz_string;
}

before(() => {
  bigCard = new Uint8Array(
    execFileSync("convert", ["demo/sample-card.jpg", "-resize", "4000x3000", "-quality", "90", "jpg:-"], {
      cwd: root,
      maxBuffer: 64 << 20,
    }),
  );
});

describe("embedded recognizer in worker threads, through the CLI", () => {
  let cli: Cli;
  after(() => cli?.stop());

  test("the server keeps answering /healthz while a 12 MP photo is being read", async (t) => {
    cli = await startCli({ MRZ_RATE_LIMIT: "0", MRZ_RECOGNIZER_THREADS: "1" });
    assert.match(cli.stdout[0] ?? "", /1 worker thread/);
    let done = false;
    const reading = upload(cli.url, { image: bigCard }).then(async (res) => {
      done = true;
      return mrzOf(res);
    });
    // Probe one after another for as long as the read runs: on a blocked event loop each probe
    // would wait out the read, so only a couple could finish before the answer.
    let answered = 0;
    let slowest = 0;
    while (!done) {
      const t0 = performance.now();
      const health = await fetch(`${cli.url}/healthz`);
      assert.equal(health.status, 200);
      await health.body?.cancel();
      if (!done) {
        answered++;
        slowest = Math.max(slowest, performance.now() - t0);
      }
    }
    assert.equal(await reading, CARD_MRZ);
    assert.ok(answered >= 10, `only ${answered} health checks answered during the read`);
    t.diagnostic(`${answered} health checks during the read, slowest ${slowest.toFixed(1)} ms`);
  });

  test("a read past the deadline gets 504, and the replaced worker answers the next upload", async () => {
    await cli.stop();
    cli = await startCli({ MRZ_RATE_LIMIT: "0", MRZ_RECOGNIZER_THREADS: "1", MRZ_TIMEOUT_MS: "700" });
    const t0 = performance.now();
    const res = await upload(cli.url, { image: bigCard });
    assert.equal(res.status, 504);
    assert.match(((await res.json()) as { detail: string }).detail, /within 700 ms/);
    // The replacement needs a moment to start, which may cost the next upload its budget too; it
    // must not wait behind the big photo, though: a pinned worker would still be reading it.
    let next: Response;
    do next = await upload(cli.url, { image: blank });
    while (next.status === 504 && performance.now() - t0 < 10_000);
    assert.equal(next.status, 422);
    assert.deepEqual(await next.json(), { detail: "Error while parsing MRZ" });
  });

  test("a full queue answers 503 with Retry-After; the queued uploads are still read", async () => {
    await cli.stop();
    cli = await startCli({ MRZ_RATE_LIMIT: "0", MRZ_RECOGNIZER_THREADS: "1", MRZ_RECOGNIZER_QUEUE: "1" });
    const first = upload(cli.url, { image: bigCard }); // runs
    await new Promise((r) => setTimeout(r, 300));
    const second = upload(cli.url, { image: card }); // waits
    await new Promise((r) => setTimeout(r, 100));
    const third = await upload(cli.url, { image: card }); // no room
    assert.equal(third.status, 503);
    assert.match(third.headers.get("retry-after") ?? "", /^[1-9]\d*$/);
    assert.match(((await third.json()) as { detail: string }).detail, /busy/);
    assert.equal(await mrzOf(await first), CARD_MRZ);
    assert.equal(await mrzOf(await second), CARD_MRZ);
  });

  test("concurrent uploads on two threads all get their own correct answer", async () => {
    await cli.stop();
    cli = await startCli({ MRZ_RATE_LIMIT: "0", MRZ_RECOGNIZER_THREADS: "2" });
    const images = [card, blank, card, card, blank, card];
    const answers = await Promise.all(images.map((image) => upload(cli.url, { image })));
    for (const [i, res] of answers.entries()) {
      if (images[i] === card) assert.equal(await mrzOf(res), CARD_MRZ);
      else assert.equal(res.status, 422);
    }
  });

  test("SIGTERM lets the read in flight finish, then the process exits (no thread left running)", async () => {
    const reading = upload(cli.url, { image: bigCard });
    await new Promise((r) => setTimeout(r, 300));
    cli.child.kill("SIGTERM");
    assert.equal(await mrzOf(await reading), CARD_MRZ);
    assert.equal(await cli.exited(), 0);
  });
});

describe("the worker pool itself", () => {
  test("an embedder that closes the pool gets its process back: no thread keeps it alive", () => {
    const script = `
      import { createWorkerRecognizer } from "./src/server/local-pool/index.js";
      import { readFileSync } from "node:fs";
      const pool = createWorkerRecognizer({ threads: 2, maxQueue: 4 });
      const image = new Uint8Array(readFileSync("demo/sample-card.jpg"));
      const res = await pool.recognize({ image, mediaType: "image/jpeg", signal: new AbortController().signal, requestId: "x" });
      await pool.close();
      console.log(res.status);`;
    const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: root,
      timeout: 20_000,
      encoding: "utf8",
    });
    assert.equal(out.trim(), "200");
  });

  test("a crashed worker's job is answered 500 and a fresh worker takes the next job", async () => {
    const pool = createWorkerRecognizer({
      threads: 1,
      maxQueue: 4,
      workerUrl: new URL("./worker-recognizer.crash-worker.ts", import.meta.url),
    });
    try {
      const ask = (requestId: string, image = new Uint8Array(card)) =>
        pool.recognize({ image, mediaType: "image/jpeg", signal: new AbortController().signal, requestId });
      await assert.rejects(ask("crash"), (e: unknown) => e instanceof HttpError && e.status === 500);
      const image = new Uint8Array(card);
      const res = await ask("after", image);
      assert.deepEqual(res, { status: 200, body: { bytes: card.byteLength } });
      // The bytes were moved to the worker, not copied.
      assert.equal(image.buffer.byteLength, 0);
      assert.equal(pool.workersStarted, 2);
    } finally {
      await pool.close();
    }
  });

  test("a worker that cannot start is reported, not retried forever", async () => {
    const pool = createWorkerRecognizer({
      threads: 1,
      maxQueue: 4,
      workerUrl: new URL("./no-such-worker.js", import.meta.url),
    });
    await pool.ready;
    assert.match(String(pool.startError?.message), /no-such-worker|Cannot find/);
    assert.equal(await pool.selfCheck, false);
    await assert.rejects(
      pool.recognize({ image: new Uint8Array(card), mediaType: "image/jpeg", signal: new AbortController().signal, requestId: "x" }),
      (e: unknown) => e instanceof HttpError && e.status === 503,
    );
    await pool.close();
  });

  test("an aborted read terminates its worker at once and a replacement takes over", async () => {
    const pool = createWorkerRecognizer({ threads: 1, maxQueue: 4 });
    try {
      await pool.ready;
      const controller = new AbortController();
      const reading = pool.recognize({
        image: new Uint8Array(bigCard),
        mediaType: "image/jpeg",
        signal: controller.signal,
        requestId: "slow",
      });
      setTimeout(() => controller.abort(new Error("deadline")), 200);
      await assert.rejects(reading, /deadline/);
      assert.equal(pool.workersStarted, 2);
      const res = await pool.recognize({
        image: new Uint8Array(card),
        mediaType: "image/jpeg",
        signal: new AbortController().signal,
        requestId: "next",
      });
      assert.equal(res.body.mrz_string, CARD_MRZ);
    } finally {
      await pool.close();
    }
  });
});
