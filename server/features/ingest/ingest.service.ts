// The ingest API (README#ingest-api): NDJSON batches of events (to ClickHouse) and entities (to
// PostgreSQL). Every line is validated on its own; valid lines are stored, invalid ones answered
// with their line number and reason and recorded in ingest_rejections; every batch is recorded in
// ingest_batches (accepted, rejected, orphans, duplicates, transport) for the data-quality panels;
// an Idempotency-Key makes a retried batch count once in both stores, and a video or ad event
// whose event_id is already stored is not stored again whatever brings it (dedup.ts). HTTP
// (ingest.routes.ts) and RabbitMQ (amqp-consumer.ts) hand decoded bodies to `ingest`.
import { createHash, randomUUID } from 'node:crypto';
import { pgQuery, type Stores } from '../../db/index.js';
import type { PgRunner } from '../../db/stores.js';
import { AppError, ConflictError } from '../../http/errors.js';
import type { IngestAnswer, Transport } from '../../../contract/ingest.js';
import { ReportIntake, type Reach } from './report-intake.js';
import { EventDedup } from './dedup.js';
import {
  checkLine,
  storable,
  CLICKHOUSE_STREAMS,
  type AdEvent,
  type AdvertiserRow,
  type CampaignRow,
  type FollowRow,
  type LineError,
  type Reason,
  type ReportRow,
  type RequestMetric,
  type Stream,
  type TransactionRow,
  type UserRow,
  type VideoEvent,
  type VideoRow,
} from './ingest.schemas.js';

export type { IngestAnswer, Transport } from '../../../contract/ingest.js';

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

/** What one batch may cost (docs/hardening.md): rejections stored one by one, errors answered. */
export interface IngestLimits {
  /** Rejected lines stored one by one in ingest_rejections; the rest as one row per reason and field. */
  storedRejections: number;
  /** Errors listed in the answer; the rest are counted in errorsOmitted and rejectedByReason. */
  answeredErrors: number;
}

interface Valid<T> {
  line: number;
  value: T;
  sample: string;
}

const pgBatchRecorded = pgQuery('ingest/batch_recorded').returns<{ recorded: boolean }>();
const pgFindBatch = pgQuery('ingest/find_batch').returns<{ id: number; requestHash: string | null; response: IngestAnswer }>();
const pgClaimBatch = pgQuery('ingest/claim_batch').returns<{ id: number }>();
const pgFinishBatch = pgQuery('ingest/finish_batch');
const pgInsertRejections = pgQuery('ingest/insert_rejections');
const pgKnownVideos = pgQuery('ingest/known_videos').returns<{ id: string; creatorId: string; durationMs: number }>();
const pgKnownCampaigns = pgQuery('ingest/known_campaigns').returns<{ id: string; advertiserId: string }>();
const pgKnownUsers = pgQuery('ingest/known_users').returns<{ id: string }>();
const pgKnownAdvertisers = pgQuery('ingest/known_advertisers').returns<{ id: string }>();
const pgUserIdentityHolders = pgQuery('ingest/user_identity_holders').returns<{ id: string; username: string; email: string }>();
const pgUpsertUsers = pgQuery('ingest/upsert_users').returns<{ id: string }>();
const pgUpsertVideos = pgQuery('ingest/upsert_videos').returns<{ id: string }>();
const pgInsertFollows = pgQuery('ingest/insert_follows').returns<{ follower_id: string }>();
const pgUpsertAdvertisers = pgQuery('ingest/upsert_advertisers').returns<{ id: string }>();
const pgUpsertCampaigns = pgQuery('ingest/upsert_campaigns').returns<{ id: string }>();
const pgUpsertTransactions = pgQuery('ingest/upsert_transactions').returns<{ id: string }>();

const SAMPLE_CHARS = 500;
/** Lines validated between two yields to the event loop. */
const PARSE_SLICE = 2000;
/** PostgreSQL errors worth one more try of the whole batch transaction. */
const RETRYABLE = new Set(['40P01', '40001']);

export class IdempotencyKeyReusedError extends AppError {
  constructor() {
    super(422, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different batch on this stream: use a new key for new data.');
  }
}

/** What the entity step of a batch decided: lines rejected after validation and lines that changed nothing. */
interface EntityOutcome {
  rejected: Rejection[];
  unchanged: number;
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Keeps one row per key: the greatest updated_at, the later line on a tie (lines in order). */
function latestPerKey<T extends { updated_at: string }>(rows: Valid<T>[], key: (v: T) => string | number): Valid<T>[] {
  const best = new Map<string | number, Valid<T>>();
  for (const r of rows) {
    const k = key(r.value);
    const cur = best.get(k);
    if (!cur || Date.parse(r.value.updated_at) >= Date.parse(cur.value.updated_at)) best.set(k, r);
  }
  return [...best.values()];
}

function firstPerKey<T>(rows: Valid<T>[], key: (v: T) => string | number): Valid<T>[] {
  const seen = new Map<string | number, Valid<T>>();
  for (const r of rows) if (!seen.has(key(r.value))) seen.set(key(r.value), r);
  return [...seen.values()];
}

/** A rejected line with the start of its text (stored in ingest_rejections, never answered). */
interface Rejection extends LineError {
  sample: string;
}
// Sample and message never carry U+0000 or a lone surrogate: the rejection must store even when the line could not.
const rej = (line: number, reason: Reason, field: string | null, error: string, sample: string): Rejection => ({
  line,
  reason,
  field,
  error: storable(error),
  sample: storable(sample.slice(0, SAMPLE_CHARS)),
});

export class IngestService {
  private readonly reports: ReportIntake;
  private readonly dedup: EventDedup;
  private readonly limits: IngestLimits;

  constructor(
    private readonly stores: Stores,
    private readonly now: () => Date = () => new Date(),
    settings: IngestSettings,
  ) {
    this.reports = new ReportIntake(stores, settings.slaHours);
    this.dedup = new EventDedup(stores, { horizonDays: settings.dedupHorizonDays, now });
    this.limits = settings.limits;
  }

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
    const batch = { stream, key: key ?? null, requestHash, apiKeyId: opts.apiKeyId ?? null, lines, transport: opts.transport ?? 'http' };
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
    const now = this.now().getTime();
    let lineNo = 0;
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      lineNo++;
      if (lineNo % PARSE_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      let line = text.slice(start, end);
      start = end + 1;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line.trim() === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (err) {
        errors.push(rej(lineNo, 'malformed_json', null, `not valid JSON (${(err as Error).message})`, line));
        continue;
      }
      const checked = checkLine(stream, parsed, now);
      if (checked.ok) valid.push({ line: lineNo, value: checked.value, sample: line });
      else errors.push(rej(lineNo, checked.reason, checked.field, checked.error, line));
    }
    return { valid, errors, lines: lineNo };
  }

  // ---- ClickHouse streams ----------------------------------------------------------------

  private async ingestEvents(batch: BatchInfo, valid: Valid<unknown>[], errors: Rejection[]): Promise<IngestAnswer | 'taken'> {
    let rows: Record<string, unknown>[];
    if (batch.stream === 'video-events') {
      const events = valid as Valid<VideoEvent>[];
      const known = new Map((await this.stores.pg.rows(pgKnownVideos, { ids: uniq(events.map((e) => e.value.video_id)) })).map((v) => [Number(v.id), v]));
      rows = [];
      for (const e of events) {
        const video = known.get(e.value.video_id);
        if (video !== undefined && Number(video.creatorId) !== e.value.creator_id) {
          errors.push(
            rej(
              e.line,
              'conflict',
              'creator_id',
              `creator_id ${e.value.creator_id} is not the creator of video ${e.value.video_id} (user ${video.creatorId} is)`,
              e.sample,
            ),
          );
          continue;
        }
        // What the pre-aggregates need of PostgreSQL goes on the row (docs/scale.md): the
        // duration for completed views, the orphan flag for data quality (set on the validated
        // object itself: no copy of 100,000 objects per batch).
        rows.push(Object.assign(e.value, { video_duration_ms: video?.durationMs ?? 0, orphan: video ? 0 : 1 }));
      }
    } else if (batch.stream === 'ad-events') {
      const events = valid as Valid<AdEvent>[];
      const known = new Map(
        (await this.stores.pg.rows(pgKnownCampaigns, { ids: uniq(events.map((e) => e.value.campaign_id)) })).map((c) => [Number(c.id), Number(c.advertiserId)]),
      );
      rows = [];
      for (const e of events) {
        const advertiser = known.get(e.value.campaign_id);
        if (advertiser !== undefined && advertiser !== e.value.advertiser_id) {
          errors.push(
            rej(
              e.line,
              'conflict',
              'advertiser_id',
              `advertiser_id ${e.value.advertiser_id} does not own campaign ${e.value.campaign_id} (advertiser ${advertiser} does)`,
              e.sample,
            ),
          );
          continue;
        }
        rows.push(Object.assign(e.value, { orphan: advertiser === undefined ? 1 : 0 }));
      }
    } else {
      rows = (valid as Valid<RequestMetric>[]).map((e) => e.value);
    }
    const table = batch.stream === 'video-events' ? 'video_events' : batch.stream === 'ad-events' ? 'ad_events' : 'request_metrics';
    // The same key and body always make the same token, so a retry after a failure between the two
    // stores is dropped by ClickHouse (non_replicated_deduplication_window on the table and its
    // rollups). Events always take the body's token (docs/ingest-dedup.md): each row records it
    // (ingest_token), so a retry after a crash mid-insert recognises its own rows. Request metrics
    // without a key get a token of their own, so two equal batches both count.
    const dedupToken =
      batch.key || table !== 'request_metrics' ? `ingest-${sha256(`${batch.stream}\n${batch.key ?? ''}\n${batch.requestHash}`)}` : `ingest-${randomUUID()}`;
    // The validated objects go as they are: best_effort reads ISO-8601 with Z or an offset (measured
    // correct for Z, +05:30 and -05:00), which saves rebuilding 100,000 objects per batch.
    const insert = async (fresh: Record<string, unknown>[]) =>
      this.stores.ch.insert(table, fresh, { dedupToken, settings: { date_time_input_format: 'best_effort' } });
    let duplicates = 0;
    if (table === 'request_metrics') {
      // Request metrics carry no id: each line is a measurement, stored as sent (docs/ingest-dedup.md).
      if (rows.length) await insert(rows);
    } else {
      const recorded = async () => (await this.stores.pg.one(pgBatchRecorded, { stream: batch.stream, request_hash: batch.requestHash }))?.recorded === true;
      const out = await this.dedup.storeNew(table, rows as (VideoEvent | AdEvent)[], { token: dedupToken, recorded }, (fresh) => {
        for (const r of fresh) (r as Record<string, unknown>).ingest_token = dedupToken;
        return insert(fresh);
      });
      rows = out.fresh;
      duplicates = out.duplicates;
    }
    // Orphans among the rows stored (a duplicate is not counted again).
    const orphans = rows.reduce((n, r) => n + (r.orphan === 1 ? 1 : 0), 0);
    errors.sort((a, b) => a.line - b.line);
    return this.record(batch, { accepted: rows.length, errors, orphans, unchanged: 0, duplicates });
  }

  /** Records the batch and its rejections in one transaction; 'taken' when the key already was. */
  private async record(batch: BatchInfo, r: Counts): Promise<IngestAnswer | 'taken'> {
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
        return this.finish(tx, Number(claimed.id), batch, r);
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

  // ---- PostgreSQL streams ----------------------------------------------------------------

  private async ingestEntities(batch: BatchInfo, valid: Valid<unknown>[], errors: Rejection[]): Promise<IngestAnswer | 'taken'> {
    const now = this.now();
    const reach =
      batch.stream === 'reports'
        ? await this.reports.reach(
            (valid as Valid<ReportRow>[]).map((r) => r.value.video_id),
            now,
          )
        : new Map();
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
        const outcome = await this.applyEntities(tx, batch.stream, valid, reach, now);
        const all = [...errors, ...outcome.rejected].sort((a, b) => a.line - b.line);
        return this.finish(tx, Number(claimed.id), batch, {
          accepted: valid.length - outcome.rejected.length,
          errors: all,
          orphans: 0,
          unchanged: outcome.unchanged,
          duplicates: 0,
        });
      }),
    );
  }

  private async applyEntities(tx: PgRunner, stream: Stream, valid: Valid<unknown>[], reach: Reach, now: Date): Promise<EntityOutcome> {
    switch (stream) {
      case 'users':
        return this.applyUsers(tx, valid as Valid<UserRow>[]);
      case 'videos':
        return this.applyWithParents(tx, valid as Valid<VideoRow>[], [{ field: 'creator_id', of: (v) => v.creator_id, kind: 'user' }], (rows) =>
          tx.rows(pgUpsertVideos, { rows: latestPerKey(rows, (v) => v.id).map((r) => r.value) }).then((w) => w.length),
        );
      case 'follows':
        return this.applyWithParents(
          tx,
          valid as Valid<FollowRow>[],
          [
            { field: 'follower_id', of: (v) => v.follower_id, kind: 'user' },
            { field: 'followee_id', of: (v) => v.followee_id, kind: 'user' },
          ],
          (rows) => tx.rows(pgInsertFollows, { rows: firstPerKey(rows, (v) => `${v.follower_id}:${v.followee_id}`).map((r) => r.value) }).then((w) => w.length),
        );
      case 'advertisers':
        return this.applyWithParents(tx, valid as Valid<AdvertiserRow>[], [], (rows) =>
          tx.rows(pgUpsertAdvertisers, { rows: latestPerKey(rows, (v) => v.id).map((r) => r.value) }).then((w) => w.length),
        );
      case 'campaigns':
        return this.applyWithParents(tx, valid as Valid<CampaignRow>[], [{ field: 'advertiser_id', of: (v) => v.advertiser_id, kind: 'advertiser' }], (rows) =>
          tx.rows(pgUpsertCampaigns, { rows: latestPerKey(rows, (v) => v.id).map((r) => r.value) }).then((w) => w.length),
        );
      case 'transactions':
        return this.applyWithParents(
          tx,
          valid as Valid<TransactionRow>[],
          [
            { field: 'user_id', of: (v) => v.user_id, kind: 'user' },
            { field: 'advertiser_id', of: (v) => v.advertiser_id, kind: 'advertiser' },
          ],
          (rows) => tx.rows(pgUpsertTransactions, { rows: latestPerKey(rows, (v) => v.id).map((r) => r.value) }).then((w) => w.length),
        );
      case 'reports':
        return this.applyWithParents(
          tx,
          valid as Valid<ReportRow>[],
          [
            { field: 'video_id', of: (v) => v.video_id, kind: 'video' },
            { field: 'reporter_id', of: (v) => v.reporter_id, kind: 'user' },
          ],
          (rows) =>
            this.reports.store(
              tx,
              firstPerKey(rows, (v) => v.id).map((r) => r.value),
              reach,
              now,
            ),
        );
      default:
        throw new Error(`not an entity stream: ${stream}`);
    }
  }

  /**
   * Rejects rows naming an unknown parent (a video of an unknown creator, README#ingest-api), stores the
   * rest with `write` (answering how many rows it changed); the remaining accepted lines are
   * counted unchanged.
   */
  private async applyWithParents<T>(
    tx: PgRunner,
    rows: Valid<T>[],
    parents: { field: string; of: (v: T) => number | null; kind: 'user' | 'advertiser' | 'video' }[],
    write: (rows: Valid<T>[]) => Promise<number>,
  ): Promise<EntityOutcome> {
    const rejected: Rejection[] = [];
    const known = new Map<string, Set<number>>();
    for (const kind of new Set(parents.map((p) => p.kind))) {
      const ids = uniq(
        rows.flatMap((r) =>
          parents
            .filter((p) => p.kind === kind)
            .map((p) => p.of(r.value))
            .filter((x): x is number => x !== null),
        ),
      );
      const q = kind === 'user' ? pgKnownUsers : kind === 'advertiser' ? pgKnownAdvertisers : pgKnownVideos;
      known.set(kind, new Set(ids.length ? (await tx.rows(q, { ids })).map((x) => Number(x.id)) : []));
    }
    const ok: Valid<T>[] = [];
    for (const r of rows) {
      const missing = parents.find((p) => {
        const v = p.of(r.value);
        return v !== null && !known.get(p.kind)!.has(v);
      });
      if (missing) {
        const v = missing.of(r.value);
        const what = missing.kind === 'user' ? 'user' : missing.kind === 'advertiser' ? 'advertiser' : 'video';
        rejected.push(
          rej(r.line, 'unknown_reference', missing.field, `${missing.field} ${v} is not a known ${what}: send the ${what} first (stream ${what}s)`, r.sample),
        );
      } else ok.push(r);
    }
    const written = ok.length ? await write(ok) : 0;
    return { rejected, unchanged: ok.length - written };
  }

  private async applyUsers(tx: PgRunner, rows: Valid<UserRow>[]): Promise<EntityOutcome> {
    const rejected: Rejection[] = [];
    const holders = rows.length
      ? await tx.rows(pgUserIdentityHolders, { usernames: uniq(rows.map((r) => r.value.username)), emails: uniq(rows.map((r) => r.value.email)) })
      : [];
    const usernameOf = new Map(holders.map((h) => [h.username, Number(h.id)]));
    const emailOf = new Map(holders.map((h) => [h.email, Number(h.id)]));
    const latest = new Map(latestPerKey(rows, (v) => v.id).map((r) => [r.line, r]));
    const ok: Valid<UserRow>[] = [];
    for (const r of rows) {
      const u = r.value;
      const byName = usernameOf.get(u.username);
      const byEmail = emailOf.get(u.email);
      if (byName !== undefined && byName !== u.id) {
        rejected.push(rej(r.line, 'conflict', 'username', `username "${u.username}" belongs to user ${byName}`, r.sample));
      } else if (byEmail !== undefined && byEmail !== u.id) {
        rejected.push(rej(r.line, 'conflict', 'email', `email ${u.email} belongs to user ${byEmail}`, r.sample));
      } else {
        ok.push(r);
        // The version of this id that will be written claims its username and email for the rest of the batch.
        if (latest.has(r.line)) {
          usernameOf.set(u.username, u.id);
          emailOf.set(u.email, u.id);
        }
      }
    }
    const winners = latestPerKey(ok, (v) => v.id);
    const written = winners.length ? (await tx.rows(pgUpsertUsers, { rows: winners.map((r) => r.value) })).length : 0;
    return { rejected, unchanged: ok.length - written };
  }
}

interface BatchInfo {
  stream: Stream;
  key: string | null;
  requestHash: string;
  apiKeyId: number | null;
  lines: number;
  transport: Transport;
}

interface Counts {
  accepted: number;
  errors: Rejection[];
  orphans: number;
  unchanged: number;
  duplicates: number;
}
