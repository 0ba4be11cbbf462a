// Request metrics for alerting tests, written straight to ClickHouse at known instants: the
// api_5xx_rate rule's input, with a rate a test can work out by hand.
import type { TestConsole } from './console.js';

const MIN = 60_000;

/** An instant as ClickHouse's DateTime64 text (UTC, milliseconds). */
export const chTime = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

/** 100 requests a minute for `service` over [from, to), `errors` of them 500s (request_metrics). */
export async function insertRequests(c: TestConsole, service: string, from: number, to: number, errors: number): Promise<void> {
  const rows: Record<string, unknown>[] = [];
  for (let t = from; t < to; t += MIN) {
    for (let i = 0; i < 100; i++) {
      rows.push({
        ts: chTime(t + i * 500),
        service,
        route: '/v1/x',
        method: 'GET',
        status: i < errors ? 500 : 200,
        duration_ms: 10,
        instance: 'test',
      });
    }
  }
  await c.stores.ch.insert('request_metrics', rows);
}
