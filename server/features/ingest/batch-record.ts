// The record of every batch (ingest_batches: accepted, rejected, orphans, unchanged, duplicates,
// transport) and of its rejected lines (ingest_rejections), written in one PostgreSQL
// transaction that also claims the batch's Idempotency-Key; the data-quality panels read them.
import { pgQuery, type Stores } from '../../db/index.js';
import type { PgRunner } from '../../db/stores.js';
import { ConflictError } from '../../http/errors.js';
import type { IngestAnswer } from '../../../contract/ingest.js';
import type { Reason, Stream } from './ingest.schemas.js';
import type { BatchInfo, Counts } from './ingest.lines.js';

export type { IngestAnswer } from '../../../contract/ingest.js';

/** What one batch may cost (docs/hardening.md): rejections stored one by one, errors answered. */
export interface IngestLimits {
  /** Rejected lines stored one by one in ingest_rejections; the rest as one row per reason and field. */
  storedRejections: number;
  /** Errors listed in the answer; the rest are counted in errorsOmitted and rejectedByReason. */
  answeredErrors: number;
}

const pgClaimBatch = pgQuery('ingest/claim_batch').returns<{ id: number }>();
const pgFinishBatch = pgQuery('ingest/finish_batch');
const pgInsertRejections = pgQuery('ingest/insert_rejections');

/** PostgreSQL errors worth one more try of the whole batch transaction. */
const RETRYABLE = new Set(['40P01', '40001']);

export class BatchRecorder {
  constructor(
    private readonly stores: Stores,
    private readonly limits: IngestLimits,
  ) {}

  /**
   * Claims the batch (its key, if any), runs `apply` in the same transaction (the entity upserts;
   * nothing for events, stored before) and records its counts and rejections. 'taken' when a
   * concurrent batch with the same key was recorded first.
   */
  async record(batch: BatchInfo, apply: (tx: PgRunner) => Promise<Counts>): Promise<IngestAnswer | 'taken'> {
    return this.withRetry(() =>
      this.stores.pg.tx(async (tx) => {
        const claimed = await tx.one(pgClaimBatch, {
          stream: batch.stream,
          idempotency_key: batch.key,
          request_hash: batch.requestHash,
          api_key_id: batch.apiKeyId,
          lines: batch.lines,
          transport: batch.transport,
        });
        if (!claimed) return 'taken' as const;
        return this.finish(tx, Number(claimed.id), batch, await apply(tx));
      }),
    );
  }

  private async finish(tx: PgRunner, batchId: number, batch: BatchInfo, r: Counts): Promise<IngestAnswer> {
    const { answeredErrors, storedRejections } = this.limits;
    const answer: IngestAnswer = {
      stream: batch.stream,
      accepted: r.accepted,
      rejected: r.errors.length,
      errors: r.errors.slice(0, answeredErrors).map(({ line, error, reason, field }) => ({ line, error, reason, field })),
      orphans: r.orphans,
      unchanged: r.unchanged,
      duplicates: r.duplicates,
    };
    if (r.errors.length > answeredErrors) {
      answer.errorsOmitted = r.errors.length - answeredErrors;
      answer.rejectedByReason = {};
      for (const e of r.errors) answer.rejectedByReason[e.reason] = (answer.rejectedByReason[e.reason] ?? 0) + 1;
    }
    const rows = r.errors
      .slice(0, storedRejections)
      .map((e) => ({ line: e.line, reason: e.reason, field: e.field, message: e.error, sample: e.sample, lines: 1 }));
    // Past the cap, one row per reason and field counts the rest (`lines`), so the data-quality
    // panels still sum every rejected line while a batch of 100,000 bad lines stores a bounded number of rows.
    const rest = new Map<string, { line: number; reason: Reason; field: string | null; message: string; sample: string; lines: number }>();
    for (const e of r.errors.slice(storedRejections)) {
      const k = `${e.reason}\u0001${e.field ?? ''}`;
      const g = rest.get(k);
      if (g) g.lines++;
      else rest.set(k, { line: e.line, reason: e.reason, field: e.field, message: e.error, sample: e.sample, lines: 1 });
    }
    for (const g of rest.values()) rows.push({ ...g, message: `${g.lines} lines from line ${g.line} on, not stored one by one; the first: ${g.message}` });
    for (let i = 0; i < rows.length; i += 5000) {
      await tx.exec(pgInsertRejections, { batch_id: batchId, stream: batch.stream, rows: rows.slice(i, i + 5000) });
    }
    await tx.exec(pgFinishBatch, {
      id: batchId,
      accepted: answer.accepted,
      rejected: answer.rejected,
      orphans: answer.orphans,
      unchanged: answer.unchanged,
      duplicates: answer.duplicates,
      response: answer,
    });
    return answer;
  }

  private async withRetry<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (attempt < 3 && code && RETRYABLE.has(code)) continue;
        if (code === '23505')
          throw new ConflictError('A row of this batch collided with one stored at the same moment (a unique username, email or id); send the batch again.');
        throw err;
      }
    }
  }
}
