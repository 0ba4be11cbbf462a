import { apiGet, apiRequest } from '../../../lib/api';
import {
  REPORT_REASONS,
  type CaseStatus,
  type Lease,
  type Outcome,
  type PolicyReason,
  type QueuePage,
  type SlaState,
} from '../../../../../contract/moderation';

export { CASE_STATUSES, OUTCOMES, POLICY_REASONS, REPORT_REASONS, SLA_STATES } from '../../../../../contract/moderation';
export type { CaseStatus, Lease, Outcome, PolicyReason, QueueItem, QueuePage, SlaState } from '../../../../../contract/moderation';

export const OUTCOME_LABEL: Record<Outcome, string> = { dismiss: 'Dismiss', remove: 'Remove', age_restrict: 'Age-restrict', escalate: 'Escalate' };
export const REASON_LABEL: Record<string, string> = {
  no_violation: 'No violation',
  spam: 'Spam',
  nudity: 'Nudity',
  violence: 'Violence',
  hate: 'Hate',
  harassment: 'Harassment',
  self_harm: 'Self-harm',
  misinformation: 'Misinformation',
  copyright: 'Copyright',
  other: 'Other',
};
export const STATUS_LABEL: Record<CaseStatus, string> = { open: 'Open', in_review: 'In review', escalated: 'Escalated', resolved: 'Resolved' };

export interface QueueFilter {
  status?: CaseStatus;
  reason?: string;
  sla?: SlaState;
}

export interface CaseReport {
  id: number;
  source: 'user' | 'automated';
  reason: string;
  details: string;
  createdAt: string;
  resolvedAt: string | null;
  reporter: { id: number | null; username: string | null; email: string | null; masked: boolean } | null;
}

export interface Decision {
  id: number;
  caseId: number;
  reviewerId: number;
  reviewerEmail?: string | null;
  claimedAt: string | null;
  decidedAt: string;
  outcome: Outcome;
  policyReason: string;
  note: string;
  stateBefore: { caseStatus: string; visibility: string; version: number };
  stateAfter: { caseStatus: string; visibility: string; version: number };
  bulkBatchId: string | null;
  reversesDecisionId: number | null;
}

export interface CaseDetail {
  case: {
    caseId: number;
    videoId: number;
    status: CaseStatus;
    priority: number;
    priorityParts: Record<string, number>;
    reportCount: number;
    distinctReporters: number;
    reasons: string[];
    oldestReportAt: string;
    lastReportedAt: string;
    version: number;
    slaDueAt: string;
    resolvedAt: string | null;
    assigneeId: number | null;
    assigneeEmail: string | null;
    claimedAt: string | null;
    claimExpiresAt: string | null;
    title: string;
    description: string;
    tags: string[];
    durationMs: number;
    region: string;
    visibility: string;
    videoUrl: string;
    thumbnailUrl: string;
    creatorId: number;
    creatorUsername: string;
    creatorDisplayName: string;
    creatorStatus: string;
    leaseSeconds: number;
  };
  reports: CaseReport[];
  reasonBreakdown: { reason: string; count: number }[];
  reach24h: { views: number | null; watchMs: number | null; likes: number | null; comments: number | null; shares: number | null; error: string | null };
  history: Decision[];
  creatorStanding: Standing;
  caseActions: (AccountAction & { username: string })[];
  creatorActions: AccountAction[];
  creatorHistory: {
    id: number;
    caseId: number;
    videoId: number;
    title: string;
    outcome: Outcome;
    policyReason: string;
    decidedAt: string;
    reversesDecisionId: number | null;
  }[];
}

export interface DecisionInput {
  outcome: Outcome;
  reason: PolicyReason;
  note?: string;
  version: number;
  reversesDecisionId?: number;
}

export interface DecisionResult {
  decision: Decision;
  case: { caseId: number; status: CaseStatus; version: number; resolvedAt: string | null };
}

export interface BulkResult {
  batchId: string;
  decided: number;
  failed: number;
  results: { caseId: number; status: number; ok: boolean; error?: { code: string; message: string } }[];
}

export interface ModerationStats {
  openCases: number;
  escalatedCases: number;
  oldestOpenAt: string | null;
  openBreached: number;
  resolvedInWindow: number;
  resolvedLate: number;
  medianSecondsToDecision: number | null;
  moderators: {
    reviewerId: number;
    reviewerEmail: string | null;
    decisions: number;
    removed: number;
    dismissed: number;
    ageRestricted: number;
    escalated: number;
    medianHandleSeconds: number | null;
  }[];
}

export const QUEUE_PAGE_SIZE = 50;

/** GET /api/moderation/queue?status&reason&sla&limit&cursor */
export function fetchQueue(filter: QueueFilter, cursor: string | undefined, signal: AbortSignal, limit = QUEUE_PAGE_SIZE): Promise<QueuePage> {
  const params = new URLSearchParams();
  for (const key of ['status', 'reason', 'sla'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return apiGet<QueuePage>(`/api/moderation/queue?${params.toString()}`, signal);
}

export function fetchCase(id: number, signal: AbortSignal): Promise<CaseDetail> {
  return apiGet<CaseDetail>(`/api/moderation/cases/${id}`, signal);
}

export function fetchStats(signal: AbortSignal): Promise<ModerationStats> {
  return apiGet<ModerationStats>('/api/moderation/stats', signal);
}

export function claimCase(id: number): Promise<{ lease: Lease }> {
  return apiRequest(`/api/moderation/cases/${id}/claim`, { method: 'POST' });
}

export function claimNext(): Promise<{ lease: Lease | null }> {
  return apiRequest('/api/moderation/claim-next', { method: 'POST' });
}

export function releaseCase(id: number): Promise<{ caseId: number }> {
  return apiRequest(`/api/moderation/cases/${id}/release`, { method: 'POST' });
}

export function decideCase(id: number, input: DecisionInput): Promise<DecisionResult> {
  return apiRequest(`/api/moderation/cases/${id}/decision`, { method: 'POST', body: input });
}

export function decideBulk(items: (DecisionInput & { caseId: number })[]): Promise<BulkResult> {
  return apiRequest('/api/moderation/decisions/bulk', { method: 'POST', body: { items } });
}

export const ACCOUNT_ACTIONS = ['warn', 'suspend', 'ban', 'lift'] as const;
export type AccountActionKind = (typeof ACCOUNT_ACTIONS)[number];
export type AccountSubject = 'creator' | 'reporter';
export const ACCOUNT_REASONS = [...REPORT_REASONS, 'repeat_violations', 'report_abuse', 'appeal_granted', 'mistake', 'served'] as const;
export type AccountReason = (typeof ACCOUNT_REASONS)[number];
export const ACCOUNT_REASON_LABEL: Record<string, string> = {
  ...REASON_LABEL,
  repeat_violations: 'Repeat violations',
  report_abuse: 'Abusive reporting',
  appeal_granted: 'Appeal granted',
  mistake: 'Taken by mistake',
  served: 'Time served',
};
export const ACTION_LABEL: Record<AccountActionKind, string> = { warn: 'Warn', suspend: 'Suspend', ban: 'Ban', lift: 'Lift' };

export interface Standing {
  status: 'active' | 'suspended' | 'banned';
  suspendedUntil: string | null;
}

export interface AccountAction {
  id: number;
  userId: number;
  kind: AccountActionKind;
  subject: AccountSubject;
  policyReason: string;
  note: string;
  caseId: number | null;
  endsAt: string | null;
  liftsActionId: number | null;
  actorEmail: string | null;
  createdAt: string;
  liftedById?: number | null;
  liftedAt?: string | null;
  hiddenVideos?: number;
  live?: boolean;
}

export interface AccountActionInput {
  action: AccountActionKind;
  reason: AccountReason;
  note?: string;
  durationHours?: number;
  liftsActionId?: number;
  caseId?: number;
  subject?: AccountSubject;
}

export interface AccountActionResult {
  userId: number;
  subject: AccountSubject;
  actions: { id: number; kind: AccountActionKind; liftsActionId: number | null; endsAt: string | null; hiddenVideos: number; restoredVideos: number }[];
  standing: Standing;
}

export interface UserPageData {
  user: {
    id: number;
    username: string;
    displayName: string;
    email: string | null;
    role: string;
    region: string;
    platformStatus: string;
    createdAt: string;
    videoCount: number;
    reportsMade: number;
  };
  standing: Standing;
  reporterRecord: { upheld: number; dismissed: number; weight: number };
  actions: AccountAction[];
  videos: {
    id: number;
    title: string;
    visibility: string;
    createdAt: string;
    thumbnailUrl: string;
    reports: number;
    caseId: number | null;
    caseStatus: CaseStatus | null;
  }[];
  reportsMade: {
    id: number;
    videoId: number;
    title: string;
    reason: string;
    createdAt: string;
    caseId: number | null;
    caseStatus: CaseStatus | null;
    outcome: Outcome | null;
  }[];
  reportsReceived: {
    id: number;
    videoId: number;
    title: string;
    reason: string;
    source: string;
    createdAt: string;
    caseId: number | null;
    reporterId: number | null;
    reporterUsername: string | null;
  }[];
  decisions: CaseDetail['creatorHistory'];
}

export function fetchUser(id: number, signal: AbortSignal): Promise<UserPageData> {
  return apiGet<UserPageData>(`/api/moderation/users/${id}`, signal);
}

export function actOnAccount(userId: number, input: AccountActionInput): Promise<AccountActionResult> {
  return apiRequest(`/api/moderation/users/${userId}/actions`, { method: 'POST', body: input });
}

export interface BulkAccountResult {
  batchId: string;
  done: number;
  failed: number;
  results: { userId: number; status: number; ok: boolean; error?: { code: string; message: string } }[];
}

export function actOnAccountsBulk(items: (AccountActionInput & { userId: number })[]): Promise<BulkAccountResult> {
  return apiRequest('/api/moderation/account-actions/bulk', { method: 'POST', body: { items } });
}
