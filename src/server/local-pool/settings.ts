import { availableParallelism } from "node:os";
import { ConfigError, type Environment } from "../config.js";

function count(env: Environment, name: string, fallback: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > max)
    throw new ConfigError(`${name} must be a whole number from 0 to ${max}, not "${raw}"`);
  return Number(raw);
}

/** MRZ_RECOGNIZER_THREADS: worker threads for the embedded recognizer; 0 reads on the main thread. */
export function recognizerThreads(env: Environment): number {
  return count(env, "MRZ_RECOGNIZER_THREADS", Math.min(2, availableParallelism()), 64);
}

/** MRZ_RECOGNIZER_QUEUE: uploads allowed to wait for a free thread before the server answers 503. */
export function recognizerQueue(env: Environment): number {
  return count(env, "MRZ_RECOGNIZER_QUEUE", 16, 10_000);
}
