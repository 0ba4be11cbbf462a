import { apiGet, apiRequest } from '../../../lib/api';
import type {
  AccountActionKind,
  AccountActionResult,
  AccountReason,
  BulkAccountResult,
  BulkResult,
  CaseDetail,
  CaseStatus,
  DecisionResult,
  Lease,
  ModerationStats,
  Outcome,
  PolicyReason,
  QueuePage,
  UserPage,
  Released,
} from '../../../../../contract/moderation';
import type { AccountActionBody, DecisionBody, QueueQuery } from '../../../../../contract/moderation.requests';

export {
  ACCOUNT_ACTIONS,
  ACCOUNT_REASONS,
  CASE_STATUSES,
  OUTCOMES,
  POLICY_REASONS,
  REPORT_REASONS,
  SLA_STATES,
} from '../../../../../contract/moderation';
export type {
  AccountAction,
  AccountActionKind,
  AccountActionResult,
  AccountReason,
  AccountSubject,
  BulkAccountResult,
  BulkResult,
  CaseDetail,
  CaseReport,
  CaseStatus,
  Decision,
  DecisionResult,
  Lease,
  ModerationStats,
  Outcome,
  PolicyReason,
  QueueItem,
  QueuePage,
  SlaState,
  Standing,
  Visibility,
} from '../../../../../contract/moderation';
/** GET /api/moderation/users/:id. */
export type UserPageData = UserPage;

export const OUTCOME_LABEL: Record<Outcome, string> = { dismiss: 'Dismiss', remove: 'Remove', age_restrict: 'Age-restrict', escalate: 'Escalate' };
/** Every policy reason's label (the contract's POLICY_REASONS; a missing or extra one fails the typecheck). */
const POLICY_REASON_LABEL = {
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
} satisfies Record<PolicyReason, string>;
/** Indexed by any reason the server sends (a list of report reasons is strings): undefined for an unknown one. */
export const REASON_LABEL: Readonly<Record<string, string | undefined>> = POLICY_REASON_LABEL;
export const STATUS_LABEL: Record<CaseStatus, string> = { open: 'Open', in_review: 'In review', escalated: 'Escalated', resolved: 'Resolved' };

export type QueueFilter = Pick<QueueQuery, 'status' | 'reason' | 'sla'>;

export type DecisionInput = DecisionBody;

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

export function releaseCase(id: number): Promise<Released> {
  return apiRequest(`/api/moderation/cases/${id}/release`, { method: 'POST' });
}

export function decideCase(id: number, input: DecisionInput): Promise<DecisionResult> {
  return apiRequest(`/api/moderation/cases/${id}/decision`, { method: 'POST', body: input });
}

export function decideBulk(items: (DecisionInput & { caseId: number })[]): Promise<BulkResult> {
  return apiRequest('/api/moderation/decisions/bulk', { method: 'POST', body: { items } });
}

/** Every account-action reason's label (the contract's ACCOUNT_REASONS, and the policy reasons). */
const ACCOUNT_REASON_LABELS = {
  ...POLICY_REASON_LABEL,
  repeat_violations: 'Repeat violations',
  report_abuse: 'Abusive reporting',
  appeal_granted: 'Appeal granted',
  mistake: 'Taken by mistake',
  served: 'Time served',
} satisfies Record<AccountReason | PolicyReason, string>;
export const ACCOUNT_REASON_LABEL: Readonly<Record<string, string | undefined>> = ACCOUNT_REASON_LABELS;
export const ACTION_LABEL: Record<AccountActionKind, string> = { warn: 'Warn', suspend: 'Suspend', ban: 'Ban', lift: 'Lift' };

export type AccountActionInput = AccountActionBody;

export function fetchUser(id: number, signal: AbortSignal): Promise<UserPage> {
  return apiGet<UserPage>(`/api/moderation/users/${id}`, signal);
}

export function actOnAccount(userId: number, input: AccountActionInput): Promise<AccountActionResult> {
  return apiRequest(`/api/moderation/users/${userId}/actions`, { method: 'POST', body: input });
}

export function actOnAccountsBulk(items: (AccountActionInput & { userId: number })[]): Promise<BulkAccountResult> {
  return apiRequest('/api/moderation/account-actions/bulk', { method: 'POST', body: { items } });
}
