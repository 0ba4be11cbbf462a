// The machine's RabbitMQ for the queue tests (issue 13): TEST_AMQP_URL, or guest/guest at
// 127.0.0.1:5672 when it answers. Each test file uses its own queue prefix, so files (and
// reruns) never share a queue; the queues are deleted at the end.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import amqp, { type Channel, type ChannelModel, type Options } from 'amqplib';
import { STREAMS } from '../../server/features/ingest/ingest.schemas.js';

export const BROKER_URL = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/** The broker when it answers, else undefined (the caller skips loudly; under CI=true it fails). */
export async function connectBroker(): Promise<ChannelModel | undefined> {
  try {
    const conn = await amqp.connect(BROKER_URL);
    conn.on('error', () => {}); // a broker restart closes it; the tests open a new one
    return conn;
  } catch {
    return undefined;
  }
}

export function loudSkip(what: string): string {
  const line = `!!! ${what} SKIPPED: no RabbitMQ at ${BROKER_URL.replace(/\/\/[^@]*@/, '//')} (start it: rabbitmq-server -detached, or set TEST_AMQP_URL)`;
  console.log(`\n${'!'.repeat(line.length)}\n${line}\n${'!'.repeat(line.length)}`);
  return line;
}

export const uniquePrefix = () => `pulse.test.${process.pid}.${Math.random().toString(36).slice(2, 8)}.ingest`;

export function publish(ch: Channel, queue: string, body: Buffer | string, props: Options.Publish = {}): void {
  ch.sendToQueue(queue, Buffer.isBuffer(body) ? body : Buffer.from(body), { persistent: true, contentType: 'application/x-ndjson', ...props });
}

/** Declares the queues the console would (so messages can be published before it starts). */
export async function declareQueues(ch: Channel, prefix: string): Promise<void> {
  for (const s of [...STREAMS, 'dead']) await ch.assertQueue(`${prefix}.${s}`, { durable: true });
}

export async function deleteQueues(ch: Channel, prefix: string): Promise<void> {
  for (const s of [...STREAMS, 'dead']) await ch.deleteQueue(`${prefix}.${s}`).catch(() => {});
}

/** Messages ready in a queue (not counting those delivered and not yet acknowledged). */
export async function ready(ch: Channel, queue: string): Promise<number> {
  return (await ch.checkQueue(queue)).messageCount;
}

export const rabbitmqctl = (...args: string[]) => promisify(execFile)('rabbitmqctl', args, { timeout: 120_000 });

/** One Prometheus sample of a /metrics text: the value of `name{labels}` (0 when absent). */
export function metric(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const ls = m[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => ls.includes(`${k}="${v}"`))) sum += Number(m[3]);
  }
  return sum;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
