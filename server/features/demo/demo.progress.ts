// Progress and per-step timings of a demo load (demo.service.ts): chunks of rows reported as
// they are written, seconds summed per step.
import { performance } from 'node:perf_hooks';

/** done/total count rows written (the moderation step counts the reports it groups into cases). */
export interface DemoProgress {
  step: string;
  done: number;
  total: number;
}

export class Progress {
  done = 0;
  /** Units of the steps still running, reported in part (runWatched): shown in `done`, not yet in this.done. */
  private partial = 0;
  readonly steps: Record<string, number> = {};
  constructor(
    readonly total: number,
    private readonly onProgress?: (p: DemoProgress) => void,
  ) {}

  private report(step: string) {
    this.onProgress?.({ step, done: this.done + this.partial, total: this.total });
  }

  /** Runs one chunk of a step, then reports `units` more done. */
  async run<T>(step: string, units: number | ((result: T) => number), fn: () => Promise<T>): Promise<T> {
    return this.timed(step, fn, (result) => {
      this.done += typeof units === 'function' ? units(result) : units;
    });
  }

  /**
   * As `run`, and while `fn` runs its `units` are reported in part every `everyMs`: `watch()`
   * answers the share done so far (0..1; for a statement, the engine's rows read of it). Short of
   * `units` until `fn` has finished and never going back; a watch that fails, or answers once
   * `fn` has finished, is skipped. One long statement (the large demo's 50M video events) then
   * moves the bar as it runs instead of all at its end.
   */
  async runWatched<T>(step: string, units: number, fn: () => Promise<T>, watch: () => Promise<number>, everyMs = 1000): Promise<T> {
    let shown = 0;
    let finished = false;
    let asking = false;
    let counted = false;
    const timer = setInterval(() => {
      if (asking) return;
      asking = true;
      watch()
        .then((share) => {
          const part = Math.min(units - 1, Math.floor(units * Math.min(1, Math.max(0, share))));
          if (finished || !(part > shown)) return;
          this.partial += part - shown;
          shown = part;
          this.report(step);
        })
        .catch(() => {})
        .finally(() => {
          asking = false;
        });
    }, everyMs);
    try {
      return await this.timed(step, fn, () => {
        // The part shown becomes the whole, in one report: done never goes back.
        finished = true;
        this.partial -= shown;
        this.done += units;
        counted = true;
      });
    } finally {
      finished = true;
      clearInterval(timer);
      if (!counted) this.partial -= shown; // fn failed: its part is no longer shown
    }
  }

  private async timed<T>(step: string, fn: () => Promise<T>, count: (result: T) => void): Promise<T> {
    const t0 = performance.now();
    const result = await fn();
    this.steps[step] = (this.steps[step] ?? 0) + (performance.now() - t0) / 1000;
    count(result);
    this.report(step);
    return result;
  }
}

export function chunks(total: number, size: number): { from: number; count: number }[] {
  const out: { from: number; count: number }[] = [];
  for (let from = 0; from < total; from += size) out.push({ from, count: Math.min(size, total - from) });
  return out;
}
