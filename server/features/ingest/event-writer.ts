// The event streams (video-events, ad-events, request-metrics) into ClickHouse: the checks
// against PostgreSQL (a video's creator, a campaign's advertiser: a conflict is rejected, an
// unknown one stored as an orphan), the batch's insert token, and for video and ad events the
// dedup step (dedup.ts) that stores each event_id once.
import { createHash, randomUUID } from 'node:crypto';
import { pgQuery, type Stores } from '../../db/index.js';
import type { EventDedup } from './dedup.js';
import type { AdEvent, RequestMetric, VideoEvent } from './ingest.schemas.js';
import { isScanned, type ScannedAdEvent, type ScannedVideoEvent } from './event-scan.js';
import { rej, uniq, type BatchInfo, type Counts, type Rejection, type Valid } from './ingest.lines.js';

const pgBatchRecorded = pgQuery('ingest/batch_recorded').returns<{ recorded: boolean }>();
const pgKnownVideos = pgQuery('ingest/known_videos').returns<{ id: string; creatorId: string; durationMs: number }>();
const pgKnownCampaigns = pgQuery('ingest/known_campaigns').returns<{ id: string; advertiserId: string }>();

/** A row's insert text, written ahead (JSON.stringify leaves symbol keys out). */
const LINE = Symbol('line');

const sha256 = (b: string) => createHash('sha256').update(b).digest('hex');

export class EventWriter {
  constructor(
    private readonly stores: Stores,
    private readonly dedup: EventDedup,
  ) {}

  /** Stores a batch's valid event lines; the conflicts found are added to `errors` (sorted by line). */
  async write(batch: BatchInfo, valid: Valid<unknown>[], errors: Rejection[]): Promise<Counts> {
    const table = batch.stream === 'video-events' ? 'video_events' : batch.stream === 'ad-events' ? 'ad_events' : 'request_metrics';
    // The same key and body always make the same token, so a retry after a failure between the two
    // stores is dropped by ClickHouse (non_replicated_deduplication_window on the table and its
    // rollups). Events always take the body's token (docs/ingest-dedup.md): each row records it
    // (ingest_token), so a retry after a crash mid-insert recognises its own rows. Request metrics
    // without a key get a token of their own, so two equal batches both count.
    const dedupToken =
      batch.key || table !== 'request_metrics' ? `ingest-${sha256(`${batch.stream}\n${batch.key ?? ''}\n${batch.requestHash}`)}` : `ingest-${randomUUID()}`;
    // The validated objects go as they are: best_effort reads ISO-8601 with Z or an offset (measured
    // correct for Z, +05:30 and -05:00), which saves rebuilding 100,000 objects per batch. A line the
    // strict reader took (event-scan.ts, embedded engine only) goes as its own text, closed with the
    // console's columns. On the embedded engine each event row's text is written beside the id check
    // (`done`, below), kept on the row under LINE, and the insert joins the fresh rows' texts.
    const tokenTail = `,"ingest_token":${JSON.stringify(dedupToken)}}`;
    const encode = (r: Record<string, unknown>) => {
      const line = (r as { [LINE]?: string })[LINE];
      if (line !== undefined) return line;
      if (!isScanned(r)) return JSON.stringify(r);
      const { head, video_duration_ms: d, orphan } = r as unknown as { head: string; video_duration_ms?: number; orphan: number };
      return `${head}${d === undefined ? '' : `,"video_duration_ms":${d}`},"orphan":${orphan}${tokenTail}`;
    };
    const ahead = table !== 'request_metrics' && this.stores.ch.takesNdjson;
    const done = (rows: Record<string, unknown>[]) => {
      if (table === 'request_metrics') return rows;
      for (const r of rows) {
        if (!isScanned(r)) r.ingest_token = dedupToken;
        if (ahead) (r as { [LINE]?: string })[LINE] = encode(r);
      }
      return rows;
    };
    // The PostgreSQL checks (a video's creator, a campaign's advertiser) start now and finish beside
    // the dedup step's id check in ClickHouse (`narrow`): the two stores work at the same time.
    let checked: () => Promise<Record<string, unknown>[]>;
    if (batch.stream === 'video-events') {
      const events = valid as Valid<VideoEvent | ScannedVideoEvent>[];
      const lookup = this.stores.pg.rows(pgKnownVideos, { ids: uniq(events.map((e) => e.value.video_id)) });
      lookup.catch(() => {}); // awaited below; never an unhandled rejection while the lock is awaited
      checked = async () => {
        const known = new Map((await lookup).map((v) => [Number(v.id), v]));
        const rows: Record<string, unknown>[] = [];
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
        return done(rows);
      };
    } else if (batch.stream === 'ad-events') {
      const events = valid as Valid<AdEvent | ScannedAdEvent>[];
      const lookup = this.stores.pg.rows(pgKnownCampaigns, { ids: uniq(events.map((e) => e.value.campaign_id)) });
      lookup.catch(() => {});
      checked = async () => {
        const known = new Map((await lookup).map((c) => [Number(c.id), Number(c.advertiserId)]));
        const rows: Record<string, unknown>[] = [];
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
        return done(rows);
      };
    } else {
      const metrics = (valid as Valid<RequestMetric>[]).map((e) => e.value);
      checked = async () => metrics;
    }
    const insert = async (fresh: Record<string, unknown>[]) =>
      this.stores.ch.insertBatch(table, fresh, { dedupToken, encode, settings: { date_time_input_format: 'best_effort' } });
    let duplicates = 0;
    let rows: Record<string, unknown>[];
    if (table === 'request_metrics') {
      // Request metrics carry no id: each line is a measurement, stored as sent (docs/ingest-dedup.md).
      rows = await checked();
      if (rows.length) await insert(rows);
    } else {
      const recorded = async () => (await this.stores.pg.one(pgBatchRecorded, { stream: batch.stream, request_hash: batch.requestHash }))?.recorded === true;
      type Row = Record<string, unknown> & { event_id: string; ts: string };
      const out = await this.dedup.storeNew(
        table,
        valid.map((e) => e.value) as Row[],
        { token: dedupToken, recorded },
        insert,
        checked as () => Promise<Row[]>,
      );
      rows = out.fresh;
      duplicates = out.duplicates;
    }
    // Orphans among the rows stored (a duplicate is not counted again).
    const orphans = rows.reduce((n, r) => n + (r.orphan === 1 ? 1 : 0), 0);
    errors.sort((a, b) => a.line - b.line);
    return { accepted: rows.length, errors, orphans, unchanged: 0, duplicates };
  }
}
