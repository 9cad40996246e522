import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createServer, type ViteDevServer } from "vite";
import { mrzServerPlugin } from "../../src/server/vite-plugin.js";
import {
  FAKE_API_KEY,
  jpegLike,
  startFakeUpstream,
  SUCCESS_BODY,
  type FakeUpstream,
} from "./fake-upstream.js";
import { upload } from "./helpers.js";

describe("mrzServerPlugin in the Vite dev server", () => {
  let fake: FakeUpstream;
  let vite: ViteDevServer;
  let url: string;
  let root: string;
  before(async () => {
    fake = await startFakeUpstream();
    root = mkdtempSync(join(tmpdir(), "mrz-vite-"));
    writeFileSync(
      join(root, "index.html"),
      "<!doctype html><title>demo</title><p>demo page</p>",
    );
    vite = await createServer({
      configFile: false,
      root,
      logLevel: "silent",
      server: {
        host: "127.0.0.1",
        port: 0,
        hmr: false,
        ws: false,
        watch: null,
      },
      optimizeDeps: { noDiscovery: true, include: [] },
      plugins: [
        mrzServerPlugin({
          env: { MRZ_API_KEY: FAKE_API_KEY, MRZ_UPSTREAM_URL: fake.url },
        }),
      ],
    });
    await vite.listen();
    const { port } = vite.httpServer?.address() as AddressInfo;
    url = `http://127.0.0.1:${port}`;
  });
  after(async () => {
    await vite.close();
    await fake.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("answers /api/mrz on the page origin with the real backend, and leaves the page to Vite", async () => {
    const image = jpegLike(50_000, "ok", 9);
    const res = await upload(url, { image, headers: { Origin: url } });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), SUCCESS_BODY);
    assert.deepEqual(fake.received.at(-1)?.image, image);
    assert.equal(fake.received.at(-1)?.apiKey, FAKE_API_KEY);
    assert.deepEqual(await (await fetch(`${url}/healthz`)).json(), {
      status: "ok",
      recognizer: "upstream",
    });
    const page = await fetch(`${url}/`);
    assert.match(await page.text(), /demo page/);
  });
});
