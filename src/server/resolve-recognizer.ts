import { ConfigError, type Environment, type ServerConfig } from "./config.js";
import type { Recognizer } from "./recognizer.js";
import { unavailableRecognizer } from "./unavailable-recognizer.js";
import { UpstreamRecognizer } from "./upstream-recognizer.js";

export interface ResolvedRecognizer {
  readonly recognizer: Recognizer;
  /** One sentence for the startup log saying what answers POST /api/mrz and why. */
  readonly note: string;
}

export interface ResolveOptions {
  /** Where MRZ_RECOGNIZER_THREADS / MRZ_RECOGNIZER_QUEUE are read; default process.env. */
  readonly env?: Environment;
}

/**
 * Picks the recognizer: the upstream when a key is set, else the embedded one; MRZ_RECOGNIZER
 * overrides. The embedded one is imported lazily so that a build without it still starts. On Node
 * it runs in worker threads (MRZ_RECOGNIZER_THREADS, 0 = on the main thread), so its CPU work never
 * stalls the server; a bundle without the worker entry reads on the main thread.
 */
export async function resolveRecognizer(
  config: ServerConfig,
  options: ResolveOptions = {},
): Promise<ResolvedRecognizer> {
  const choice = config.recognizer ?? (config.apiKey ? "upstream" : "local");
  if (choice === "upstream") {
    if (!config.apiKey)
      throw new ConfigError("MRZ_RECOGNIZER=upstream needs MRZ_API_KEY");
    return {
      recognizer: new UpstreamRecognizer({
        apiKey: config.apiKey,
        url: config.upstreamUrl,
      }),
      note: `Forwarding images to ${new URL(config.upstreamUrl).origin} with the key from MRZ_API_KEY`,
    };
  }
  const pooled = await importPool(options.env ?? process.env);
  const local = pooled ?? (await importLocal());
  if (local) {
    const where = pooled
      ? ` (${pooled.threads} worker thread${pooled.threads === 1 ? "" : "s"})`
      : "";
    return {
      recognizer: local,
      note: config.apiKey
        ? `Reading MRZs with the embedded recognizer${where} (MRZ_RECOGNIZER=local); MRZ_API_KEY is not used`
        : `No MRZ_API_KEY: reading MRZs with the embedded recognizer${where}, no network needed`,
    };
  }
  if (config.recognizer === "local") {
    throw new ConfigError(
      "MRZ_RECOGNIZER=local, but this build has no embedded recognizer",
    );
  }
  return {
    recognizer: unavailableRecognizer(),
    note: "No MRZ_API_KEY and no embedded recognizer in this build: POST /api/mrz answers 503 until MRZ_API_KEY is set",
  };
}

/** The embedded recognizer in a worker pool, or null where that is off or this build has no worker entry. */
async function importPool(
  env: Environment,
): Promise<(Recognizer & { threads: number }) | null> {
  const pool = await import("./local-pool/index.js");
  const threads = pool.recognizerThreads(env);
  const maxQueue = pool.recognizerQueue(env);
  if (threads === 0 || !pool.hasWorkerEntry()) return null;
  const recognizer = pool.createWorkerRecognizer({ threads, maxQueue });
  // Listen only once the readers are up, as the in-thread recognizer does (its templates are built
  // at startup), so the first uploads do not spend their budget waiting for threads to start.
  await recognizer.ready;
  if (recognizer.startError) {
    await recognizer.close();
    throw new Error(
      `The embedded recognizer's worker threads could not start: ${recognizer.startError.message}`,
    );
  }
  return recognizer;
}

async function importLocal(): Promise<Recognizer | null> {
  try {
    const { createLocalRecognizer } = (await import("./local/index.js")) as {
      createLocalRecognizer: () => Recognizer | Promise<Recognizer>;
    };
    return await createLocalRecognizer();
  } catch (e) {
    const err = e as { code?: string; message?: string; url?: string };
    // Only "the module itself is not there" (also when bundled, e.g. into Vite's config); a broken
    // embedded recognizer, or one missing a dependency, must fail loudly, not hide.
    const missing = `${err.url ?? ""} ${err.message ?? ""}`;
    if (
      err.code === "ERR_MODULE_NOT_FOUND" &&
      /[\\/]local[\\/]index\.[jt]s'?(?:\s|$)/.test(missing)
    )
      return null;
    throw e;
  }
}
