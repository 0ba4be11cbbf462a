// The event streams (video-events, ad-events, request-metrics) into ClickHouse: the checks
// against PostgreSQL (a video's creator, a campaign's advertiser: a conflict is rejected, an
// unknown one stored as an orphan), the batch's insert token, and for video and ad events the
// dedup step (dedup.ts) that stores each event_id once: checked a range of lines at a time while
// the next range is read, inserted once per batch (docs/ingest-dedup.md, "Speed").
import { createHash, randomUUID } from 'node:crypto';
import { pgQuery, type Stores } from '../../db/index.js';
import type { EventDedup } from './dedup.js';
import type { AdEvent, RequestMetric, VideoEvent } from './ingest.schemas.js';
import { isScanned, type ScannedAdEvent, type ScannedVideoEvent } from './event-scan.js';
import { EventBody } from './event-body.js';
import { rej, type BatchInfo, type Counts, type Rejection, type Valid } from './ingest.lines.js';
import type { LineChunk } from './ingest.parse.js';

const pgBatchRecorded = pgQuery('ingest/batch_recorded').returns<{ recorded: boolean }>();
const pgKnownVideos = pgQuery('ingest/known_videos').returns<{ id: string; creatorId: string; durationMs: number }>();
const pgKnownCampaigns = pgQuery('ingest/known_campaigns').returns<{ id: string; advertiserId: string }>();

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
    // Asked at most once per batch (a range that finds its own token asks; the answer does not change under the lock).
    let wasRecorded: Promise<boolean> | undefined;
    const recorded = () =>
      (wasRecorded ??= this.stores.pg.one(pgBatchRecorded, { stream: batch.stream, request_hash: batch.requestHash }).then((r) => r?.recorded === true));
    // The ranges are read and checked one after the other (each range's check in ClickHouse while
    // the next range is read), and the fresh rows of every range go to ClickHouse as one insert
    // under the body's token at the end (docs/ingest-dedup.md, "One insert per batch"): the engine's
    // cost per inserted block (a part in the raw table and in every rollup) is paid once per batch.
    // `seen` carries the ids of the earlier ranges across them.
    const seen = new Set<string>();
    // On the embedded engine each range's fresh rows are written into the insert's body as soon as
    // its check answers (event-body.ts), and the rows themselves are not kept; a ClickHouse server
    // takes the rows as objects.
    const body = this.stores.ch.takesNdjson ? new EventBody(first.source, dedupToken) : undefined;
    const fresh: Row[] = [];
    let accepted = 0;
    let orphans = 0;
    let duplicates = 0;
    const known: BatchLookups = {
      videos: new KnownIds(async (ids) => (await this.stores.pg.rows(pgKnownVideos, { ids })).map((v) => [Number(v.id), v])),
      campaigns: new KnownIds(async (ids) => (await this.stores.pg.rows(pgKnownCampaigns, { ids })).map((c) => [Number(c.id), Number(c.advertiserId)])),
    };
    const step = (c: LineChunk) => this.step(batch.stream, c.valid, errors, dedupToken, known);
    let current: { chunk: LineChunk; step: ChunkStep } | undefined = { chunk: first, step: step(first) };
    await this.dedup.locked(table, async () => {
      while (current) {
        const { chunk, step: range } = current;
        const checking = this.dedup.checkChunk(table, range.rows, { token: dedupToken, recorded }, range.checked, seen);
        checking.catch(() => {}); // awaited below, after the next range is read
        // The next range is read (and its PostgreSQL look-up started) while this one is checked.
        const upcoming = chunk.last ? undefined : next().then((c) => ({ chunk: c, step: step(c) }));
        upcoming?.catch(() => {});
        const out = await checking;
        accepted += out.fresh.length;
        // Orphans among the rows stored (a duplicate is not counted again).
        for (const r of out.fresh) if (r.orphan === 1) orphans++;
        if (body) body.add(out.fresh);
        else for (const r of out.fresh) fresh.push(r);
        duplicates += out.duplicates;
        current = await upcoming;
      }
      if (accepted) await this.stores.ch.insertBatch(table, body ? body.bytes() : fresh, { dedupToken, settings: BEST_EFFORT });
    });
    errors.sort((a, b) => a.line - b.line);
    return { accepted, errors, orphans, unchanged: 0, duplicates };
  }

  /**
   * One range's rows and its PostgreSQL checks (started now, finished beside the dedup step's id
   * check in ClickHouse: `checked`, the two stores at the same time).
   */
  private step(stream: BatchInfo['stream'], valid: Valid<unknown>[], errors: Rejection[], token: string, known: BatchLookups): ChunkStep {
    // The validated objects go as they are: best_effort reads ISO-8601 with Z or an offset (measured
    // correct for Z, +05:30 and -05:00), which saves rebuilding 100,000 objects per batch. A row the
    // strict reader took gets its token in the insert's body (event-body.ts).
    const done = (rows: Row[]) => {
      for (const r of rows) if (!isScanned(r)) r.ingest_token = token;
      return rows;
    };
    let checked: () => Promise<Row[]>;
    if (stream === 'video-events') {
      const events = valid as Valid<VideoEvent | ScannedVideoEvent>[];
      const lookup = known.videos.ask(events.map((e) => e.value.video_id));
      checked = async () => {
        const videos = await lookup;
        const rows: Row[] = [];
        for (const e of events) {
          const video = videos.get(e.value.video_id);
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
          const v = e.value as { video_duration_ms: number; orphan: number };
          v.video_duration_ms = video?.durationMs ?? 0;
          v.orphan = video ? 0 : 1;
          rows.push(v as unknown as Row);
        }
        return done(rows);
      };
    } else {
      const events = valid as Valid<AdEvent | ScannedAdEvent>[];
      const lookup = known.campaigns.ask(events.map((e) => e.value.campaign_id));
      checked = async () => {
        const campaigns = await lookup;
        const rows: Row[] = [];
        for (const e of events) {
          const advertiser = campaigns.get(e.value.campaign_id);
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
          (e.value as { orphan: number }).orphan = advertiser === undefined ? 1 : 0;
          rows.push(e.value as unknown as Row);
        }
        return done(rows);
      };
    }
    return { rows: valid.map((e) => e.value) as Row[], checked };
  }
}

type Row = Record<string, unknown> & { event_id: string; ts: string };

/**
 * A batch's PostgreSQL look-ups across its ranges: each id is asked once, in the range that names it
 * first, and the answers of earlier ranges are kept (a 100,000-line batch about 20,000 videos asks
 * for 20,000 ids, not for each range's own ~15,000).
 */
class KnownIds<T> {
  private readonly asked = new Set<number>();
  private readonly found = new Map<number, T>();
  private done: Promise<unknown> = Promise.resolve();

  constructor(private readonly look: (ids: number[]) => Promise<[number, T][]>) {}

  /** Starts the look-up of the ids not asked yet; answers every answer so far once they are in. */
  ask(ids: readonly number[]): Promise<ReadonlyMap<number, T>> {
    const fresh: number[] = [];
    for (const id of ids) {
      if (this.asked.has(id)) continue;
      this.asked.add(id);
      fresh.push(id);
    }
    if (fresh.length) {
      const found = this.found;
      const looked = this.look(fresh).then((rows) => {
        for (const [id, v] of rows) found.set(id, v);
      });
      this.done = Promise.all([this.done, looked]);
    }
    const answer = this.done.then(() => this.found);
    answer.catch(() => {}); // awaited by the range's check; never an unhandled rejection while the lock is awaited
    return answer;
  }
}

type KnownVideo = { creatorId: string; durationMs: number };
interface BatchLookups {
  videos: KnownIds<KnownVideo>;
  campaigns: KnownIds<number>;
}

/** One range of a batch's lines, ready for the dedup step. */
interface ChunkStep {
  rows: Row[];
  checked: () => Promise<Row[]>;
}

const BEST_EFFORT = { date_time_input_format: 'best_effort' } as const;
