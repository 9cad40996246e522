import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { BadGatewayError, UpstreamRecognizer } from "../../src/server/index.js";
import {
  FAKE_API_KEY,
  jpegLike,
  startFakeUpstream,
  SUCCESS_BODY,
  type FakeUpstream,
} from "./fake-upstream.js";

describe("UpstreamRecognizer", () => {
  let fake: FakeUpstream;
  before(async () => (fake = await startFakeUpstream()));
  after(() => fake.close());

  const request = (image: Uint8Array) => ({
    image,
    mediaType: "image/jpeg",
    requestId: "test",
  });

  it("sends the identical bytes whether or not the image has free room around it", async () => {
    const recognizer = new UpstreamRecognizer({
      apiKey: FAKE_API_KEY,
      url: fake.url,
    });
    const plain = jpegLike(10_000, "ok", 5);
    const roomy = new Uint8Array(2048 + plain.length + 512);
    roomy.set(plain, 2048);
    const view = roomy.subarray(2048, 2048 + plain.length);
    for (const image of [plain, view]) {
      const answer = await recognizer.recognize({
        ...request(image),
        signal: new AbortController().signal,
      });
      assert.deepEqual(answer, { status: 200, body: SUCCESS_BODY });
      assert.deepEqual(fake.received.at(-1)?.image, plain);
      assert.equal(fake.received.at(-1)?.apiKey, FAKE_API_KEY);
      assert.deepEqual(image, plain, "the image itself is left as it was");
    }
  });

  it("gives up when its signal aborts, closing the upstream request", async () => {
    const recognizer = new UpstreamRecognizer({
      apiKey: FAKE_API_KEY,
      url: fake.url,
    });
    const controller = new AbortController();
    const reason = new Error("budget spent");
    setTimeout(() => controller.abort(reason), 150);
    await assert.rejects(
      recognizer.recognize({
        ...request(jpegLike(1000, "hang")),
        signal: controller.signal,
      }),
      (e) => e === reason,
    );
    for (let i = 0; i < 50 && fake.inFlight() > 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    assert.equal(fake.inFlight(), 0);
  });

  it("refuses to follow a redirect, which would replay the key elsewhere", async () => {
    const { createServer } = await import("node:http");
    const redirector = createServer((req, res) => {
      req.resume();
      res.writeHead(307, { Location: fake.url }).end();
    });
    await new Promise<void>((r) => redirector.listen(0, "127.0.0.1", r));
    const before = fake.received.length;
    try {
      const port = (redirector.address() as { port: number }).port;
      const recognizer = new UpstreamRecognizer({
        apiKey: FAKE_API_KEY,
        url: `http://127.0.0.1:${port}/`,
      });
      await assert.rejects(
        recognizer.recognize({
          ...request(jpegLike(1000)),
          signal: new AbortController().signal,
        }),
        BadGatewayError,
      );
      assert.equal(fake.received.length, before);
    } finally {
      redirector.closeAllConnections();
      redirector.close();
    }
  });
});
