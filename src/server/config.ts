import {
  DEFAULT_MAX_BYTES,
  DEFAULT_TIMEOUT_MS,
  type MrzServerOptions,
} from "./app.js";
import { parseRateLimit } from "./rate-limit.js";
import type { Recognizer } from "./recognizer.js";
import { DEFAULT_UPSTREAM_URL } from "./upstream-recognizer.js";

/** A setting that makes no sense; the CLI says which and exits instead of guessing. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export interface ServerConfig {
  readonly apiKey: string | undefined;
  readonly upstreamUrl: string;
  readonly port: number;
  readonly host: string;
  readonly allowedOrigins: string[];
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly rateLimit: { limit: number; windowMs: number } | null;
  readonly trustProxy: boolean | number;
  /** Asked for explicitly with MRZ_RECOGNIZER; otherwise chosen by whether a key is set. */
  readonly recognizer: "local" | "upstream" | undefined;
  /** How long in-flight requests may take to finish after SIGTERM. */
  readonly shutdownMs: number;
}

export type Environment = Readonly<Record<string, string | undefined>>;

export function configFromEnv(env: Environment): ServerConfig {
  const recognizer = env.MRZ_RECOGNIZER?.trim().toLowerCase() || undefined;
  if (
    recognizer !== undefined &&
    recognizer !== "local" &&
    recognizer !== "upstream"
  ) {
    throw new ConfigError(
      `MRZ_RECOGNIZER must be "local" or "upstream", not ${JSON.stringify(recognizer)}`,
    );
  }
  const upstreamUrl = env.MRZ_UPSTREAM_URL?.trim() || DEFAULT_UPSTREAM_URL;
  try {
    new URL(upstreamUrl);
  } catch {
    throw new ConfigError("MRZ_UPSTREAM_URL is not a URL");
  }
  let rateLimit: ServerConfig["rateLimit"];
  try {
    rateLimit = env.MRZ_RATE_LIMIT?.trim()
      ? parseRateLimit(env.MRZ_RATE_LIMIT)
      : { limit: 30, windowMs: 60_000 };
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  return {
    apiKey: env.MRZ_API_KEY?.trim() || undefined,
    upstreamUrl,
    port: integer(env, "PORT", 8787, 0, 65535),
    host: env.HOST?.trim() || "127.0.0.1",
    allowedOrigins: (env.MRZ_ALLOWED_ORIGINS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    maxBytes: env.MRZ_MAX_BYTES?.trim()
      ? parseBytes(env.MRZ_MAX_BYTES)
      : DEFAULT_MAX_BYTES,
    timeoutMs: integer(
      env,
      "MRZ_TIMEOUT_MS",
      DEFAULT_TIMEOUT_MS,
      1,
      10 * 60_000,
    ),
    rateLimit,
    trustProxy: parseTrustProxy(env.MRZ_TRUST_PROXY),
    recognizer,
    shutdownMs: integer(env, "MRZ_SHUTDOWN_MS", 10_000, 0, 10 * 60_000),
  };
}

/** The app's options for a configuration, whoever hosts the app (the CLI, the Vite plugin). */
export function appOptions(
  config: ServerConfig,
  recognizer: Recognizer,
  logger: (line: string) => void,
): MrzServerOptions {
  return {
    apiKey: config.apiKey,
    upstreamUrl: config.upstreamUrl,
    maxBytes: config.maxBytes,
    timeoutMs: config.timeoutMs,
    rateLimit: config.rateLimit ?? false,
    allowedOrigins: config.allowedOrigins,
    trustProxy: config.trustProxy,
    recognizer,
    logger,
  };
}

/** `10485760`, `10MB`, `512k`, `1.5m` (binary units: 1 MB = 1024 × 1024 bytes). */
export function parseBytes(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib)?\s*$/i.exec(text);
  if (!m)
    throw new ConfigError(
      `MRZ_MAX_BYTES must look like 10485760, 512k or 10MB, not ${JSON.stringify(text)}`,
    );
  const unit = (m[2] ?? "b").toLowerCase()[0];
  const bytes = Math.floor(
    Number(m[1]) * (unit === "k" ? 1024 : unit === "m" ? 1024 * 1024 : 1),
  );
  if (bytes < 1) throw new ConfigError("MRZ_MAX_BYTES must be at least 1 byte");
  return bytes;
}

function parseTrustProxy(text: string | undefined): boolean | number {
  const v = text?.trim().toLowerCase() ?? "";
  if (v === "" || v === "0" || v === "false" || v === "no") return false;
  if (v === "true" || v === "yes") return true;
  if (/^\d+$/.test(v)) return Number(v);
  throw new ConfigError(
    `MRZ_TRUST_PROXY must be true, false or a number of proxies, not ${JSON.stringify(text)}`,
  );
}

function integer(
  env: Environment,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(
      `${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(text)}`,
    );
  }
  return n;
}
