// The PostgreSQL half of the demo load (demo.service.ts explains the shared formulas): one
// transaction, set-based inserts of PG_CHUNK rows per statement so progress can be reported.
import { pgQuery } from '../../db/index.js';
import type { PgRunner } from '../../db/stores.js';
import { OPEN_CASE_WINDOW_MS, type DemoPlan, type DemoSizeSpec } from './demo.plan.js';
import { chunks, type Progress } from './demo.progress.js';
import {
  ADVERTISER_NAMES_A,
  ADVERTISER_NAMES_B,
  ADVERTISER_ZONES,
  CAMPAIGN_THEMES,
  EXTRA_TAGS,
  FIRST_NAMES,
  HANDLE_WORDS,
  LAST_NAMES,
  REGION_STARTS,
  REGIONS,
  TITLE_ENDINGS,
  TITLE_OPENERS,
  TITLE_TOPICS,
} from './demo.vocabulary.js';

const pgSuspendLoadChecks = pgQuery('demo/suspend_load_checks');
const pgRestoreLoadChecks = pgQuery('demo/restore_load_checks');
const pgAdvertisers = pgQuery('demo/advertisers');
const pgCampaigns = pgQuery('demo/campaigns');
const pgUsers = pgQuery('demo/users');
const pgVideos = pgQuery('demo/videos');
const pgFollowAllocation = pgQuery('demo/follow_allocation').returns<{ total_weight: number; remainder: number }>();
const pgFollows = pgQuery('demo/follows');
const pgTransactions = pgQuery('demo/transactions');
const pgContentReports = pgQuery('demo/content_reports');
const pgBrigadeReports = pgQuery('demo/brigade_reports');
const pgModerationCases = pgQuery('demo/moderation_cases');
const pgLinkReportsToCases = pgQuery('demo/link_reports_to_cases');
const pgIngestRejections = pgQuery('demo/ingest_rejections');
const pgResetSequences = pgQuery('demo/reset_sequences');

// PGlite runs on the event loop's thread: while one of its statements runs, no ClickHouse chunk
// can be dispatched. Short PostgreSQL statements (~25k rows, well under a second) keep chDB busy
// (measured on the large size: 100k-row statements left ClickHouse idle most of the time).
const PG_CHUNK = 25_000;

/** Creator rank ranges holding ~PG_CHUNK follows each (the weights of follows.sql, approximately). */
function followRanges(spec: DemoSizeSpec): { from: number; to: number }[] {
  const weights = Array.from({ length: spec.creators }, (_, i) => Math.floor(1e9 / (i + 1) ** 0.8));
  const total = weights.reduce((a, b) => a + b, 0);
  const out: { from: number; to: number }[] = [];
  let from = 1;
  let acc = 0;
  weights.forEach((w, i) => {
    acc += (spec.follows * w) / total;
    if (acc >= PG_CHUNK || i === weights.length - 1) {
      out.push({ from, to: i + 1 });
      from = i + 2;
      acc = 0;
    }
  });
  return out;
}

export async function loadPostgres(tx: PgRunner, plan: DemoPlan, progress: Progress): Promise<void> {
  const { spec, seed, salt } = plan;
  const userSpan = { users: spec.users, users_start_ms: plan.usersStartMs, user_span_ms: plan.userSpanMs };
  const zones = ADVERTISER_ZONES;

  // Foreign keys and secondary indexes are set aside while the rows go in and put back at the
  // end (docs/scale.md#demo-load): the per-row checks and index insertions were most of this
  // half's time.
  await progress.run('checks', 0, () => tx.exec(pgSuspendLoadChecks, {}));

  await progress.run('advertisers', spec.advertisers, () =>
    tx.exec(pgAdvertisers, {
      advertisers: spec.advertisers,
      salt,
      lo_ms: plan.loMs,
      timezones: zones.map((z) => z.timezone),
      currencies: zones.map((z) => z.currency),
      names_a: ADVERTISER_NAMES_A,
      names_b: ADVERTISER_NAMES_B,
    }),
  );
  await progress.run('campaigns', spec.campaigns, () =>
    tx.exec(pgCampaigns, {
      campaigns: spec.campaigns,
      advertisers: spec.advertisers,
      seed,
      salt,
      day0_ms: plan.day0Ms,
      fx_per_100usd: zones.map((z) => z.fxPer100Usd),
      themes: CAMPAIGN_THEMES,
    }),
  );
  for (const c of chunks(spec.users, PG_CHUNK)) {
    await progress.run('users', c.count, () =>
      tx.exec(pgUsers, {
        from_id: c.from + 1,
        to_id: c.from + c.count,
        creators: spec.creators,
        seed,
        salt,
        ...userSpan,
        regions: REGIONS,
        region_starts: REGION_STARTS,
        first_names: FIRST_NAMES,
        last_names: LAST_NAMES,
        handle_words: HANDLE_WORDS,
      }),
    );
  }
  const specialIds = [plan.viewDrop.remapVideoId, plan.viewDrop.videoId, ...plan.brigades.map((b) => b.videoId)];
  for (const c of chunks(spec.videos, PG_CHUNK)) {
    await progress.run('videos', c.count, () =>
      tx.exec(pgVideos, {
        from_id: c.from + 1,
        to_id: c.from + c.count,
        videos: spec.videos,
        creators: spec.creators,
        seed,
        salt,
        videos_start_ms: plan.videosStartMs,
        video_span_ms: plan.videoSpanMs,
        now_ms: plan.nowMs,
        regions: REGIONS,
        region_starts: REGION_STARTS,
        special_ids: specialIds,
        openers: TITLE_OPENERS,
        topics: TITLE_TOPICS.map(([t]) => t),
        topic_tags: TITLE_TOPICS.map(([, tag]) => tag),
        endings: TITLE_ENDINGS,
        extra_tags: EXTRA_TAGS,
      }),
    );
  }
  const allocation = await tx.one(pgFollowAllocation, { follows: spec.follows, creators: spec.creators });
  for (const r of followRanges(spec)) {
    await progress.run(
      'follows',
      (n: number) => n,
      () =>
        tx.exec(pgFollows, {
          from_rank: r.from,
          to_rank: r.to,
          follows: spec.follows,
          seed,
          now_ms: plan.nowMs,
          lo_ms: plan.loMs,
          follow_step: plan.followStep,
          total_weight: allocation!.total_weight,
          remainder: allocation!.remainder,
          ...userSpan,
        }),
    );
  }
  for (const c of chunks(spec.transactions, PG_CHUNK)) {
    await progress.run('transactions', c.count, () =>
      tx.exec(pgTransactions, {
        from_id: c.from + 1,
        to_id: c.from + c.count,
        seed,
        now_ms: plan.nowMs,
        lo_ms: plan.loMs,
        transactions: spec.transactions,
        creators: spec.creators,
        advertisers: spec.advertisers,
        drop_day_ms: plan.revenueDropDayMs,
        currencies: zones.map((z) => z.currency),
        minor_per_100usd: zones.map((z) => z.minorPer100Usd),
        ...userSpan,
      }),
    );
  }
  for (const c of chunks(plan.streamReports, PG_CHUNK)) {
    await progress.run('content_reports', c.count, () =>
      tx.exec(pgContentReports, {
        from_id: c.from + 1,
        to_id: c.from + c.count,
        seed,
        now_ms: plan.nowMs,
        lo_ms: plan.loMs,
        videos: spec.videos,
        videos_start_ms: plan.videosStartMs,
        video_span_ms: plan.videoSpanMs,
        pool: plan.reportPool,
        video_perm: plan.reportPerm,
        report_offset: plan.reportOffset,
        ...userSpan,
      }),
    );
  }
  await progress.run('content_reports', spec.contentReports - plan.streamReports, () =>
    tx.exec(pgBrigadeReports, {
      seed,
      video_ids: plan.brigades.map((b) => b.videoId),
      starts_ms: plan.brigades.map((b) => b.fromMs),
      sizes: plan.brigades.map((b) => b.reports),
      reporter_bases: plan.brigades.map((b) => b.reporterBase),
      first_ids: plan.brigades.map((b) => b.firstReportId),
    }),
  );
  await progress.run('moderation_cases', spec.contentReports, async () => {
    await tx.exec(pgModerationCases, { seed, now_ms: plan.nowMs, open_window_ms: OPEN_CASE_WINDOW_MS });
    await tx.exec(pgLinkReportsToCases, {});
  });
  await progress.run('ingest_rejections', spec.ingestRejections, () =>
    tx.exec(pgIngestRejections, { count: spec.ingestRejections, seed, now_ms: plan.nowMs, videos: spec.videos }),
  );
  await progress.run('checks', 0, () => tx.exec(pgRestoreLoadChecks, {}));
  await tx.rows(pgResetSequences, {});
}
