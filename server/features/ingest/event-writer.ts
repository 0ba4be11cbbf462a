// The event streams (video-events, ad-events, request-metrics) into ClickHouse: the checks
// against PostgreSQL (a video's creator, a campaign's advertiser: a conflict is rejected, an
// unknown one stored as an orphan), the batch's insert token, and for video and ad events the
// dedup step (dedup.ts) that stores each event_id once, one range of lines at a time while the
// next range is read (docs/ingest-dedup.md, "Pipelining a batch in chunks").
import { createHash, randomUUID } from 'node:crypto';
import { pgQuery, type Stores } from '../../db/index.js';
import type { EventDedup } from './dedup.js';
import type { AdEvent, RequestMetric, VideoEvent } from './ingest.schemas.js';
import { isScanned, type ScannedAdEvent, type ScannedVideoEvent } from './event-scan.js';
import { rej, uniq, type BatchInfo, type Counts, type Rejection, type Valid } from './ingest.lines.js';
import type { LineChunk } from './ingest.parse.js';

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

  /**
   * Stores a batch's valid event lines, given as its first range of lines and a reader of the next
   * (`next`, called while a range is stored); the conflicts found are added to `errors` (sorted by
   * line at the end).
   */
  async write(batch: BatchInfo, first: LineChunk, next: () => Promise<LineChunk>, errors: Rejection[]): Promise<Counts> {
    const table = batch.stream === 'video-events' ? 'video_events' : batch.stream === 'ad-events' ? 'ad_events' : 'request_metrics';
    // The same key and body always make the same token, so a retry after a failure between the two
    // stores is dropped by ClickHouse (non_replicated_deduplication_window on the table and its
    // rollups). Events always take the body's token (docs/ingest-dedup.md): each row records it
    // (ingest_token), so a retry after a crash mid-insert recognises its own rows. Request metrics
    // without a key get a token of their own, so two equal batches both count.
    const dedupToken =
      batch.key || table !== 'request_metrics' ? `ingest-${sha256(`${batch.stream}\n${batch.key ?? ''}\n${batch.requestHash}`)}` : `ingest-${randomUUID()}`;
    if (table === 'request_metrics') {
      // Request metrics carry no id: each line is a measurement, stored as sent (docs/ingest-dedup.md).
      const rows = (first.valid as Valid<RequestMetric>[]).map((e) => e.value as unknown as Record<string, unknown>);
      if (rows.length) await this.stores.ch.insertBatch(table, rows, { dedupToken, settings: BEST_EFFORT });
      errors.sort((a, b) => a.line - b.line);
      return { accepted: rows.length, errors, orphans: 0, unchanged: 0, duplicates: 0 };
    }
    const recorded = async () => (await this.stores.pg.one(pgBatchRecorded, { stream: batch.stream, request_hash: batch.requestHash }))?.recorded === true;
    // A batch of one range keeps the body's token; a longer one gives each range its own, made of
    // the body's token and the range's line numbers, so a retry of the same body rebuilds the same
    // blocks under the same tokens. `seen` carries the ids of the earlier ranges across them.
    const tokenOf = (c: LineChunk) => (c.from === first.from && c.last ? dedupToken : `${dedupToken}:${c.from}-${c.to}`);
    const seen = new Set<string>();
    let accepted = 0;
    let orphans = 0;
    let duplicates = 0;
    let current: { chunk: LineChunk; step: ChunkStep } | undefined = { chunk: first, step: this.step(batch.stream, first.valid, errors, tokenOf(first)) };
    await this.dedup.locked(table, async () => {
      while (current) {
        const { chunk, step } = current;
        const storing = this.dedup.storeChunk(table, step.rows, { token: step.token, recorded }, step.insert, step.checked, seen);
        storing.catch(() => {}); // awaited below, after the next range is read
        // The next range is read (and its PostgreSQL look-up started) while this one is checked and inserted.
        const upcoming = chunk.last ? undefined : next().then((c) => ({ chunk: c, step: this.step(batch.stream, c.valid, errors, tokenOf(c)) }));
        upcoming?.catch(() => {});
        const out = await storing;
        accepted += out.fresh.length;
        // Orphans among the rows stored (a duplicate is not counted again).
        for (const r of out.fresh) if (r.orphan === 1) orphans++;
        duplicates += out.duplicates;
        current = await upcoming;
      }
    });
    errors.sort((a, b) => a.line - b.line);
    return { accepted, errors, orphans, unchanged: 0, duplicates };
  }

  /**
   * One range's rows, its PostgreSQL checks (started now, finished beside the dedup step's id check
   * in ClickHouse: `checked`, the two stores at the same time) and its insert under `token`.
   */
  private step(stream: BatchInfo['stream'], valid: Valid<unknown>[], errors: Rejection[], token: string): ChunkStep {
    // The validated objects go as they are: best_effort reads ISO-8601 with Z or an offset (measured
    // correct for Z, +05:30 and -05:00), which saves rebuilding 100,000 objects per batch. A line the
    // strict reader took (event-scan.ts, embedded engine only) goes as its own text, closed with the
    // console's columns. On the embedded engine each row's text is written beside the id check
    // (`done`, below), kept on the row under LINE, and the insert joins the fresh rows' texts.
    const table = stream === 'video-events' ? 'video_events' : 'ad_events';
    const tokenTail = `,"ingest_token":${JSON.stringify(token)}}`;
    const encode = (r: Record<string, unknown>) => {
      const line = (r as { [LINE]?: string })[LINE];
      if (line !== undefined) return line;
      if (!isScanned(r)) return JSON.stringify(r);
      const { head, video_duration_ms: d, orphan } = r as unknown as { head: string; video_duration_ms?: number; orphan: number };
      return `${head}${d === undefined ? '' : `,"video_duration_ms":${d}`},"orphan":${orphan}${tokenTail}`;
    };
    const ahead = this.stores.ch.takesNdjson;
    const done = (rows: Row[]) => {
      for (const r of rows) {
        if (!isScanned(r)) r.ingest_token = token;
        if (ahead) (r as { [LINE]?: string })[LINE] = encode(r);
      }
      return rows;
    };
    let checked: () => Promise<Row[]>;
    if (stream === 'video-events') {
      const events = valid as Valid<VideoEvent | ScannedVideoEvent>[];
      const lookup = this.stores.pg.rows(pgKnownVideos, { ids: uniq(events.map((e) => e.value.video_id)) });
      lookup.catch(() => {}); // awaited below; never an unhandled rejection while the lock is awaited
      checked = async () => {
        const known = new Map((await lookup).map((v) => [Number(v.id), v]));
        const rows: Row[] = [];
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
          rows.push(Object.assign(e.value, { video_duration_ms: video?.durationMs ?? 0, orphan: video ? 0 : 1 }) as unknown as Row);
        }
        return done(rows);
      };
    } else {
      const events = valid as Valid<AdEvent | ScannedAdEvent>[];
      const lookup = this.stores.pg.rows(pgKnownCampaigns, { ids: uniq(events.map((e) => e.value.campaign_id)) });
      lookup.catch(() => {});
      checked = async () => {
        const known = new Map((await lookup).map((c) => [Number(c.id), Number(c.advertiserId)]));
        const rows: Row[] = [];
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
          rows.push(Object.assign(e.value, { orphan: advertiser === undefined ? 1 : 0 }) as unknown as Row);
        }
        return done(rows);
      };
    }
    const insert = async (fresh: Row[]) => this.stores.ch.insertBatch(table, fresh, { dedupToken: token, encode, settings: BEST_EFFORT });
    return { rows: valid.map((e) => e.value) as Row[], token, checked, insert };
  }
}

type Row = Record<string, unknown> & { event_id: string; ts: string };

/** One range of a batch's lines, ready for the dedup step. */
interface ChunkStep {
  rows: Row[];
  token: string;
  checked: () => Promise<Row[]>;
  insert: (fresh: Row[]) => Promise<void>;
}

const BEST_EFFORT = { date_time_input_format: 'best_effort' } as const;
