import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ConfigError,
  configFromEnv,
  parseBytes,
} from "../../src/server/config.js";
import {
  MemoryRateLimitStore,
  parseRateLimit,
} from "../../src/server/rate-limit.js";

describe("configFromEnv", () => {
  it("uses the documented defaults", () => {
    const c = configFromEnv({});
    assert.equal(c.apiKey, undefined);
    assert.equal(
      c.upstreamUrl,
      "https://kyc.biometric.kz/api/v1/backend/mrz/retrieve/",
    );
    assert.equal(c.port, 8787);
    assert.equal(c.host, "127.0.0.1");
    assert.deepEqual(c.allowedOrigins, []);
    assert.equal(c.maxBytes, 10 * 1024 * 1024);
    assert.equal(c.timeoutMs, 30_000);
    assert.deepEqual(c.rateLimit, { limit: 30, windowMs: 60_000 });
    assert.equal(c.trustProxy, false);
    assert.equal(c.recognizer, undefined);
  });

  it("reads every variable", () => {
    const c = configFromEnv({
      MRZ_API_KEY: " k ",
      MRZ_UPSTREAM_URL: "http://127.0.0.1:9/x/",
      PORT: "0",
      HOST: "0.0.0.0",
      MRZ_ALLOWED_ORIGINS: "https://a.example, https://b.example,",
      MRZ_MAX_BYTES: "2MB",
      MRZ_TIMEOUT_MS: "1500",
      MRZ_RATE_LIMIT: "5/s",
      MRZ_TRUST_PROXY: "2",
      MRZ_RECOGNIZER: "LOCAL",
    });
    assert.equal(c.apiKey, "k");
    assert.equal(c.port, 0);
    assert.deepEqual(c.allowedOrigins, [
      "https://a.example",
      "https://b.example",
    ]);
    assert.equal(c.maxBytes, 2 * 1024 * 1024);
    assert.equal(c.timeoutMs, 1500);
    assert.deepEqual(c.rateLimit, { limit: 5, windowMs: 1000 });
    assert.equal(c.trustProxy, 2);
    assert.equal(c.recognizer, "local");
    assert.equal(configFromEnv({ MRZ_RATE_LIMIT: "off" }).rateLimit, null);
    assert.equal(configFromEnv({ MRZ_TRUST_PROXY: "true" }).trustProxy, true);
  });

  it("refuses nonsense instead of guessing", () => {
    for (const env of [
      { PORT: "80a" },
      { MRZ_MAX_BYTES: "lots" },
      { MRZ_TIMEOUT_MS: "-1" },
      { MRZ_RATE_LIMIT: "many" },
      { MRZ_TRUST_PROXY: "maybe" },
      { MRZ_RECOGNIZER: "tesseract" },
      { MRZ_UPSTREAM_URL: "not a url" },
    ]) {
      assert.throws(() => configFromEnv(env), ConfigError, JSON.stringify(env));
    }
  });

  it("parses sizes and rates", () => {
    assert.equal(parseBytes("512k"), 512 * 1024);
    assert.equal(parseBytes("1.5 MB"), 1.5 * 1024 * 1024);
    assert.equal(parseBytes("1000"), 1000);
    assert.deepEqual(parseRateLimit("30"), { limit: 30, windowMs: 60_000 });
    assert.deepEqual(parseRateLimit("1000/h"), {
      limit: 1000,
      windowMs: 3_600_000,
    });
    assert.equal(parseRateLimit("0"), null);
  });
});

describe("MemoryRateLimitStore", () => {
  it("counts per key within a window and starts again after it", async () => {
    let now = 1_000;
    const store = new MemoryRateLimitStore(() => now);
    assert.deepEqual(await store.increment("a", 60_000), {
      count: 1,
      resetAt: 61_000,
    });
    assert.deepEqual(await store.increment("a", 60_000), {
      count: 2,
      resetAt: 61_000,
    });
    assert.deepEqual(await store.increment("b", 60_000), {
      count: 1,
      resetAt: 61_000,
    });
    now = 61_000;
    assert.deepEqual(await store.increment("a", 60_000), {
      count: 1,
      resetAt: 121_000,
    });
  });
});
