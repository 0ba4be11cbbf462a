// Report intake (README#moderation): reports join the open moderation case of their video or open one,
// and the case's counts, SLA due time and priority are recomputed from all its reports
// (queries/postgres/ingest/refresh_cases.sql has the formulas).
import { chQuery, pgQuery, type Stores } from '../../db/index.js';
import type { PgRunner } from '../../db/stores.js';
import { ConflictError } from '../../http/errors.js';
import type { ReportRow } from './ingest.schemas.js';

const pgInsertReports = pgQuery('ingest/insert_reports').returns<{ id: string; videoId: string }>();
const pgOpenCases = pgQuery('ingest/open_cases');
const pgLockOpenCases = pgQuery('ingest/lock_open_cases').returns<{ id: string; videoId: string }>();
const pgLinkReports = pgQuery('ingest/link_reports').returns<{ id: string }>();
const pgRefreshCases = pgQuery('ingest/refresh_cases');
const pgRefreshAccuracy = pgQuery('moderation/refresh_accuracy');
const chVideoViews24h = chQuery('ingest/video_views_24h').returns<{ videoId: string; views: string }>();

/** Views of the last 24 h per video id: the reach part of a case's priority. */
export type Reach = Map<number, number>;

const uniq = <T>(xs: T[]) => [...new Set(xs)];

export class ReportIntake {
  private readonly slaReasons: string[];
  private readonly slaMinutes: number[];

  /** `slaHours`: hours from first report to due time per reason (MODERATION_SLA_HOURS, default in server/env.ts). */
  constructor(
    private readonly stores: Stores,
    slaHours: Record<string, number>,
  ) {
    this.slaReasons = Object.keys(slaHours);
    this.slaMinutes = this.slaReasons.map((r) => Math.round(slaHours[r]! * 60));
  }

  /**
   * Views of these videos over the 24 h before `now`, from the ClickHouse rollup. Read before the
   * PostgreSQL transaction, so no case lock waits on ClickHouse. ClickHouse unreachable: no reach
   * (the part counts 0) rather than a lost batch of reports.
   */
  async reach(videoIds: number[], now: Date): Promise<Reach> {
    if (videoIds.length === 0) return new Map();
    try {
      const rows = await this.stores.ch.rows(chVideoViews24h, { video_ids: uniq(videoIds), from: new Date(now.getTime() - 86_400_000), to: now });
      return new Map(rows.map((r) => [Number(r.videoId), Number(r.views)]));
    } catch {
      return new Map();
    }
  }

  /** Inserts new reports and joins each to its video's open case, opening one where none is. */
  async store(tx: PgRunner, rows: ReportRow[], reach: Reach, now: Date): Promise<number> {
    const inserted = await tx.rows(pgInsertReports, { rows });
    if (!inserted.length) return 0;
    let pending = inserted.map((r) => ({ id: Number(r.id), videoId: Number(r.videoId) }));
    const touched = new Set<number>();
    // A case resolved by a moderator between opening and locking leaves its reports unlinked: go again.
    for (let round = 0; pending.length && round < 5; round++) {
      const videoIds = uniq(pending.map((p) => p.videoId)).sort((a, b) => a - b);
      await tx.exec(pgOpenCases, { video_ids: videoIds, now });
      const cases = await tx.rows(pgLockOpenCases, { video_ids: videoIds });
      const caseIds = cases.map((c) => Number(c.id));
      const linked = new Set((await tx.rows(pgLinkReports, { report_ids: pending.map((p) => p.id), case_ids: caseIds })).map((r) => Number(r.id)));
      for (const c of caseIds) touched.add(c);
      pending = pending.filter((p) => !linked.has(p.id));
    }
    if (pending.length) throw new ConflictError('Moderation cases changed under this batch repeatedly; send it again.');
    await tx.exec(pgRefreshCases, {
      case_ids: [...touched],
      sla_reasons: this.slaReasons,
      sla_minutes: this.slaMinutes,
      reach_video_ids: [...reach.keys()],
      reach_views: [...reach.values()],
      now,
    });
    // The reporter-accuracy part (docs/moderation.md): weighs each reporter by their record.
    await tx.exec(pgRefreshAccuracy, { case_ids: [...touched] });
    return inserted.length;
  }
}
