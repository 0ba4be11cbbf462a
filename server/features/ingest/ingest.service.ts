// The ingest API (README#ingest-api): NDJSON batches of events (to ClickHouse) and entities (to
// PostgreSQL). Every line is validated on its own; valid lines are stored, invalid ones answered
// with their line number and reason and recorded in ingest_rejections; every batch is recorded in
// ingest_batches (accepted, rejected, orphans, duplicates, transport) for the data-quality panels;
// an Idempotency-Key makes a retried batch count once in both stores, and a video or ad event
// whose event_id is already stored is not stored again whatever brings it (dedup.ts). HTTP
// (ingest.routes.ts) and RabbitMQ (amqp-consumer.ts) hand decoded bodies to `ingest`.
//
// The steps, one file each: this service (replay, dispatch), ingest.parse.ts (lines read and
// validated, a range at a time), event-writer.ts (ClickHouse streams, with the dedup step of
// dedup.ts), entity-writer.ts (PostgreSQL streams), batch-record.ts (ingest_batches and
// ingest_rejections).
import { createHash } from 'node:crypto';
import { pgQuery, type Stores } from '../../db/index.js';
import { AppError, ConflictError } from '../../http/errors.js';
import { ReportIntake } from './report-intake.js';
import { EventDedup } from './dedup.js';
import { CLICKHOUSE_STREAMS, type Stream } from './ingest.schemas.js';
import type { BatchInfo, Rejection, Transport } from './ingest.lines.js';
import { LineReader } from './ingest.parse.js';
import { BatchRecorder, type IngestAnswer, type IngestLimits } from './batch-record.js';
import { EventWriter } from './event-writer.js';
import { EntityWriter } from './entity-writer.js';

export type { IngestAnswer, IngestLimits } from './batch-record.js';
export type { Transport } from './ingest.lines.js';

export interface IngestOptions {
  idempotencyKey?: string;
  apiKeyId?: number;
  transport?: Transport;
}

/**
 * Ingest settings (their defaults live in server/env.ts only): SLA hours per reason
 * (MODERATION_SLA_HOURS), the dedup horizon in days of event time (INGEST_DEDUP_HORIZON_DAYS),
 * per-batch limits (INGEST_STORED_REJECTIONS, INGEST_ANSWERED_ERRORS), the lines of a video or ad
 * events batch stored at a time (INGEST_CHUNK_LINES).
 */
export interface IngestSettings {
  slaHours: Record<string, number>;
  dedupHorizonDays: number;
  chunkLines: number;
  limits: IngestLimits;
}

const pgFindBatch = pgQuery('ingest/find_batch').returns<{ id: number; requestHash: string | null; response: IngestAnswer }>();

/** The streams whose events are stored once by event_id (dedup.ts), stored a range of lines at a time. */
const DEDUP_STREAMS: ReadonlySet<Stream> = new Set<Stream>(['video-events', 'ad-events']);

export class IdempotencyKeyReusedError extends AppError {
  constructor() {
    super(422, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different batch on this stream: use a new key for new data.');
  }
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export class IngestService {
  private readonly events: EventWriter;
  private readonly entities: EntityWriter;
  private readonly recorder: BatchRecorder;

  constructor(
    private readonly stores: Stores,
    private readonly now: () => Date,
    settings: IngestSettings,
  ) {
    const dedup = new EventDedup(stores, { horizonDays: settings.dedupHorizonDays, now });
    this.events = new EventWriter(stores, dedup);
    this.entities = new EntityWriter(new ReportIntake(stores, settings.slaHours));
    this.recorder = new BatchRecorder(stores, settings.limits);
    this.keptInFull = Math.max(settings.limits.storedRejections, settings.limits.answeredErrors);
    this.chunkLines = settings.chunkLines;
  }

  private readonly chunkLines: number;

  /** Rejections of a batch kept with their text and message; past them only a first per reason and field (batch-record.ts needs no more). */
  private readonly keptInFull: number;

  /**
   * One batch. With an Idempotency-Key already recorded for the stream, the recorded answer is
   * replayed (`replayed: true`) and nothing is stored again; the same key with a different body
   * answers 422.
   */
  async ingest(stream: Stream, body: Buffer, opts: IngestOptions): Promise<{ answer: IngestAnswer; replayed: boolean }> {
    const requestHash = sha256(body);
    const key = opts.idempotencyKey;
    if (key) {
      const prior = await this.replay(stream, key, requestHash);
      if (prior) return { answer: prior, replayed: true };
    }
    const errors: Rejection[] = [];
    const reader = new LineReader(stream, body, this.now().getTime(), this.keptInFull, errors, this.stores.ch.takesNdjson);
    const batch: BatchInfo = { stream, key: key ?? null, requestHash, apiKeyId: opts.apiKeyId ?? null, lines: 0, transport: opts.transport ?? 'http' };
    const out = CLICKHOUSE_STREAMS.includes(stream) ? await this.ingestEvents(batch, reader) : await this.ingestEntities(batch, reader);
    if (out === 'taken') {
      // A concurrent request with the same key finished first: answer what it stored.
      const prior = await this.replay(stream, key!, requestHash);
      if (!prior) throw new ConflictError('A batch with this Idempotency-Key is being stored; retry in a moment.');
      return { answer: prior, replayed: true };
    }
    return { answer: out, replayed: false };
  }

  private async replay(stream: Stream, key: string, requestHash: string): Promise<IngestAnswer | undefined> {
    const prior = await this.stores.pg.one(pgFindBatch, { stream, idempotency_key: key });
    if (!prior) return undefined;
    if (prior.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
    return prior.response;
  }

  /**
   * Events are stored in ClickHouse first (ClickHouse is their record), then the batch in
   * PostgreSQL. Video and ad events go in ranges of `chunkLines` lines, each stored while the next
   * is read (event-writer.ts); request metrics are read whole.
   */
  private async ingestEvents(batch: BatchInfo, reader: LineReader): Promise<IngestAnswer | 'taken'> {
    const size = DEDUP_STREAMS.has(batch.stream) ? this.chunkLines : Infinity;
    const counts = await this.events.write(batch, await reader.next(size), () => reader.next(size), reader.errors);
    batch.lines = reader.lines;
    return this.recorder.record(batch, async () => counts);
  }

  /** Entities are upserted in the same PostgreSQL transaction as the batch record. */
  private async ingestEntities(batch: BatchInfo, reader: LineReader): Promise<IngestAnswer | 'taken'> {
    const { valid } = await reader.next(Infinity);
    const errors = reader.errors;
    batch.lines = reader.lines;
    const now = this.now();
    const reach = await this.entities.reach(batch.stream, valid, now);
    return this.recorder.record(batch, async (tx) => {
      const outcome = await this.entities.apply(tx, batch.stream, valid, reach, now);
      return {
        accepted: valid.length - outcome.rejected.length,
        errors: [...errors, ...outcome.rejected].sort((a, b) => a.line - b.line),
        orphans: 0,
        unchanged: outcome.unchanged,
        duplicates: 0,
      };
    });
  }
}
