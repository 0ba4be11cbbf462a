// The moderation review queue (README#moderation): prioritised cases, expiring claims, decisions that
// change the video in one transaction, bulk decisions answered per case, SLA and moderator stats.
// Reports and cases arrive through ingest (another feature); this one reads and decides them.
import { chQuery, pgQuery, type Stores } from '../../db/index.js';
import type { PgRunner } from '../../db/stores.js';
import { allowedMediaUrl } from '../../http/media.js';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../../http/errors.js';
import type { Account, Role } from '../../../contract/auth.js';
import type { SlaState, Visibility } from '../../../contract/moderation.js';
import type { Logger } from 'pino';
import { audit, type Actor } from '../../audit.js';
import { storableInstant } from '../../../contract/time.js';
import {
  OUTCOMES,
  REPORT_REASONS,
  POLICY_REASONS,
  CASE_STATUSES,
  SLA_STATES,
  standingOf,
  reporterWeight,
  eachOfBatch,
  type Outcome,
  type CaseStatus,
} from './moderation.model.js';

export { OUTCOMES, REPORT_REASONS, POLICY_REASONS, CASE_STATUSES, SLA_STATES, reporterWeight, type Outcome, type CaseStatus };
import { noticesFor, type NoticeRecipient } from './notices.js';

import { seesPersonalData } from '../../../contract/auth.js';

export { seesPersonalData };

/** What a decision does to the video; dismiss and escalate leave it as it is. */
export function visibilityAfter(outcome: Outcome, before: Visibility): Visibility {
  if (outcome === 'remove') return 'removed';
  if (outcome === 'age_restrict') return 'age_restricted';
  return before;
}

export interface QueueItem {
  caseId: number;
  videoId: number;
  priority: number;
  priorityParts: Record<string, number>;
  reportCount: number;
  distinctReporters: number;
  reasons: string[];
  status: CaseStatus;
  assigneeId: number | null;
  assigneeEmail: string | null;
  claimExpiresAt: Date | null;
  version: number;
  oldestReportAt: Date;
  lastReportedAt: Date;
  slaDueAt: Date;
  resolvedAt: Date | null;
  videoTitle: string;
  thumbnailUrl: string;
  visibility: Visibility;
  creatorId: number;
  /** Marks a suspended or banned creator in the queue. */
  creatorStanding: 'suspended' | 'banned' | null;
}
type QueueRow = QueueItem & { firstAtCursor: string };

interface Lease {
  caseId: number;
  status: CaseStatus;
  assigneeId: number;
  claimedAt: Date;
  claimExpiresAt: Date;
  version: number;
}

interface LockedCase {
  id: number;
  videoId: number;
  status: CaseStatus;
  version: number;
  assigneeId: number | null;
  claimedAt: Date | null;
  claimExpiresAt: Date | null;
  leaseLive: boolean;
  visibility: Visibility;
}

const pgQueue = pgQuery('moderation/queue').returns<QueueRow>();
const pgGetCase = pgQuery('moderation/get_case').returns<Record<string, unknown> & { caseId: number; videoId: number; creatorId: number }>();
const pgCaseReports = pgQuery('moderation/case_reports').returns<{
  id: number;
  source: string;
  reason: string;
  details: string;
  createdAt: Date;
  resolvedAt: Date | null;
  reporterId: number | null;
  reporterUsername: string | null;
  reporterEmail: string | null;
}>();
const pgCaseDecisions = pgQuery('moderation/case_decisions').returns<Record<string, unknown>>();
const pgCreatorDecisions = pgQuery('moderation/creator_decisions').returns<Record<string, unknown>>();
const pgClaimCase = pgQuery('moderation/claim_case').returns<Lease>();
const pgClaimNext = pgQuery('moderation/claim_next').returns<Lease>();
const pgReleaseCase = pgQuery('moderation/release_case').returns<{ caseId: number; status: CaseStatus; version: number }>();
const pgLockCase = pgQuery('moderation/lock_case').returns<LockedCase>();
const pgLatestDecision = pgQuery('moderation/latest_decision').returns<{
  id: number;
  outcome: Outcome;
  stateBefore: { visibility: Visibility };
  stateAfter: unknown;
}>();
const pgApplyDecision = pgQuery('moderation/apply_decision').returns<{
  id: number;
  decidedAt: Date;
  status: CaseStatus;
  version: number;
  resolvedAt: Date | null;
}>();
const pgStatsOverview = pgQuery('moderation/stats_overview').returns<{
  openCases: number;
  escalatedCases: number;
  oldestOpenAt: Date | null;
  openBreached: number;
  resolvedInWindow: number;
  resolvedLate: number;
  medianSecondsToDecision: number | null;
}>();
const pgStatsModerators = pgQuery('moderation/stats_moderators').returns<{
  reviewerId: number;
  reviewerEmail: string | null;
  decisions: number;
  removed: number;
  dismissed: number;
  ageRestricted: number;
  escalated: number;
  medianHandleSeconds: number | null;
}>();
const pgCaseAccountActions = pgQuery('moderation/case_account_actions').returns<Record<string, unknown>>();
const pgUserActions = pgQuery('moderation/user_actions').returns<Record<string, unknown> & { id: string; live: boolean }>();
const pgNoticeRecipients = pgQuery('moderation/notice_recipients').returns<NoticeRecipient>();
const pgInsertNotices = pgQuery('moderation/insert_notices');
const pgCasesSharingReporters = pgQuery('moderation/cases_sharing_reporters').returns<{ caseId: string }>();
const pgRefreshAccuracy = pgQuery('moderation/refresh_accuracy');
const pgUserProfile = pgQuery('moderation/user_profile').returns<
  Record<string, unknown> & { id: string; banned: boolean; suspendedUntil: Date | null; upheld: number; dismissed: number; email: string }
>();
const pgUserVideos = pgQuery('moderation/user_videos').returns<Record<string, unknown> & { id: string; thumbnailUrl: string }>();
const pgUserReportsMade = pgQuery('moderation/user_reports_made').returns<Record<string, unknown>>();
const pgUserReportsReceived = pgQuery('moderation/user_reports_received').returns<Record<string, unknown>>();
const chVideoReach24h = chQuery('moderation/video_reach_24h').returns<{ views: number; watchMs: number; likes: number; comments: number; shares: number }>();

export interface QueueFilter {
  status?: CaseStatus;
  reason?: string;
  sla?: SlaState;
  limit: number;
  cursor?: string;
}

export interface DecisionInput {
  outcome: Outcome;
  reason: string;
  note?: string;
  version: number;
  reversesDecisionId?: number;
}

export interface BulkItem extends DecisionInput {
  caseId: number;
}

export interface ModerationOptions {
  leaseSeconds: number;
  /** Outcome notices (MODERATION_NOTICES, MODERATION_MAIL_FROM). */
  notices?: { enabled: boolean; from: string };
  /** Called after a decision queued notices: the outbox worker can send them now. */
  onNoticesQueued?: () => void;
  /** Where a failed follow-up (the accuracy refresh after a decision) is logged. */
  log?: Pick<Logger, 'warn'>;
  /** MEDIA_ORIGINS: video and thumbnail URLs on other origins are not passed to the page. */
  mediaOrigins: string[];
}

function encodeCursor(row: QueueRow): string {
  return Buffer.from(JSON.stringify([row.priority, row.firstAtCursor, Number(row.caseId)])).toString('base64url');
}

function decodeCursor(cursor: string): { priority: number; firstAt: string; id: number } {
  try {
    const [priority, firstAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof priority === 'number' &&
      Number.isFinite(priority) &&
      typeof firstAt === 'string' &&
      storableInstant(firstAt) &&
      Number.isSafeInteger(id) &&
      (id as number) > 0
    ) {
      return { priority, firstAt, id: id as number };
    }
  } catch {
    // falls through to the error below
  }
  throw new UnprocessableError('The cursor is not one this route gave.', { field: 'cursor' });
}

/** bigint columns arrive as strings from pg: the id-like ones become numbers. */
function ids<T extends Record<string, unknown>>(row: T): T {
  const out: Record<string, unknown> = { ...row };
  for (const k of ['id', 'userId', 'caseId', 'videoId', 'actorId', 'liftsActionId', 'liftedById', 'reporterId']) {
    if (out[k] !== null && out[k] !== undefined) out[k] = Number(out[k]);
  }
  return out as T;
}

function queueItem({ firstAtCursor: _c, ...r }: QueueRow): QueueItem {
  return {
    ...r,
    caseId: Number(r.caseId),
    videoId: Number(r.videoId),
    creatorId: Number(r.creatorId),
    assigneeId: r.assigneeId === null ? null : Number(r.assigneeId),
  };
}

export class ModerationService {
  constructor(
    private readonly stores: Stores,
    private readonly opts: ModerationOptions,
  ) {}

  async queue(f: QueueFilter): Promise<{ items: QueueItem[]; nextCursor: string | null }> {
    const c = f.cursor ? decodeCursor(f.cursor) : undefined;
    const rows = await this.stores.pg.rows(pgQueue, {
      status: f.status ?? null,
      reason: f.reason ?? null,
      sla: f.sla ?? null,
      cursor_priority: c?.priority ?? null,
      cursor_first_at: c?.firstAt ?? null,
      cursor_id: c?.id ?? null,
      limit: f.limit + 1,
    });
    const page = rows.slice(0, f.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({ ...queueItem(r), thumbnailUrl: allowedMediaUrl(r.thumbnailUrl, this.opts.mediaOrigins) })),
      nextCursor: rows.length > f.limit && last ? encodeCursor(last) : null,
    };
  }

  async getCase(viewer: Account, id: number) {
    const row = await this.stores.pg.one(pgGetCase, { id });
    if (!row) throw new NotFoundError('No such case.');
    const [reports, history, creatorHistory, reach, caseActions, creatorActions] = await Promise.all([
      this.stores.pg.rows(pgCaseReports, { case_id: id }),
      this.stores.pg.rows(pgCaseDecisions, { case_id: id }),
      this.stores.pg.rows(pgCreatorDecisions, { creator_id: row.creatorId, case_id: id }),
      this.reach24h(Number(row.videoId)),
      this.stores.pg.rows(pgCaseAccountActions, { case_id: id }),
      this.stores.pg.rows(pgUserActions, { user_id: Number(row.creatorId) }),
    ]);
    const personal = seesPersonalData(viewer.role);
    const breakdown = new Map<string, number>();
    for (const r of reports) breakdown.set(r.reason, (breakdown.get(r.reason) ?? 0) + 1);
    return {
      case: {
        ...row,
        videoUrl: allowedMediaUrl(row.videoUrl as string, this.opts.mediaOrigins),
        thumbnailUrl: allowedMediaUrl(row.thumbnailUrl as string, this.opts.mediaOrigins),
        caseId: Number(row.caseId),
        videoId: Number(row.videoId),
        creatorId: Number(row.creatorId),
        leaseSeconds: this.opts.leaseSeconds,
      },
      reports: reports.map((r) => ({
        id: Number(r.id),
        source: r.source,
        reason: r.reason,
        details: r.details,
        createdAt: r.createdAt,
        resolvedAt: r.resolvedAt,
        reporter:
          r.reporterId === null
            ? null
            : personal
              ? { id: Number(r.reporterId), username: r.reporterUsername, email: r.reporterEmail, masked: false }
              : { id: null, username: null, email: null, masked: true },
      })),
      reasonBreakdown: [...breakdown].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
      reach24h: reach,
      history,
      creatorHistory,
      creatorStanding: standingOf({ banned: row.creatorBanned as boolean, suspendedUntil: row.creatorSuspendedUntil as Date | null }),
      caseActions: caseActions.map(ids),
      creatorActions: creatorActions.map(ids),
    };
  }

  /** The user page: profile, standing, reporter record, actions, videos, reports made and received, decisions. */
  async user(viewer: Account, id: number) {
    const profile = await this.stores.pg.one(pgUserProfile, { id });
    if (!profile) throw new NotFoundError(`No platform user ${id}.`);
    const [actions, videos, reportsMade, reportsReceived, decisions] = await Promise.all([
      this.stores.pg.rows(pgUserActions, { user_id: id }),
      this.stores.pg.rows(pgUserVideos, { user_id: id }),
      this.stores.pg.rows(pgUserReportsMade, { user_id: id }),
      this.stores.pg.rows(pgUserReportsReceived, { user_id: id }),
      this.stores.pg.rows(pgCreatorDecisions, { creator_id: id, case_id: 0 }),
    ]);
    const { banned, suspendedUntil, upheld, dismissed, ...user } = profile;
    const personal = seesPersonalData(viewer.role);
    return {
      user: { ...user, id: Number(user.id), email: personal ? user.email : null },
      standing: standingOf({ banned, suspendedUntil }),
      reporterRecord: { upheld, dismissed, weight: reporterWeight(upheld, dismissed) },
      actions: actions.map(ids),
      videos: videos.map((v) => ({ ...ids(v), thumbnailUrl: allowedMediaUrl(v.thumbnailUrl, this.opts.mediaOrigins) })),
      reportsMade: reportsMade.map(ids),
      reportsReceived: reportsReceived.map((r) => ids(personal ? r : { ...r, reporterId: null, reporterUsername: null })),
      decisions: decisions.map(ids),
    };
  }

  /** The video's reach in the last 24 h; ClickHouse being down degrades the page, not fails it. */
  private async reach24h(videoId: number) {
    const to = new Date();
    const from = new Date(to.getTime() - 24 * 3600_000);
    try {
      const row = (await this.stores.ch.rows(chVideoReach24h, { video_id: videoId, from, to }))[0];
      return {
        from,
        to,
        views: Number(row?.views ?? 0),
        watchMs: Number(row?.watchMs ?? 0),
        likes: Number(row?.likes ?? 0),
        comments: Number(row?.comments ?? 0),
        shares: Number(row?.shares ?? 0),
        error: null,
      };
    } catch {
      return { from, to, views: null, watchMs: null, likes: null, comments: null, shares: null, error: 'ClickHouse did not answer; reach is unavailable.' };
    }
  }

  async claim(me: Account, id: number): Promise<Lease> {
    const lease = await this.stores.pg.one(pgClaimCase, { id, me: me.id, lease_seconds: this.opts.leaseSeconds, may_escalated: me.role === 'admin' });
    if (lease) return this.lease(lease);
    const c = await this.stores.pg.one(pgGetCase, { id });
    if (!c) throw new NotFoundError('No such case.');
    if (c.status === 'resolved') throw new ConflictError('The case is resolved already.', { caseStatus: 'resolved' });
    if (c.status === 'escalated' && me.role !== 'admin') throw new ForbiddenError('Escalated cases are decided by admins.');
    throw new ConflictError(`The case is claimed by ${c.assigneeEmail ?? 'another moderator'} until ${new Date(c.claimExpiresAt as Date).toISOString()}.`, {
      assigneeId: c.assigneeId,
      assigneeEmail: c.assigneeEmail,
      claimExpiresAt: c.claimExpiresAt,
    });
  }

  async claimNext(me: Account): Promise<Lease | null> {
    const lease = await this.stores.pg.one(pgClaimNext, { me: me.id, lease_seconds: this.opts.leaseSeconds, may_escalated: me.role === 'admin' });
    return lease ? this.lease(lease) : null;
  }

  async release(me: Account, id: number) {
    const row = await this.stores.pg.one(pgReleaseCase, { id, me: me.id });
    if (row) return { caseId: Number(row.caseId), status: row.status, version: row.version };
    const c = await this.stores.pg.one(pgGetCase, { id });
    if (!c) throw new NotFoundError('No such case.');
    throw new ConflictError('You do not hold a live claim on this case.', { assigneeId: c.assigneeId, claimExpiresAt: c.claimExpiresAt });
  }

  private lease(l: Lease): Lease {
    return {
      caseId: Number(l.caseId),
      status: l.status,
      assigneeId: Number(l.assigneeId),
      claimedAt: l.claimedAt,
      claimExpiresAt: l.claimExpiresAt,
      version: l.version,
    };
  }

  /**
   * One decision in one transaction: the case row locked, the version and the lease checked,
   * every report resolved (unless escalated), the case resolved or escalated and its lease
   * released, the video's visibility changed, a moderation_decisions row and an audit row.
   * On a resolved case only a reversal of its latest decision is accepted.
   */
  async decide(actor: Actor, me: Account, caseId: number, input: DecisionInput, batchId: string | null = null) {
    const out = await this.stores.pg.tx(async (tx) => {
      const c = await tx.one(pgLockCase, { id: caseId });
      if (!c) throw new NotFoundError('No such case.');
      if (c.leaseLive && Number(c.assigneeId) !== me.id) {
        throw new ConflictError('Another moderator holds the claim on this case.', {
          reason: 'claimed',
          assigneeId: Number(c.assigneeId),
          claimExpiresAt: c.claimExpiresAt,
        });
      }
      if (c.version !== input.version) {
        throw new ConflictError(`The case changed since you loaded it (version ${input.version}, now ${c.version}); reload it.`, {
          reason: 'stale_version',
          version: c.version,
        });
      }
      if (c.status === 'escalated' && me.role !== 'admin') throw new ForbiddenError('Escalated cases are decided by admins.');
      if (c.status === 'escalated' && input.outcome === 'escalate') throw new UnprocessableError('The case is escalated already.', { field: 'outcome' });
      let reverses: number | null = null;
      let baseVisibility: Visibility = c.visibility;
      if (c.status === 'resolved') {
        if (input.reversesDecisionId === undefined)
          throw new ConflictError('The case is resolved; to change the outcome, reverse its latest decision.', { reason: 'resolved' });
        const latest = await tx.one(pgLatestDecision, { case_id: caseId });
        if (!latest || Number(latest.id) !== input.reversesDecisionId) {
          throw new ConflictError('Only the latest decision of a case can be reversed.', {
            reason: 'not_latest',
            latestDecisionId: latest ? Number(latest.id) : null,
          });
        }
        if (input.outcome === 'escalate') throw new UnprocessableError('A reversal decides the case; it cannot escalate it.', { field: 'outcome' });
        reverses = input.reversesDecisionId;
        // Reversing to dismiss gives the video back the visibility it had before the reversed decision.
        baseVisibility = latest.stateBefore.visibility;
      } else if (input.reversesDecisionId !== undefined) {
        throw new UnprocessableError('Only a decision on a resolved case reverses anything.', { field: 'reversesDecisionId' });
      }
      const visibility = visibilityAfter(input.outcome, baseVisibility);
      const status: CaseStatus = input.outcome === 'escalate' ? 'escalated' : 'resolved';
      const stateBefore = { caseStatus: c.status, visibility: c.visibility, version: c.version };
      const claimedAt = c.leaseLive ? c.claimedAt : null;
      const after = (await tx.one(pgApplyDecision, {
        case_id: caseId,
        video_id: c.videoId,
        status,
        visibility,
        reviewer_id: me.id,
        claimed_at: claimedAt,
        outcome: input.outcome,
        policy_reason: input.reason,
        note: input.note ?? '',
        state_before: stateBefore,
        bulk_batch_id: batchId,
        reverses_decision_id: reverses,
      }))!;
      const stateAfter = { caseStatus: after.status, visibility, version: after.version };
      const decision = {
        id: Number(after.id),
        caseId,
        videoId: Number(c.videoId),
        reviewerId: me.id,
        outcome: input.outcome,
        policyReason: input.reason,
        note: input.note ?? '',
        claimedAt,
        decidedAt: after.decidedAt,
        stateBefore,
        stateAfter,
        bulkBatchId: batchId,
        reversesDecisionId: reverses,
      };
      const notices =
        this.opts.notices?.enabled && status === 'resolved'
          ? noticesFor(
              await tx.rows(pgNoticeRecipients, { case_id: caseId }),
              { decisionId: decision.id, caseId, outcome: input.outcome, policyReason: input.reason, reversal: reverses !== null },
              this.opts.notices.from,
            )
          : [];
      if (notices.length) await tx.exec(pgInsertNotices, { notices });
      await audit(tx, actor, reverses ? 'moderation.decision_reversed' : 'moderation.decision', 'moderation_case', String(caseId), stateBefore, {
        ...stateAfter,
        decisionId: decision.id,
        outcome: input.outcome,
        policyReason: input.reason,
        note: decision.note,
        videoId: decision.videoId,
        bulkBatchId: batchId,
        reversesDecisionId: reverses,
        notices: notices.length,
      });
      return { decision, case: { caseId, status: after.status, version: after.version, resolvedAt: after.resolvedAt }, notices: notices.length };
    });
    if (out.notices) this.opts.onNoticesQueued?.();
    if (out.case.status === 'resolved') await this.refreshReporterAccuracy(caseId);
    return out;
  }

  /**
   * A resolved case changes its reporters' records: the accuracy part of the other unresolved
   * cases they reported is recomputed. After the decision's commit, in statements of its own (no
   * other case is locked while this one is); a failure is logged, the decision stands.
   */
  private async refreshReporterAccuracy(caseId: number): Promise<void> {
    try {
      const ids = (await this.stores.pg.rows(pgCasesSharingReporters, { case_id: caseId })).map((r) => Number(r.caseId));
      if (ids.length) await this.stores.pg.exec(pgRefreshAccuracy, { case_ids: ids });
    } catch (err) {
      this.opts.log?.warn({ err, caseId }, 'reporter accuracy refresh after a decision failed');
    }
  }

  /** Each case in its own transaction with the rules of decide(); the answer says what happened to each. */
  async decideBulk(actor: Actor, me: Account, items: BulkItem[]) {
    const out = await eachOfBatch(
      items,
      (it) => it.caseId,
      'Case',
      (it, batchId) => this.decide(actor, me, it.caseId, it, batchId),
    );
    return {
      batchId: out.batchId,
      decided: out.ok,
      failed: out.failed,
      results: out.results.map(({ key, ...r }) =>
        r.ok ? { caseId: key, status: r.status, ok: true, decision: r.result.decision, case: r.result.case } : { caseId: key, ...r },
      ),
    };
  }

  async stats(from: Date, to: Date) {
    const [overview, moderators] = await Promise.all([this.stores.pg.one(pgStatsOverview, { from, to }), this.stores.pg.rows(pgStatsModerators, { from, to })]);
    return {
      from,
      to,
      ...overview!,
      moderators: moderators.map((m) => ({ ...m, reviewerId: Number(m.reviewerId) })),
    };
  }
}
