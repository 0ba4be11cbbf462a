// A bounded, short-lived cache of panel results per (query, parameters): an auto-refreshing
// dashboard opened by many people asks the same question many times a minute, and the answer
// cannot change faster than ingest lands. Least-recently-used eviction by Map insertion order;
// concurrent misses for one key share one in-flight promise (no stampede on expiry).
export class ResultCache {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get size(): number {
    return this.entries.size;
  }

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return compute();
    const t = this.now();
    const hit = this.entries.get(key);
    if (hit && t - hit.at < this.ttlMs) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      this.hits += 1;
      return hit.value as Promise<T>;
    }
    this.misses += 1;
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { at: t, value });
    // A failed computation is not remembered: the next request tries again.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
