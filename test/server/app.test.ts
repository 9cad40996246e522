import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Recognizer } from "../../src/server/index.js";
import {
  FAKE_API_KEY,
  jpegLike,
  startFakeUpstream,
  SUCCESS_BODY,
  UPSTREAM_400_MESSAGES,
  type FakeUpstream,
} from "./fake-upstream.js";
import {
  jsonLines,
  naiveUpload,
  startTestServer,
  streamingUpload,
  upload,
  type TestServer,
} from "./helpers.js";

const CLIENT_KEY = "client-supplied-key-that-must-never-travel-0000000000";
const MAX_BYTES = 1024 * 1024;

/** Everything a client can see of a response: status line aside, its headers and body. */
async function visible(res: Response): Promise<{ text: string; seen: string }> {
  const text = await res.text();
  return {
    text,
    seen: `${[...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n")}\n${text}`,
  };
}

const png = () =>
  new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...jpegLike(500).subarray(8),
  ]);
const webp = () => {
  const b = jpegLike(500);
  b.set(new TextEncoder().encode("RIFF"), 0);
  b.set(new TextEncoder().encode("WEBPVP8 "), 8);
  return b;
};

describe("POST /api/mrz through the upstream recognizer", () => {
  let fake: FakeUpstream;
  let srv: TestServer;
  const seen: string[] = [];
  const check = async (res: Response) => {
    const v = await visible(res);
    seen.push(v.seen);
    return v.text;
  };

  before(async () => {
    fake = await startFakeUpstream();
    srv = await startTestServer({
      apiKey: FAKE_API_KEY,
      upstreamUrl: fake.url,
      rateLimit: false,
      timeoutMs: 700,
      maxBytes: MAX_BYTES,
      // Generous, so that a client slowed down by a busy machine still finishes writing in time.
      lingerMs: 8000,
    });
  });
  after(async () => {
    await srv.close();
    await fake.close();
  });

  it("forwards the key and the identical image bytes, and returns the upstream answer as is", async () => {
    const image = jpegLike(300 * 1024, "ok", 7);
    const res = await upload(srv.url, {
      image,
      claimedType: "image/png",
      fileName: "x.png",
    });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(await check(res)), SUCCESS_BODY);
    assert.equal(res.headers.get("cache-control"), "no-store");
    const got = fake.received.at(-1);
    assert.equal(got?.apiKey, FAKE_API_KEY);
    assert.deepEqual(got?.image, image);
    assert.equal(
      got?.imageType,
      "image/jpeg",
      "the type comes from the magic bytes, not the claim",
    );
    assert.equal(got?.headers.accept, "application/json");
  });

  it("accepts PNG and WebP by their magic bytes", async () => {
    for (const image of [png(), webp()]) {
      const res = await upload(srv.url, {
        image,
        claimedType: "application/octet-stream",
      });
      assert.equal(res.status, 200);
      await check(res);
      assert.deepEqual(fake.received.at(-1)?.image, image);
    }
    assert.equal(fake.received.at(-2)?.imageType, "image/png");
    assert.equal(fake.received.at(-1)?.imageType, "image/webp");
  });

  it("drops an api_key sent by the client, as a form field or as a header", async () => {
    const res = await upload(srv.url, {
      image: jpegLike(2000),
      fields: { api_key: CLIENT_KEY },
      headers: {
        api_key: CLIENT_KEY,
        "x-api-key": CLIENT_KEY,
        authorization: `Bearer ${CLIENT_KEY}`,
      },
    });
    assert.equal(res.status, 200);
    await check(res);
    const got = fake.received.at(-1);
    assert.equal(got?.apiKey, FAKE_API_KEY);
    assert.deepEqual(got?.fields, ["api_key", "image"]);
    assert.ok(
      !JSON.stringify(got?.headers).includes(CLIENT_KEY),
      "no client header reaches the upstream",
    );
  });

  for (const [scenario, message] of Object.entries(UPSTREAM_400_MESSAGES)) {
    it(`passes the upstream 400 "${message}" through`, async () => {
      const res = await upload(srv.url, { image: jpegLike(1000, scenario) });
      assert.equal(res.status, 400);
      assert.deepEqual(JSON.parse(await check(res)), { detail: message });
    });
  }

  it("passes the upstream 422 and 503 through", async () => {
    const a = await upload(srv.url, { image: jpegLike(1000, "parse-error") });
    assert.equal(a.status, 422);
    assert.deepEqual(JSON.parse(await check(a)), {
      detail: "Error while parsing MRZ",
    });
    const b = await upload(srv.url, { image: jpegLike(1000, "unavailable") });
    assert.equal(b.status, 503);
    assert.deepEqual(JSON.parse(await check(b)), {
      detail: "MRZ service not available now",
    });
  });

  it("answers 504 when the upstream is slower than the timeout, and hangs up on it", async () => {
    const t0 = performance.now();
    const res = await upload(srv.url, { image: jpegLike(1000, "hang") });
    const took = performance.now() - t0;
    assert.equal(res.status, 504);
    assert.deepEqual(JSON.parse(await check(res)), {
      detail: "Recognition service did not answer within 700 ms",
    });
    assert.ok(took >= 650 && took < 10_000, `took ${took} ms`);
    for (let i = 0; i < 50 && fake.inFlight() > 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    assert.equal(
      fake.inFlight(),
      0,
      "the upstream request was aborted, not left hanging",
    );
  });

  it("stops waiting for the upstream when the client goes away", async () => {
    const patient = await startTestServer({
      apiKey: FAKE_API_KEY,
      upstreamUrl: fake.url,
      rateLimit: false,
      timeoutMs: 60_000,
    });
    try {
      const before = fake.received.length;
      const controller = new AbortController();
      const pending = upload(patient.url, {
        image: jpegLike(1000, "hang"),
        signal: controller.signal,
      });
      for (let i = 0; i < 250 && fake.received.length === before; i++)
        await new Promise((r) => setTimeout(r, 20));
      assert.equal(fake.inFlight(), 1);
      controller.abort();
      await assert.rejects(pending);
      for (let i = 0; i < 250 && fake.inFlight() > 0; i++)
        await new Promise((r) => setTimeout(r, 20));
      assert.equal(fake.inFlight(), 0, "the upstream request was cancelled");
      for (let i = 0; i < 100 && patient.logs.length === 0; i++)
        await new Promise((r) => setTimeout(r, 20));
      assert.equal(jsonLines(patient.logs)[0]?.status, 499);
    } finally {
      await patient.close();
    }
  });

  it("answers 502 when the upstream answers HTML or a JSON array", async () => {
    for (const scenario of ["garbage", "array"]) {
      const res = await upload(srv.url, { image: jpegLike(1000, scenario) });
      assert.equal(res.status, 502, scenario);
      assert.match(
        JSON.parse(await check(res)).detail,
        /not JSON|not an object/,
      );
    }
  });

  it("redacts the key when the upstream echoes it", async () => {
    const res = await upload(srv.url, { image: jpegLike(1000, "echo-key") });
    assert.equal(res.status, 400);
    const text = await check(res);
    assert.ok(!text.includes(FAKE_API_KEY));
    assert.match(JSON.parse(text).detail, /api_key=\[redacted\]/);
  });

  it("answers 400 for a missing image, an empty image and a broken multipart body", async () => {
    const before = fake.received.length;
    const none = await upload(srv.url, { fields: { photo: "x" } });
    assert.equal(none.status, 400);
    assert.match(JSON.parse(await check(none)).detail, /No image/);
    const empty = await upload(srv.url, { image: new Uint8Array(0) });
    // FormData drops nothing: a zero-byte file is still a part.
    assert.equal(empty.status, 400);
    assert.deepEqual(JSON.parse(await check(empty)), { detail: "Empty image" });
    const broken = await fetch(`${srv.url}/api/mrz`, {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=abc" },
      // Cut off before its closing delimiter.
      body: Buffer.concat([
        Buffer.from(
          '--abc\r\nContent-Disposition: form-data; name="image"\r\n\r\n',
        ),
        Buffer.from(jpegLike(5000)),
      ]),
    });
    assert.equal(broken.status, 400);
    assert.match(JSON.parse(await check(broken)).detail, /Malformed/);
    assert.equal(fake.received.length, before, "nothing was forwarded");
  });

  it("answers 415 for a non-image whatever the client claims, and for a non-multipart body", async () => {
    const before = fake.received.length;
    const gif = new TextEncoder().encode("GIF89a....................");
    const text = new TextEncoder().encode("hello, I am a JPEG, honest");
    for (const image of [gif, text]) {
      const res = await upload(srv.url, {
        image,
        claimedType: "image/jpeg",
        fileName: "card.jpg",
      });
      assert.equal(res.status, 415);
      assert.deepEqual(JSON.parse(await check(res)), {
        detail: "Unsupported image type: send a JPEG, PNG or WebP",
      });
    }
    const json = await fetch(`${srv.url}/api/mrz`, {
      method: "POST",
      body: '{"image":"..."}',
      headers: { "Content-Type": "application/json" },
    });
    assert.equal(json.status, 415);
    await check(json);
    assert.equal(fake.received.length, before);
  });

  it("answers 413 to an upload whose Content-Length is over the limit", async () => {
    const before = fake.received.length;
    const res = await upload(srv.url, { image: jpegLike(MAX_BYTES + 1000) });
    assert.equal(res.status, 413);
    assert.deepEqual(JSON.parse(await check(res)), {
      detail: `Request body exceeds ${MAX_BYTES} bytes`,
    });
    assert.equal(fake.received.length, before);
  });

  it("answers 413 while a chunked upload without Content-Length is still arriving, and the client reads it", async () => {
    const total = 16 * MAX_BYTES;
    const res = await streamingUpload(srv.url, total);
    assert.equal(res.status, 413);
    assert.deepEqual(JSON.parse(res.body), {
      detail: `Request body exceeds ${MAX_BYTES} bytes`,
    });
    assert.equal(res.headers.connection, "close");
    assert.ok(
      res.bytesSent < total,
      `answered after ${res.bytesSent} of ${total} bytes`,
    );
    // The server is still fine afterwards.
    const ok = await upload(srv.url, { image: jpegLike(1000) });
    assert.equal(ok.status, 200);
    await check(ok);
  });

  for (const chunked of [false, true]) {
    it(`a client that writes its whole oversized ${chunked ? "chunked " : ""}body before reading still gets the 413`, async () => {
      // ~1 s of writing: longer than a server that merely drains for a moment would wait.
      const res = await naiveUpload(srv.url, MAX_BYTES + 512 * 1024, {
        chunk: 64 * 1024,
        intervalMs: 40,
        chunked,
      });
      assert.equal(
        res.writeError,
        null,
        "the connection was not reset under the client",
      );
      assert.match(res.response, /^HTTP\/1\.1 413 /);
      assert.match(res.response, /\r\nconnection: close\r\n/i);
      assert.ok(
        res.response.endsWith(
          JSON.stringify({ detail: `Request body exceeds ${MAX_BYTES} bytes` }),
        ),
      );
    });
  }

  it("serves /healthz and /openapi.json, and JSON errors for unknown routes", async () => {
    const health = await fetch(`${srv.url}/healthz`);
    assert.deepEqual(JSON.parse(await check(health)), {
      status: "ok",
      recognizer: "upstream",
    });
    const doc = await fetch(`${srv.url}/openapi.json`);
    assert.equal(doc.status, 200);
    const spec = JSON.parse(await check(doc));
    assert.equal(spec.openapi, "3.1.0");
    const responses = spec.paths["/api/mrz"].post.responses;
    for (const code of [
      "200",
      "400",
      "413",
      "415",
      "422",
      "429",
      "502",
      "503",
      "504",
    ])
      assert.ok(responses[code], code);
    assert.ok(responses["429"].headers["Retry-After"]);
    assert.deepEqual(spec.components.schemas.Error.required, ["detail"]);
    const missing = await fetch(`${srv.url}/nope`);
    assert.equal(missing.status, 404);
    assert.deepEqual(JSON.parse(await check(missing)), { detail: "Not found" });
    const get = await fetch(`${srv.url}/api/mrz`);
    assert.equal(get.status, 405);
    await check(get);
  });

  it("answers 502 when the upstream cannot be reached", async () => {
    const gone = await startFakeUpstream();
    await gone.close();
    const s = await startTestServer({
      apiKey: FAKE_API_KEY,
      upstreamUrl: gone.url,
      rateLimit: false,
    });
    try {
      const res = await upload(s.url, { image: jpegLike(1000) });
      assert.equal(res.status, 502);
      assert.deepEqual(JSON.parse(await check(res)), {
        detail: "Recognition service unreachable",
      });
      assert.ok(!s.logs.join("\n").includes(FAKE_API_KEY));
      const line = jsonLines(s.logs).find((l) => l.status === 502);
      assert.match(
        String(line?.failure),
        /^BadGatewayError: .*ECONNREFUSED$/,
        "the log says why, by error code",
      );
    } finally {
      await s.close();
    }
  });

  it("logs one JSON line per request, without key, image or MRZ content; no response ever shows the key", () => {
    const lines = jsonLines(srv.logs);
    assert.ok(lines.length >= 20);
    for (const l of lines) {
      for (const field of [
        "time",
        "id",
        "method",
        "path",
        "status",
        "ms",
        "bytesIn",
        "bytesOut",
      ])
        assert.ok(field in l, field);
    }
    const ok = lines.find((l) => l.status === 200 && l.path === "/api/mrz");
    assert.ok(
      ok && (ok.bytesIn as number) > 300 * 1024,
      "the uploaded size is logged",
    );
    const all = srv.logs.join("\n");
    assert.ok(!all.includes(FAKE_API_KEY) && !all.includes(CLIENT_KEY));
    assert.ok(
      !all.includes("SCENARIO=") &&
        !all.includes("IDKGZ") &&
        !all.includes("TEST<<SAMPLE"),
    );
    assert.ok(srv.logs.every((l) => !l.includes("\n")));
    assert.ok(seen.length >= 20);
    for (const s of seen)
      assert.ok(!s.includes(FAKE_API_KEY) && !s.includes(CLIENT_KEY));
  });
});

describe("POST /api/mrz rate limit", () => {
  let fake: FakeUpstream;
  before(async () => (fake = await startFakeUpstream()));
  after(() => fake.close());

  it("answers 429 with Retry-After past the limit, before reading the upload", async () => {
    const srv = await startTestServer({
      apiKey: FAKE_API_KEY,
      upstreamUrl: fake.url,
      rateLimit: { limit: 3 },
    });
    try {
      for (let i = 0; i < 3; i++)
        assert.equal(
          (await upload(srv.url, { image: jpegLike(1000) })).status,
          200,
        );
      const before = fake.received.length;
      const res = await upload(srv.url, { image: jpegLike(1000) });
      assert.equal(res.status, 429);
      assert.deepEqual(await res.json(), { detail: "Too many requests" });
      const retry = Number(res.headers.get("retry-after"));
      assert.ok(retry >= 1 && retry <= 60, `Retry-After ${retry}`);
      assert.equal(fake.received.length, before);
    } finally {
      await srv.close();
    }
  });

  it("counts a client by its socket address, ignoring X-Forwarded-For unless told to trust a proxy", async () => {
    const srv = await startTestServer({
      apiKey: FAKE_API_KEY,
      upstreamUrl: fake.url,
      rateLimit: { limit: 1 },
    });
    try {
      const xff = (ip: string) => ({
        headers: { "x-forwarded-for": ip },
        image: jpegLike(1000),
      });
      assert.equal((await upload(srv.url, xff("10.0.0.1"))).status, 200);
      assert.equal(
        (await upload(srv.url, xff("10.0.0.2"))).status,
        429,
        "a forged header buys no new quota",
      );
    } finally {
      await srv.close();
    }
    const proxied = await startTestServer({
      apiKey: FAKE_API_KEY,
      upstreamUrl: fake.url,
      rateLimit: { limit: 1 },
      trustProxy: true,
    });
    try {
      const xff = (ip: string) => ({
        headers: { "x-forwarded-for": ip },
        image: jpegLike(1000),
      });
      assert.equal((await upload(proxied.url, xff("10.0.0.1"))).status, 200);
      assert.equal((await upload(proxied.url, xff("10.0.0.2"))).status, 200);
      assert.equal((await upload(proxied.url, xff("10.0.0.1"))).status, 429);
      // Only the entry the trusted proxy appended counts; what the client wrote before it does not.
      assert.equal(
        (await upload(proxied.url, xff("10.9.9.9, 10.0.0.1"))).status,
        429,
      );
    } finally {
      await proxied.close();
    }
  });

  it("applies whichever recognizer answers", async () => {
    let calls = 0;
    const local: Recognizer = {
      name: "test-local",
      recognize: () =>
        Promise.resolve({ status: 200, body: { result: true, n: ++calls } }),
    };
    const srv = await startTestServer({
      recognizer: local,
      rateLimit: { limit: 2 },
    });
    try {
      assert.equal(
        (await upload(srv.url, { image: jpegLike(100) })).status,
        200,
      );
      assert.equal(
        (await upload(srv.url, { image: jpegLike(100) })).status,
        200,
      );
      assert.equal(
        (await upload(srv.url, { image: jpegLike(100) })).status,
        429,
      );
      assert.equal(calls, 2);
    } finally {
      await srv.close();
    }
  });
});

describe("POST /api/mrz with another recognizer", () => {
  it("hands the recognizer the bytes, detected type and a signal, and returns its answer", async () => {
    const seen: { size: number; type: string; name?: string }[] = [];
    const recognizer: Recognizer = {
      name: "probe",
      recognize: (r) => {
        seen.push({
          size: r.image.length,
          type: r.mediaType,
          ...(r.fileName && { name: r.fileName }),
        });
        return Promise.resolve({
          status: 422,
          body: { detail: "Error while parsing MRZ" },
        });
      },
    };
    const srv = await startTestServer({ recognizer });
    try {
      const res = await upload(srv.url, { image: png(), fileName: "a.png" });
      assert.equal(res.status, 422);
      assert.deepEqual(await res.json(), { detail: "Error while parsing MRZ" });
      assert.deepEqual(seen, [{ size: 500, type: "image/png", name: "a.png" }]);
      assert.deepEqual(await (await fetch(`${srv.url}/healthz`)).json(), {
        status: "ok",
        recognizer: "probe",
      });
    } finally {
      await srv.close();
    }
  });

  it("answers 504 even when a recognizer ignores its signal, and 500 when it throws", async () => {
    const stuck: Recognizer = {
      name: "stuck",
      recognize: () => new Promise(() => {}),
    };
    const broken: Recognizer = {
      name: "broken",
      recognize: () => Promise.reject(new Error("boom")),
    };
    const a = await startTestServer({ recognizer: stuck, timeoutMs: 200 });
    const b = await startTestServer({ recognizer: broken });
    try {
      const res = await upload(a.url, { image: jpegLike(100) });
      assert.equal(res.status, 504);
      await res.body?.cancel();
      const res2 = await upload(b.url, { image: jpegLike(100) });
      assert.equal(res2.status, 500);
      assert.deepEqual(await res2.json(), { detail: "Internal server error" });
      assert.ok(!b.logs.join("").includes("boom"));
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("without key or recognizer, answers 503 and says what to configure", async () => {
    const srv = await startTestServer({});
    try {
      const res = await upload(srv.url, { image: jpegLike(100) });
      assert.equal(res.status, 503);
      assert.deepEqual(await res.json(), {
        detail: "No recognizer configured: set MRZ_API_KEY",
      });
    } finally {
      await srv.close();
    }
  });
});

describe("CORS", () => {
  let fake: FakeUpstream;
  let srv: TestServer;
  let plain: TestServer;
  const allowed = "https://shop.example";
  before(async () => {
    fake = await startFakeUpstream();
    srv = await startTestServer({
      apiKey: FAKE_API_KEY,
      upstreamUrl: fake.url,
      allowedOrigins: [allowed],
    });
    plain = await startTestServer({
      apiKey: FAKE_API_KEY,
      upstreamUrl: fake.url,
    });
  });
  after(async () => {
    await srv.close();
    await plain.close();
    await fake.close();
  });

  const preflight = (url: string, origin: string) =>
    fetch(`${url}/api/mrz`, {
      method: "OPTIONS",
      headers: {
        Origin: origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, api_key",
      },
    });

  it("answers a preflight from an allowed origin, without granting an api_key header", async () => {
    const res = await preflight(srv.url, allowed);
    assert.equal(res.status, 204);
    assert.equal(res.headers.get("access-control-allow-origin"), allowed);
    assert.match(res.headers.get("access-control-allow-methods") ?? "", /POST/);
    assert.equal(
      res.headers.get("access-control-allow-headers"),
      "content-type",
    );
    assert.match(res.headers.get("vary") ?? "", /Origin/);
  });

  it("refuses a preflight from any other origin, with no CORS header", async () => {
    for (const url of [srv.url, plain.url]) {
      const res = await preflight(url, "https://evil.example");
      assert.equal(res.status, 403);
      assert.equal(res.headers.get("access-control-allow-origin"), null);
      await res.body?.cancel();
    }
  });

  it("puts CORS headers on the actual answer for an allowed origin only", async () => {
    const ok = await upload(srv.url, {
      image: jpegLike(1000),
      headers: { Origin: allowed },
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get("access-control-allow-origin"), allowed);
    assert.match(
      ok.headers.get("access-control-expose-headers") ?? "",
      /Retry-After/,
    );
    await ok.body?.cancel();
    const before = fake.received.length;
    const denied = await upload(srv.url, {
      image: jpegLike(1000),
      headers: { Origin: "https://evil.example" },
    });
    assert.equal(denied.status, 403);
    assert.equal(denied.headers.get("access-control-allow-origin"), null);
    assert.deepEqual(await denied.json(), { detail: "Origin not allowed" });
    assert.equal(
      fake.received.length,
      before,
      "a cross-site page cannot spend the quota",
    );
  });

  it("with no origins configured, serves same-origin pages and non-browser clients, without CORS headers", async () => {
    const host = new URL(plain.url).host;
    const same = await upload(plain.url, {
      image: jpegLike(1000),
      headers: { Origin: `http://${host}` },
    });
    assert.equal(same.status, 200);
    assert.equal(same.headers.get("access-control-allow-origin"), null);
    await same.body?.cancel();
    const curl = await upload(plain.url, { image: jpegLike(1000) });
    assert.equal(curl.status, 200);
    await curl.body?.cancel();
    const cross = await upload(plain.url, {
      image: jpegLike(1000),
      headers: { Origin: allowed },
    });
    assert.equal(cross.status, 403);
    assert.equal(cross.headers.get("access-control-allow-origin"), null);
    await cross.body?.cancel();
  });
});
