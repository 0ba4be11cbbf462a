// Failed-login limiter kept in memory (one console instance's view; docs/architecture.md#http): a sliding
// window of failure times per key. Successful logins do not count.
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Seconds until the key may try again, or 0 when it is not blocked. */
  retryAfter(key: string): number {
    const times = this.recent(key);
    if (times.length < this.max) return 0;
    const oldestThatCounts = times[times.length - this.max]!;
    return Math.max(1, Math.ceil((oldestThatCounts + this.windowMs - this.now()) / 1000));
  }

  fail(key: string): void {
    const times = this.recent(key);
    times.push(this.now());
    this.failures.set(key, times);
    // Bound memory under a spray of distinct keys: drop the oldest keys beyond 100k.
    if (this.failures.size > 100_000) {
      const first = this.failures.keys().next();
      if (!first.done) this.failures.delete(first.value);
    }
  }

  reset(key: string): void {
    this.failures.delete(key);
  }
}
