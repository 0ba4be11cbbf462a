// The moderation review queue (README#moderation): prioritised cases, expiring claims, decisions that
// change the video in one transaction, bulk decisions answered per case, SLA and moderator stats.
// Reports and cases arrive through ingest (another feature); this one reads and decides them.
import type { Stores } from '../../db/index.js';
import { allowedMediaUrl } from '../../http/media.js';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../../http/errors.js';
import type { Account } from '../../../contract/auth.js';
import type { Visibility } from '../../../contract/moderation.js';
import { audit, type Actor } from '../../audit.js';
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
import { noticesFor } from './notices.js';
import {
  visibilityAfter,
  type QueueItem,
  type Lease,
  pgQueue,
  pgGetCase,
  pgCaseReports,
  pgCaseDecisions,
  pgCreatorDecisions,
  pgClaimCase,
  pgClaimNext,
  pgReleaseCase,
  pgLockCase,
  pgLatestDecision,
  pgApplyDecision,
  pgStatsOverview,
  pgStatsModerators,
  pgCaseAccountActions,
  pgUserActions,
  pgNoticeRecipients,
  pgInsertNotices,
  pgCasesSharingReporters,
  pgRefreshAccuracy,
  pgUserProfile,
  pgUserVideos,
  pgUserReportsMade,
  pgUserReportsReceived,
  chVideoReach24h,
  type QueueFilter,
  type DecisionInput,
  type BulkItem,
  type ModerationOptions,
  encodeCursor,
  decodeCursor,
  ids,
  queueItem,
} from './moderation.queries.js';

import { seesPersonalData } from '../../../contract/auth.js';

export { seesPersonalData };
export { visibilityAfter };
export type { QueueItem, QueueFilter, DecisionInput, BulkItem, ModerationOptions };

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
