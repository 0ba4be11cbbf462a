// RabbitMQ as an ingest path (issue 13, docs/ingest-dedup.md): with AMQP_URL set, the console
// consumes one durable queue per stream, <prefix>.<stream> (prefix AMQP_QUEUE_PREFIX, by default
// pulse.ingest). A message is one NDJSON body, decoded under the HTTP limits (decodeBody) and
// handed to the same IngestService as an HTTP batch (transport 'amqp', message_id as the
// Idempotency-Key). It is acknowledged only after both stores committed; a message that cannot
// be decoded at all goes to <prefix>.dead with the reason in a header, never requeued; a store
// failure requeues it after a backoff (and dead-letters it after MAX_FAILURES attempts, so a
// poison message cannot loop forever). Several consoles may consume: the broker spreads messages
// and event dedup keeps counts right when one is delivered twice.
import type { QueueStatus } from '../../../contract/system.js';
import { createHash } from 'node:crypto';
import amqp, { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import { AppError } from '../../http/errors.js';
import { checkContentType, decodeBody } from './ingest.body.js';
import { IDEMPOTENCY_KEY } from './ingest.routes.js';
import { STREAMS, type Stream } from './ingest.schemas.js';
import type { IngestService } from './ingest.service.js';

export interface AmqpSettings {
  url: string;
  prefix: string;
  prefetch: number;
}

export type { QueueStatus } from '../../../contract/system.js';

/** Attempts of a message failing on a store before it is dead-lettered. */
const MAX_FAILURES = 5;
const LAG_POLL_MS = 5000;
const RATE_WINDOW_MS = 60_000;

export class AmqpIngestConsumer {
  private conn: ChannelModel | undefined;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private inFlight = new Set<Promise<void>>();
  private failures = new Map<string, number>();
  private recent: { at: number; rows: number }[] = [];
  private readonly ready = new Map<string, { ready: number; consumers: number }>();
  private lastError: string | null = null;
  private reconnectCount = 0;
  private deadCount = 0;
  private readonly m: {
    messages: Counter<'stream' | 'outcome'>;
    rows: Counter<'stream' | 'kind'>;
    dead: Counter<'stream' | 'reason'>;
    reconnects: Counter;
  };

  constructor(
    private readonly ingest: IngestService,
    private readonly settings: AmqpSettings,
    private readonly log: Logger,
    registry: Registry,
  ) {
    const self = this;
    this.m = {
      messages: new Counter({
        name: 'pulse_amqp_messages_total',
        help: 'Queue messages handled, by stream and outcome (stored, dead_lettered, requeued)',
        labelNames: ['stream', 'outcome'],
        registers: [registry],
      }),
      rows: new Counter({
        name: 'pulse_amqp_rows_total',
        help: 'Lines of queue messages, by stream and kind (accepted, rejected, duplicates)',
        labelNames: ['stream', 'kind'],
        registers: [registry],
      }),
      dead: new Counter({
        name: 'pulse_amqp_dead_letters_total',
        help: 'Messages sent to the dead-letter queue, by stream and reason code',
        labelNames: ['stream', 'reason'],
        registers: [registry],
      }),
      reconnects: new Counter({ name: 'pulse_amqp_reconnects_total', help: 'Connections to the broker opened again after a loss', registers: [registry] }),
    };
    new Gauge({
      name: 'pulse_amqp_connected',
      help: '1 while the console is connected to the broker and consuming',
      registers: [registry],
      collect() {
        this.set(self.conn ? 1 : 0);
      },
    });
    new Gauge({
      name: 'pulse_amqp_queue_ready_messages',
      help: 'Messages ready in each ingest queue (the consumer lag), as last polled',
      labelNames: ['queue'],
      registers: [registry],
      collect() {
        for (const [queue, q] of self.ready) this.set({ queue }, q.ready);
      },
    });
  }

  queueName(stream: Stream): string {
    return `${this.settings.prefix}.${stream}`;
  }

  get deadQueue(): string {
    return `${this.settings.prefix}.dead`;
  }

  /** Connects and consumes until stop(), reconnecting with backoff. */
  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    const conn = this.conn;
    // Let the messages being stored finish and be acknowledged, then close.
    await Promise.allSettled([...this.inFlight]);
    await conn?.close().catch(() => {});
    await this.loop;
  }

  status(): QueueStatus {
    const now = Date.now();
    this.recent = this.recent.filter((r) => now - r.at < RATE_WINDOW_MS);
    const seconds = RATE_WINDOW_MS / 1000;
    return {
      connected: this.conn !== undefined,
      broker: redact(this.settings.url),
      lastError: this.lastError,
      reconnects: this.reconnectCount,
      messagesPerSecond: round(this.recent.length / seconds),
      rowsPerSecond: round(this.recent.reduce((n, r) => n + r.rows, 0) / seconds),
      deadLetters: this.deadCount,
      inFlight: this.inFlight.size,
      queues: STREAMS.map((s) => {
        const q = this.ready.get(this.queueName(s));
        return { name: this.queueName(s), ready: q?.ready ?? null, consumers: q?.consumers ?? null };
      }),
    };
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopping) {
      try {
        const { closed } = await this.connect();
        if (attempt > 0) {
          this.reconnectCount++;
          this.m.reconnects.inc();
          this.log.info({ broker: redact(this.settings.url) }, 'amqp: reconnected');
        }
        attempt = 0;
        this.lastError = null;
        await closed;
      } catch (err) {
        this.lastError = String((err as Error).message ?? err);
        this.log.warn({ err: this.lastError }, 'amqp: cannot consume; retrying');
      }
      this.conn = undefined;
      if (this.stopping) break;
      // Exponential backoff with jitter: 0.5 s, 1 s, 2 s … at most 30 s.
      const delay = Math.min(30_000, 500 * 2 ** attempt++) * (0.75 + Math.random() * 0.5);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, delay);
        this.wake = () => (clearTimeout(t), resolve());
      });
    }
  }

  /** Opens a connection, declares the queues and consumes; resolves with a promise of its close. */
  private async connect(): Promise<{ closed: Promise<void> }> {
    const conn = await amqp.connect(this.settings.url);
    let onClose!: () => void;
    const closed = new Promise<void>((resolve) => (onClose = resolve));
    conn.on('error', (err: Error) => {
      this.lastError = err.message;
      this.log.warn({ err: err.message }, 'amqp: connection error');
    });
    conn.on('close', () => onClose());
    try {
      const consume = await conn.createChannel();
      const publish = await conn.createConfirmChannel();
      // A channel closed by the broker ends this connection's use: start over (and never crash).
      for (const ch of [consume, publish]) {
        ch.on('error', (err: Error) => {
          this.lastError = err.message;
          this.log.warn({ err: err.message }, 'amqp: channel error');
        });
        ch.on('close', () => void conn.close().catch(() => {}));
      }
      // One prefetch for the whole channel: at most this many batches in memory per console.
      await consume.prefetch(this.settings.prefetch, true);
      await consume.assertQueue(this.deadQueue, { durable: true });
      for (const stream of STREAMS) await consume.assertQueue(this.queueName(stream), { durable: true });
      for (const stream of STREAMS) {
        await consume.consume(
          this.queueName(stream),
          (msg) => {
            if (!msg) return void conn.close().catch(() => {}); // cancelled by the broker (queue deleted): start over
            const p = this.handle(stream, msg, consume, publish).finally(() => this.inFlight.delete(p));
            this.inFlight.add(p);
          },
          { noAck: false },
        );
      }
      this.conn = conn;
      const poll = setInterval(() => void this.pollLag(publish), LAG_POLL_MS);
      void this.pollLag(publish);
      void closed.then(() => clearInterval(poll));
      if (this.stopping) await conn.close().catch(() => {});
      return { closed };
    } catch (err) {
      await conn.close().catch(() => {});
      throw err;
    }
  }

  private async pollLag(ch: Channel): Promise<void> {
    try {
      for (const stream of STREAMS) {
        const q = await ch.checkQueue(this.queueName(stream));
        this.ready.set(q.queue, { ready: q.messageCount, consumers: q.consumerCount });
      }
    } catch {
      // The channel closed with the connection: the next connection polls again.
    }
  }

  private async handle(stream: Stream, msg: ConsumeMessage, ch: Channel, publish: ConfirmChannel): Promise<void> {
    const key = msg.properties.messageId as string | undefined;
    let body: Buffer;
    try {
      checkContentType(msg.properties.contentType as string | undefined);
      if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
        throw new AppError(400, 'bad_message_id', 'message_id is used as the Idempotency-Key: 1 to 200 printable ASCII characters without spaces.');
      body = await decodeBody(msg.content, msg.properties.contentEncoding as string | undefined);
    } catch (err) {
      if (err instanceof AppError) return this.deadLetter(stream, msg, ch, publish, err.code, err.message);
      throw err;
    }
    try {
      const { answer } = await this.ingest.ingest(stream, body, { idempotencyKey: key, transport: 'amqp' });
      ch.ack(msg);
      this.m.messages.inc({ stream, outcome: 'stored' });
      this.m.rows.inc({ stream, kind: 'accepted' }, answer.accepted);
      this.m.rows.inc({ stream, kind: 'rejected' }, answer.rejected);
      this.m.rows.inc({ stream, kind: 'duplicates' }, answer.duplicates);
      this.recent.push({ at: Date.now(), rows: answer.accepted + answer.rejected + answer.duplicates });
    } catch (err) {
      // A batch that can never be stored (its key reused for another body): dead at once.
      if (err instanceof AppError && err.status < 500 && err.status !== 409) return this.deadLetter(stream, msg, ch, publish, err.code, err.message);
      const id = createHash('sha256').update(msg.content).digest('hex');
      const n = (this.failures.get(id) ?? 0) + 1;
      this.log.warn({ stream, err: String((err as Error).message ?? err), attempt: n }, 'amqp: message not stored; requeued after a pause');
      if (n >= MAX_FAILURES) {
        this.failures.delete(id);
        return this.deadLetter(stream, msg, ch, publish, 'store_failed', `not stored after ${n} attempts: ${(err as Error).message ?? err}`);
      }
      this.failures.set(id, n);
      // Back off before giving the message back, so a store outage does not spin the queue.
      await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** n)));
      safe(() => ch.nack(msg, false, true));
      this.m.messages.inc({ stream, outcome: 'requeued' });
    }
  }

  /** Publishes the message unchanged to the dead-letter queue with the reason, then acknowledges it. */
  private async deadLetter(stream: Stream, msg: ConsumeMessage, ch: Channel, publish: ConfirmChannel, code: string, reason: string): Promise<void> {
    const p = msg.properties;
    publish.sendToQueue(this.deadQueue, msg.content, {
      persistent: true,
      contentType: p.contentType,
      contentEncoding: p.contentEncoding,
      messageId: p.messageId,
      headers: {
        ...(p.headers ?? {}),
        'x-pulse-reason': `${code}: ${reason}`.slice(0, 1000),
        'x-pulse-reason-code': code,
        'x-pulse-queue': this.queueName(stream),
        'x-pulse-failed-at': new Date().toISOString(),
      },
    });
    try {
      await publish.waitForConfirms();
    } catch {
      // Not confirmed (the connection dropped): the original is not acknowledged and comes back.
      return;
    }
    safe(() => ch.ack(msg));
    this.deadCount++;
    this.m.dead.inc({ stream, reason: code });
    this.m.messages.inc({ stream, outcome: 'dead_lettered' });
    this.log.warn({ stream, code, reason }, 'amqp: message dead-lettered');
  }
}

/** ack/nack on a channel that closed meanwhile: the broker redelivers the message anyway. */
function safe(fn: () => void): void {
  try {
    fn();
  } catch {
    // channel closed
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

function redact(url: string): string {
  try {
    const u = new URL(url);
    u.password = u.password ? '***' : '';
    return u.toString();
  } catch {
    return 'amqp://…';
  }
}
