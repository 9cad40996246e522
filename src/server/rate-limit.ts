/**
 * Fixed-window request counting per client. The store is an interface so that several instances
 * behind a load balancer can share one (e.g. Redis `INCR` + `PEXPIRE` maps onto `increment` directly);
 * the in-memory default suits a single instance.
 */
export interface RateLimitStore {
  /**
   * Counts one request for `key` in the current window of `windowMs` and returns the count so far
   * and when the window ends (epoch ms). Must be atomic per key.
   */
  increment(
    key: string,
    windowMs: number,
  ): Promise<{ count: number; resetAt: number }>;
}

export interface RateLimitOptions {
  /** Requests allowed per client per window. */
  readonly limit: number;
  /** Window length; default one minute. */
  readonly windowMs?: number;
  readonly store?: RateLimitStore;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<
    string,
    { count: number; resetAt: number }
  >();
  private calls = 0;

  constructor(private readonly now: () => number = Date.now) {}

  increment(
    key: string,
    windowMs: number,
  ): Promise<{ count: number; resetAt: number }> {
    const now = this.now();
    // Sweep now and then so that clients seen once do not stay in memory for ever.
    if (++this.calls % 1000 === 0) {
      for (const [k, w] of this.windows)
        if (w.resetAt <= now) this.windows.delete(k);
    }
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, w);
    }
    w.count++;
    return Promise.resolve({ count: w.count, resetAt: w.resetAt });
  }
}

/**
 * Parses `MRZ_RATE_LIMIT`: `30`, `30/min`, `5/s`, `1000/h`; `0` or `off` disables it.
 * Returns null for "disabled"; throws on anything else.
 */
export function parseRateLimit(
  text: string,
): { limit: number; windowMs: number } | null {
  const m =
    /^\s*(\d+)\s*(?:\/\s*(s|sec|second|m|min|minute|h|hour))?\s*$/i.exec(text);
  if (!m) {
    if (/^\s*off\s*$/i.test(text)) return null;
    throw new Error(
      `MRZ_RATE_LIMIT must look like 30, 30/min, 5/s or off, not ${JSON.stringify(text)}`,
    );
  }
  const limit = Number(m[1]);
  if (limit === 0) return null;
  const unit = (m[2] ?? "min").toLowerCase();
  const windowMs = unit.startsWith("s")
    ? 1000
    : unit.startsWith("h")
      ? 3_600_000
      : 60_000;
  return { limit, windowMs };
}
