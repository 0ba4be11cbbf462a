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
  readonly steps: Record<string, number> = {};
  constructor(
    readonly total: number,
    private readonly onProgress?: (p: DemoProgress) => void,
  ) {}

  /** Runs one chunk of a step, then reports `units` more done. */
  async run<T>(step: string, units: number | ((result: T) => number), fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    const result = await fn();
    this.steps[step] = (this.steps[step] ?? 0) + (performance.now() - t0) / 1000;
    this.done += typeof units === 'function' ? units(result) : units;
    this.onProgress?.({ step, done: this.done, total: this.total });
    return result;
  }
}

export function chunks(total: number, size: number): { from: number; count: number }[] {
  const out: { from: number; count: number }[] = [];
  for (let from = 0; from < total; from += size) out.push({ from, count: Math.min(size, total - from) });
  return out;
}
