// The review queue's building blocks, split out of moderation.service.ts (which kept its size under
// the house limit): the decision's effect on a video, the queue's row types, the named SQL handles,
// the keyset cursor and the row shaping helpers. Nothing here runs a query; the service does.
import { chQuery, pgQuery } from '../../db/index.js';
import { UnprocessableError } from '../../http/errors.js';
import type { Sanction, SlaState, Visibility } from '../../../contract/moderation.js';
import type { Logger } from 'pino';
import { storableInstant } from '../../../contract/time.js';
import type { Outcome, CaseStatus } from './moderation.model.js';
import type { NoticeRecipient } from './notices.js';

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
  creatorStanding: Sanction | null;
}
export type QueueRow = QueueItem & { firstAtCursor: string };

export interface Lease {
  caseId: number;
  status: CaseStatus;
  assigneeId: number;
  claimedAt: Date;
  claimExpiresAt: Date;
  version: number;
}

export interface LockedCase {
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

export const pgQueue = pgQuery('moderation/queue').returns<QueueRow>();
export const pgGetCase = pgQuery('moderation/get_case').returns<Record<string, unknown> & { caseId: number; videoId: number; creatorId: number }>();
export const pgCaseReports = pgQuery('moderation/case_reports').returns<{
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
export const pgCaseDecisions = pgQuery('moderation/case_decisions').returns<Record<string, unknown>>();
export const pgCreatorDecisions = pgQuery('moderation/creator_decisions').returns<Record<string, unknown>>();
export const pgClaimCase = pgQuery('moderation/claim_case').returns<Lease>();
export const pgClaimNext = pgQuery('moderation/claim_next').returns<Lease>();
export const pgReleaseCase = pgQuery('moderation/release_case').returns<{ caseId: number; status: CaseStatus; version: number }>();
export const pgLockCase = pgQuery('moderation/lock_case').returns<LockedCase>();
export const pgLatestDecision = pgQuery('moderation/latest_decision').returns<{
  id: number;
  outcome: Outcome;
  stateBefore: { visibility: Visibility };
  stateAfter: unknown;
}>();
export const pgApplyDecision = pgQuery('moderation/apply_decision').returns<{
  id: number;
  decidedAt: Date;
  status: CaseStatus;
  version: number;
  resolvedAt: Date | null;
}>();
export const pgStatsOverview = pgQuery('moderation/stats_overview').returns<{
  openCases: number;
  escalatedCases: number;
  oldestOpenAt: Date | null;
  openBreached: number;
  resolvedInWindow: number;
  resolvedLate: number;
  medianSecondsToDecision: number | null;
}>();
export const pgStatsModerators = pgQuery('moderation/stats_moderators').returns<{
  reviewerId: number;
  reviewerEmail: string | null;
  decisions: number;
  removed: number;
  dismissed: number;
  ageRestricted: number;
  escalated: number;
  medianHandleSeconds: number | null;
}>();
export const pgCaseAccountActions = pgQuery('moderation/case_account_actions').returns<Record<string, unknown>>();
export const pgUserActions = pgQuery('moderation/user_actions').returns<Record<string, unknown> & { id: string; live: boolean }>();
export const pgNoticeRecipients = pgQuery('moderation/notice_recipients').returns<NoticeRecipient>();
export const pgInsertNotices = pgQuery('moderation/insert_notices');
export const pgCasesSharingReporters = pgQuery('moderation/cases_sharing_reporters').returns<{ caseId: string }>();
export const pgRefreshAccuracy = pgQuery('moderation/refresh_accuracy');
export const pgUserProfile = pgQuery('moderation/user_profile').returns<
  Record<string, unknown> & { id: string; banned: boolean; suspendedUntil: Date | null; upheld: number; dismissed: number; email: string }
>();
export const pgUserVideos = pgQuery('moderation/user_videos').returns<Record<string, unknown> & { id: string; thumbnailUrl: string }>();
export const pgUserReportsMade = pgQuery('moderation/user_reports_made').returns<Record<string, unknown>>();
export const pgUserReportsReceived = pgQuery('moderation/user_reports_received').returns<Record<string, unknown>>();
export const chVideoReach24h = chQuery('moderation/video_reach_24h').returns<{
  views: number;
  watchMs: number;
  likes: number;
  comments: number;
  shares: number;
}>();

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

export function encodeCursor(row: QueueRow): string {
  return Buffer.from(JSON.stringify([row.priority, row.firstAtCursor, Number(row.caseId)])).toString('base64url');
}

export function decodeCursor(cursor: string): { priority: number; firstAt: string; id: number } {
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
export function ids<T extends Record<string, unknown>>(row: T): T {
  const out: Record<string, unknown> = { ...row };
  for (const k of ['id', 'userId', 'caseId', 'videoId', 'actorId', 'liftsActionId', 'liftedById', 'reporterId']) {
    if (out[k] !== null && out[k] !== undefined) out[k] = Number(out[k]);
  }
  return out as T;
}

export function queueItem({ firstAtCursor: _c, ...r }: QueueRow): QueueItem {
  return {
    ...r,
    caseId: Number(r.caseId),
    videoId: Number(r.videoId),
    creatorId: Number(r.creatorId),
    assigneeId: r.assigneeId === null ? null : Number(r.assigneeId),
  };
}
