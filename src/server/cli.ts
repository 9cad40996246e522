#!/usr/bin/env node
/**
 * mrz-scanner-server: the reference backend on Node. Configured by environment variables
 * (MRZ_API_KEY, MRZ_UPSTREAM_URL, PORT, HOST, MRZ_ALLOWED_ORIGINS, MRZ_MAX_BYTES, MRZ_TIMEOUT_MS,
 * MRZ_RATE_LIMIT, MRZ_TRUST_PROXY, MRZ_RECOGNIZER, MRZ_SHUTDOWN_MS); see README.
 */
import { ConfigError } from "./config.js";
import { startServer } from "./start.js";

const line = (msg: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ time: new Date().toISOString(), msg, ...extra });

try {
  const running = await startServer(process.env);
  const stop = (signal: string) => {
    console.log(
      line("shutting down: finishing in-flight requests", { signal }),
    );
    void running.close().then(() => {
      console.log(line("stopped"));
      process.exit(0);
    });
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
} catch (e) {
  const known =
    e instanceof ConfigError || (e as { code?: string }).code === "EADDRINUSE";
  console.error(
    line(
      known ? (e as Error).message : "failed to start",
      known ? {} : { error: String(e) },
    ),
  );
  process.exit(1);
}
