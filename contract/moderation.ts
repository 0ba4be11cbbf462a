// The moderation review queue's vocabulary and answers, shared by the server routes (which check
// what they send in tests) and the client (which infers its types from here). README#moderation.
import { z } from 'zod';

export const REPORT_REASONS = ['spam', 'nudity', 'violence', 'hate', 'harassment', 'self_harm', 'misinformation', 'copyright', 'other'] as const;
export const zReportReason = z.enum(REPORT_REASONS);
export type ReportReason = z.infer<typeof zReportReason>;

export const OUTCOMES = ['dismiss', 'remove', 'age_restrict', 'escalate'] as const;
export const zOutcome = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof zOutcome>;

/** Policy reasons a decision cites: no violation, or the policy the video broke. */
export const POLICY_REASONS = ['no_violation', ...REPORT_REASONS] as const;
export const zPolicyReason = z.enum(POLICY_REASONS);
export type PolicyReason = z.infer<typeof zPolicyReason>;

export const CASE_STATUSES = ['open', 'in_review', 'escalated', 'resolved'] as const;
export const zCaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof zCaseStatus>;

export const SLA_STATES = ['breached', 'due_soon', 'ok'] as const;
export const zSlaState = z.enum(SLA_STATES);
export type SlaState = z.infer<typeof zSlaState>;

export const VISIBILITIES = ['public', 'private', 'age_restricted', 'removed'] as const;
export const zVisibility = z.enum(VISIBILITIES);
export type Visibility = z.infer<typeof zVisibility>;

/** An ISO-8601 UTC instant as sent on the wire (Date objects serialize to this). */
const zInstant = z.iso.datetime();

export const zQueueItem = z.object({
  caseId: z.number(),
  videoId: z.number(),
  priority: z.number(),
  priorityParts: z.record(z.string(), z.number()),
  reportCount: z.number(),
  distinctReporters: z.number(),
  reasons: z.array(z.string()),
  status: zCaseStatus,
  assigneeId: z.number().nullable(),
  assigneeEmail: z.string().nullable(),
  claimExpiresAt: zInstant.nullable(),
  version: z.number(),
  oldestReportAt: zInstant,
  lastReportedAt: zInstant,
  slaDueAt: zInstant,
  resolvedAt: zInstant.nullable(),
  videoTitle: z.string(),
  thumbnailUrl: z.string(),
  visibility: zVisibility,
  creatorId: z.number(),
  /** The creator's account standing when not active (moderation account actions). */
  creatorStanding: z.enum(['suspended', 'banned']).nullable(),
});
export type QueueItem = z.infer<typeof zQueueItem>;

export const zQueuePage = z.object({ items: z.array(zQueueItem), nextCursor: z.string().nullable() });
export type QueuePage = z.infer<typeof zQueuePage>;

export const zLease = z.object({
  caseId: z.number(),
  status: zCaseStatus,
  assigneeId: z.number(),
  claimedAt: zInstant,
  claimExpiresAt: zInstant,
  version: z.number(),
});
export type Lease = z.infer<typeof zLease>;
