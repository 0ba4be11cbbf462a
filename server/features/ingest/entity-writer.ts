// The entity streams (users, videos, follows, advertisers, campaigns, transactions, reports):
// upserts into PostgreSQL ordered by updated_at, inside the batch's transaction (batch-record.ts).
// A line naming an unknown parent is rejected (unknown_reference); a username or email held by
// another user is a conflict; reports join the unresolved case of their video (report-intake.ts).
import { pgQuery } from '../../db/index.js';
import type { PgRunner } from '../../db/stores.js';
import type { Reach, ReportIntake } from './report-intake.js';
import type { AdvertiserRow, CampaignRow, FollowRow, ReportRow, Stream, TransactionRow, UserRow, VideoRow } from './ingest.schemas.js';
import { rej, uniq, type Rejection, type Valid } from './ingest.lines.js';

const pgKnownVideos = pgQuery('ingest/known_videos').returns<{ id: string; creatorId: string; durationMs: number }>();
const pgKnownUsers = pgQuery('ingest/known_users').returns<{ id: string }>();
const pgKnownAdvertisers = pgQuery('ingest/known_advertisers').returns<{ id: string }>();
const pgUserIdentityHolders = pgQuery('ingest/user_identity_holders').returns<{ id: string; username: string; email: string }>();
const pgUpsertUsers = pgQuery('ingest/upsert_users').returns<{ id: string }>();
const pgUpsertVideos = pgQuery('ingest/upsert_videos').returns<{ id: string }>();
const pgInsertFollows = pgQuery('ingest/insert_follows').returns<{ follower_id: string }>();
const pgUpsertAdvertisers = pgQuery('ingest/upsert_advertisers').returns<{ id: string }>();
const pgUpsertCampaigns = pgQuery('ingest/upsert_campaigns').returns<{ id: string }>();
const pgUpsertTransactions = pgQuery('ingest/upsert_transactions').returns<{ id: string }>();

/** What the entity step of a batch decided: lines rejected after validation and lines that changed nothing. */
export interface EntityOutcome {
  rejected: Rejection[];
  unchanged: number;
}

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

export class EntityWriter {
  constructor(private readonly reports: ReportIntake) {}

  /** The reach of the reported videos (read from ClickHouse before the transaction); empty for other streams. */
  async reach(stream: Stream, valid: Valid<unknown>[], now: Date): Promise<Reach> {
    return stream === 'reports'
      ? this.reports.reach(
          (valid as Valid<ReportRow>[]).map((r) => r.value.video_id),
          now,
        )
      : new Map();
  }

  async apply(tx: PgRunner, stream: Stream, valid: Valid<unknown>[], reach: Reach, now: Date): Promise<EntityOutcome> {
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
