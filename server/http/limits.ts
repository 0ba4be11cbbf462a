// Bounds on what one caller may cost the console (docs/hardening.md): how many requests it may
// run at once (ingest batches per API key, heavy queries per session) and how many it may make
// per minute (the whole API, per session, API key or address). In memory, per console: they
// protect this process's memory and pool, which is what a flood exhausts.
import { TooManyRequestsError } from './errors.js';

/**
 * At most `perKey` running at once for one key (and `total` for all keys): past that the caller
 * is answered 429 with Retry-After at once, before any work (a queue would hold the bodies).
 */
export class ConcurrencyLimit {
  private readonly running = new Map<string, number>();
  private all = 0;

  constructor(
    private readonly perKey: number,
    private readonly what: string,
    private readonly total = Infinity,
    private readonly retryAfterSeconds = 2,
  ) {}

  /** A release function; throws 429 when the key (or everyone) is at the limit. */
  acquire(key: string): () => void {
    const n = this.running.get(key) ?? 0;
    if (n >= this.perKey) {
      throw new TooManyRequestsError(`At most ${this.perKey} ${this.what} at once; wait for one to finish.`, this.retryAfterSeconds);
    }
    if (this.all >= this.total) {
      throw new TooManyRequestsError(`The console is running ${this.total} ${this.what} already; try again shortly.`, this.retryAfterSeconds);
    }
    this.running.set(key, n + 1);
    this.all++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.all--;
      const left = (this.running.get(key) ?? 1) - 1;
      if (left > 0) this.running.set(key, left);
      else this.running.delete(key);
    };
  }

  /** Runs fn holding a slot of `key`. */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const release = this.acquire(key);
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/**
 * Token buckets: `perMinute` requests a minute per key, with bursts of as many. Buckets idle for
 * a minute are full again and forgotten, so the map holds only the callers of the last minute
 * (bounded at `maxKeys`; past that the oldest are dropped).
 */
export class RateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes one token; answers 0 when allowed, else the seconds until one is back. */
  take(key: string): number {
    const now = this.now();
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(key);
    const tokens = b ? Math.min(this.perMinute, b.tokens + (now - b.at) * rate) : this.perMinute;
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return Math.max(1, Math.ceil((1 - tokens) / rate / 1000));
    }
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return 0;
  }
}
