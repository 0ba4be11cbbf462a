// The ingest API (README#ingest-api): NDJSON batches of events (to ClickHouse) and entities (to
// PostgreSQL). Every line is validated on its own; valid lines are stored, invalid ones answered
// with their line number and reason and recorded in ingest_rejections; every batch is recorded in
// ingest_batches (accepted, rejected, orphans, duplicates, transport) for the data-quality panels;
// an Idempotency-Key makes a retried batch count once in both stores, and a video or ad event
// whose event_id is already stored is not stored again whatever brings it (dedup.ts). HTTP
// (ingest.routes.ts) and RabbitMQ (amqp-consumer.ts) hand decoded bodies to `ingest`.
//
// The steps, one file each: this service (replay, parse and validate, dispatch), event-writer.ts
// (ClickHouse streams, with the dedup step of dedup.ts), entity-writer.ts (PostgreSQL streams),
// batch-record.ts (ingest_batches and ingest_rejections).
import { createHash } from 'node:crypto';
import { pgQuery, type Stores } from '../../db/index.js';
import { AppError, ConflictError } from '../../http/errors.js';
import { ReportIntake } from './report-intake.js';
import { EventDedup } from './dedup.js';
import { checkLine, CLICKHOUSE_STREAMS, windowAt, type Reason, type Stream } from './ingest.schemas.js';
import { isClean, scanAdLine, scanVideoLine, type ScannedEvent } from './event-scan.js';
import { rej, type BatchInfo, type Rejection, type Transport, type Valid } from './ingest.lines.js';
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
 * per-batch limits (INGEST_STORED_REJECTIONS, INGEST_ANSWERED_ERRORS).
 */
export interface IngestSettings {
  slaHours: Record<string, number>;
  dedupHorizonDays: number;
  limits: IngestLimits;
}

const pgFindBatch = pgQuery('ingest/find_batch').returns<{ id: number; requestHash: string | null; response: IngestAnswer }>();

/** Lines validated between two yields to the event loop. */
const PARSE_SLICE = 500;

export class IdempotencyKeyReusedError extends AppError {
  constructor() {
    super(422, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different batch on this stream: use a new key for new data.');
  }
}

const SCANNERS: Partial<
  Record<Stream, (text: string, start: number, end: number, w: ReturnType<typeof windowAt>, clean: boolean) => ScannedEvent | undefined>
> = {
  'video-events': scanVideoLine,
  'ad-events': scanAdLine,
};

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
  }

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
    const { valid, errors, lines } = await this.parse(stream, body);
    const batch: BatchInfo = { stream, key: key ?? null, requestHash, apiKeyId: opts.apiKeyId ?? null, lines, transport: opts.transport ?? 'http' };
    const out = CLICKHOUSE_STREAMS.includes(stream) ? await this.ingestEvents(batch, valid, errors) : await this.ingestEntities(batch, valid, errors);
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
   * Splits the body into lines (1-based; blank lines skipped) and validates each on its own. It
   * yields to the event loop every PARSE_SLICE lines: 100,000 lines are seconds of CPU on a busy
   * machine, and other requests (a signed-in page, health) must not wait for all of it.
   */
  async parse(stream: Stream, body: Buffer): Promise<{ valid: Valid<unknown>[]; errors: Rejection[]; lines: number }> {
    const text = body.toString('utf8');
    const valid: Valid<unknown>[] = [];
    const errors: Rejection[] = [];
    // Past the first keptInFull rejections, a rejection keeps its text and message only when it is
    // the first of its reason and field (the row that stands for the rest, batch-record.ts): 100,000
    // bad lines no longer hold 100,000 samples and messages in memory. Rejections found later (an
    // entity's conflict) come after these in line order, so the answer's first errors are whole.
    const light = new Set<string>();
    const reject = (line: number, reason: Reason, field: string | null, error: string, sample: string) => {
      if (errors.length < this.keptInFull) return errors.push(rej(line, reason, field, error, sample));
      const k = `${reason}\u0001${field ?? ''}`;
      if (light.has(k)) return errors.push({ line, reason, field, error: '', sample: '' });
      light.add(k);
      return errors.push(rej(line, reason, field, error, sample));
    };
    const now = this.now().getTime();
    // Plain event lines are read by the strict reader (event-scan.ts) when the engine takes the
    // insert as NDJSON text (embedded); the rest, and every line on a ClickHouse server, as before.
    const scan = this.stores.ch.takesNdjson ? SCANNERS[stream] : undefined;
    const window = windowAt(now);
    const clean = scan !== undefined && isClean(text);
    let lineNo = 0;
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      lineNo++;
      if (lineNo % PARSE_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const scanned = scan?.(text, start, end, window, clean);
      let line = text.slice(start, end);
      start = end + 1;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (scanned) {
        valid.push({ line: lineNo, value: scanned, sample: line });
        continue;
      }
      if (line.trim() === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (err) {
        reject(lineNo, 'malformed_json', null, `not valid JSON (${(err as Error).message})`, line);
        continue;
      }
      const checked = checkLine(stream, parsed, now);
      if (checked.ok) valid.push({ line: lineNo, value: checked.value, sample: line });
      else reject(lineNo, checked.reason, checked.field, checked.error, line);
    }
    return { valid, errors, lines: lineNo };
  }

  /** Events are stored in ClickHouse first (ClickHouse is their record), then the batch in PostgreSQL. */
  private async ingestEvents(batch: BatchInfo, valid: Valid<unknown>[], errors: Rejection[]): Promise<IngestAnswer | 'taken'> {
    const counts = await this.events.write(batch, valid, errors);
    return this.recorder.record(batch, async () => counts);
  }

  /** Entities are upserted in the same PostgreSQL transaction as the batch record. */
  private async ingestEntities(batch: BatchInfo, valid: Valid<unknown>[], errors: Rejection[]): Promise<IngestAnswer | 'taken'> {
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
