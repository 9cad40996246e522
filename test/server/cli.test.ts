import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import {
  FAKE_API_KEY,
  jpegLike,
  startFakeUpstream,
  SUCCESS_BODY,
  type FakeUpstream,
} from "./fake-upstream.js";
import { startCli } from "./cli-process.js";
import { upload } from "./helpers.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

async function failingCli(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/server/cli.ts"],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", PORT: "0", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  return { code, stderr };
}

describe("mrz-scanner-server CLI", () => {
  let fake: FakeUpstream;
  before(async () => (fake = await startFakeUpstream()));
  after(() => fake.close());

  it("with a key: forwards to the upstream, logs without the key, and drains an in-flight request on SIGTERM", async () => {
    const cli = await startCli({
      MRZ_API_KEY: FAKE_API_KEY,
      MRZ_UPSTREAM_URL: fake.url,
      MRZ_TIMEOUT_MS: "5000",
    });
    try {
      assert.equal(cli.started.recognizer, "upstream");
      assert.match(String(cli.started.note), /MRZ_API_KEY/);
      const image = jpegLike(100 * 1024, "ok", 3);
      const res = await upload(cli.url, { image });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), SUCCESS_BODY);
      assert.deepEqual(fake.received.at(-1)?.image, image);
      assert.equal(fake.received.at(-1)?.apiKey, FAKE_API_KEY);

      // The upstream takes 1.2 s; SIGTERM arrives in the middle of it.
      const received = fake.received.length + 1;
      const slow = upload(cli.url, { image: jpegLike(1000, "slow-1200") });
      // SIGTERM once the upstream has the request, i.e. while the server waits for its answer.
      for (let i = 0; i < 250 && fake.received.length < received; i++)
        await new Promise((r) => setTimeout(r, 20));
      assert.equal(fake.received.length, received);
      cli.child.kill("SIGTERM");
      const answer = await slow;
      assert.equal(answer.status, 200, "the in-flight request finished");
      assert.deepEqual(await answer.json(), SUCCESS_BODY);
      assert.equal(await cli.exited(), 0);
      assert.equal(fake.received.length, received);
      await assert.rejects(fetch(`${cli.url}/healthz`), "no longer accepting");
      const out = cli.stdout.join("\n") + cli.stderr.join("\n");
      assert.ok(!out.includes(FAKE_API_KEY), "the key is in no log line");
      assert.ok(
        cli.stdout.some((l) => /"path":"\/api\/mrz","status":200/.test(l)),
      );
      assert.ok(cli.stdout.some((l) => l.includes('"msg":"stopped"')));
    } finally {
      cli.child.kill("SIGKILL");
    }
  });

  it("without a key: still starts and says which recognizer answers", async () => {
    const cli = await startCli({ MRZ_RATE_LIMIT: "2/min" });
    try {
      const name = cli.started.recognizer;
      assert.ok(name === "none" || name === "local", String(name));
      assert.equal(cli.stdout.filter((l) => l.includes("listening")).length, 1);
      assert.deepEqual(await (await fetch(`${cli.url}/healthz`)).json(), {
        status: "ok",
        recognizer: name,
      });
      const res = await upload(cli.url, { image: jpegLike(1000) });
      if (name === "none") {
        assert.match(String(cli.started.note), /MRZ_API_KEY/);
        assert.equal(res.status, 503);
        assert.deepEqual(await res.json(), {
          detail: "No recognizer configured: set MRZ_API_KEY",
        });
      } else {
        // Not a card: the embedded recognizer refuses it the way the upstream would.
        assert.ok([400, 415, 422].includes(res.status), String(res.status));
        assert.equal(
          typeof ((await res.json()) as { detail?: unknown }).detail,
          "string",
        );
      }
      await upload(cli.url, { image: jpegLike(1000) }).then((r) =>
        r.body?.cancel(),
      );
      assert.equal(
        (await upload(cli.url, { image: jpegLike(1000) })).status,
        429,
        "the limit applies here too",
      );
      cli.child.kill("SIGINT");
      assert.equal(await cli.exited(), 0);
    } finally {
      cli.child.kill("SIGKILL");
    }
  });

  it("refuses to start on a contradictory or malformed configuration, saying why", async () => {
    const a = await failingCli({ MRZ_RECOGNIZER: "upstream" });
    assert.equal(a.code, 1);
    assert.match(a.stderr, /MRZ_RECOGNIZER=upstream needs MRZ_API_KEY/);
    const b = await failingCli({
      MRZ_MAX_BYTES: "ten megs",
      MRZ_API_KEY: FAKE_API_KEY,
    });
    assert.equal(b.code, 1);
    assert.match(b.stderr, /MRZ_MAX_BYTES/);
    assert.ok(!b.stderr.includes(FAKE_API_KEY));
  });
});
