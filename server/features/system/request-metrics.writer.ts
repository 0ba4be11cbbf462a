// Every console request is written to ClickHouse request_metrics (so the latency dashboard shows
// the console itself), in batches off the request path: the request only pushes to a buffer.
// When ClickHouse is down the buffer keeps up to MAX_BUFFERED rows and retries at the next
// flush; past that the oldest rows are dropped and counted (never the server's memory).
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { ChStore } from '../../db/stores.js';
import { formatChDateTime } from '../../db/params.js';

export interface RequestMetric {
  ts: Date;
  route: string;
  method: string;
  status: number;
  durationMs: number;
}

export interface WriterOptions {
  service: string;
  instance: string;
  flushMs: number;
}

/** Rows kept while ClickHouse is down (a constant, not a setting). */
const MAX_BUFFERED = 100_000;

export class RequestMetricsWriter {
  private buffer: Record<string, unknown>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private readonly maxBuffered = MAX_BUFFERED;
  private readonly dropped: Counter;
  private readonly failures: Counter;

  constructor(
    private readonly ch: ChStore,
    private readonly opts: WriterOptions,
    private readonly log: Logger,
    registry: Registry,
  ) {
    this.dropped = new Counter({
      name: 'pulse_request_metrics_dropped_total',
      help: 'Request metric rows dropped because the buffer was full while ClickHouse was unreachable',
      registers: [registry],
    });
    this.failures = new Counter({
      name: 'pulse_request_metrics_flush_failures_total',
      help: 'Failed flushes of request metrics to ClickHouse',
      registers: [registry],
    });
    const self = this;
    new Gauge({
      name: 'pulse_request_metrics_buffered',
      help: 'Request metric rows waiting to be written',
      registers: [registry],
      collect() {
        this.set(self.buffer.length);
      },
    });
  }

  record(m: RequestMetric): void {
    this.buffer.push({
      ts: formatChDateTime(m.ts),
      service: this.opts.service,
      route: m.route,
      method: m.method,
      status: m.status,
      duration_ms: m.durationMs,
      instance: this.opts.instance,
    });
    if (this.buffer.length > this.maxBuffered) {
      const over = this.buffer.length - this.maxBuffered;
      this.buffer.splice(0, over);
      this.dropped.inc(over);
    }
  }

  get pending(): number {
    return this.buffer.length;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.opts.flushMs);
    this.timer.unref();
  }

  /** Writes what is buffered; concurrent calls share one flush. */
  flush(): Promise<void> {
    this.flushing ??= this.doFlush().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async doFlush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    try {
      await this.ch.insert('request_metrics', batch);
    } catch (err) {
      this.failures.inc();
      this.log.warn({ err: String(err), rows: batch.length }, 'request metrics flush failed; will retry');
      this.buffer = batch.concat(this.buffer).slice(-this.maxBuffered);
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
