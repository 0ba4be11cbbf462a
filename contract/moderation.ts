// The moderation review queue's vocabulary and answers, shared by the server routes (which check
// what they send in tests) and the client (which infers its types from here). README#moderation.
import { z } from 'zod';

export const REPORT_REASONS = ['spam', 'nudity', 'violence', 'hate', 'harassment', 'self_harm', 'misinformation', 'copyright', 'other'] as const;
export const zReportReason = z.enum(REPORT_REASONS);
export type ReportReason = z.infer<typeof zReportReason>;
/** Who filed a report: a platform user, or the platform's own classifiers. */
export const REPORT_SOURCES = ['user', 'automated'] as const;
export const zReportSource = z.enum(REPORT_SOURCES);

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

/** A platform account's standing; a sanction is one that restricts it (a creator's badge on a case, a search hit). */
export const STANDINGS = ['active', 'suspended', 'banned'] as const;
export const zSanction = z.enum(STANDINGS).exclude(['active']);
export type Sanction = z.infer<typeof zSanction>;

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
  creatorStanding: zSanction.nullable(),
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

// ---- Case page, decisions, stats, the user page and account actions ----

export const ACCOUNT_ACTIONS = ['warn', 'suspend', 'ban', 'lift'] as const;
export const zAccountActionKind = z.enum(ACCOUNT_ACTIONS);
export type AccountActionKind = z.infer<typeof zAccountActionKind>;
export const ACCOUNT_SUBJECTS = ['creator', 'reporter'] as const;
export const zAccountSubject = z.enum(ACCOUNT_SUBJECTS);
export type AccountSubject = z.infer<typeof zAccountSubject>;
/** Why an account is acted on: a content policy, or conduct (repeat violations, abusive reports); why a lift. */
export const ACCOUNT_REASONS = [...REPORT_REASONS, 'repeat_violations', 'report_abuse', 'appeal_granted', 'mistake', 'served'] as const;
export const zAccountReason = z.enum(ACCOUNT_REASONS);
export type AccountReason = z.infer<typeof zAccountReason>;
export const zStanding = z.object({ status: z.enum(STANDINGS), suspendedUntil: zInstant.nullable() });
export type Standing = z.infer<typeof zStanding>;

const zCaseState = z.object({ caseStatus: z.string(), visibility: z.string(), version: z.number() });
export const zDecision = z.object({
  id: z.number(),
  caseId: z.number(),
  reviewerId: z.number(),
  reviewerEmail: z.string().nullable().optional(),
  claimedAt: zInstant.nullable(),
  decidedAt: zInstant,
  outcome: zOutcome,
  policyReason: z.string(),
  note: z.string(),
  stateBefore: zCaseState,
  stateAfter: zCaseState,
  bulkBatchId: z.string().nullable(),
  reversesDecisionId: z.number().nullable(),
});
export type Decision = z.infer<typeof zDecision>;

export const zCaseReport = z.object({
  id: z.number(),
  source: zReportSource,
  reason: z.string(),
  details: z.string(),
  createdAt: zInstant,
  resolvedAt: zInstant.nullable(),
  /** Masked (ids and names null) for roles that do not see personal data. */
  reporter: z.object({ id: z.number().nullable(), username: z.string().nullable(), email: z.string().nullable(), masked: z.boolean() }).nullable(),
});
export type CaseReport = z.infer<typeof zCaseReport>;

export const zAccountAction = z.object({
  id: z.number(),
  userId: z.number(),
  kind: zAccountActionKind,
  subject: zAccountSubject,
  policyReason: z.string(),
  note: z.string(),
  caseId: z.number().nullable(),
  endsAt: zInstant.nullable(),
  liftsActionId: z.number().nullable(),
  actorEmail: z.string().nullable(),
  createdAt: zInstant,
  liftedById: z.number().nullable().optional(),
  liftedAt: zInstant.nullable().optional(),
  hiddenVideos: z.number().optional(),
  live: z.boolean().optional(),
});
export type AccountAction = z.infer<typeof zAccountAction>;

/** A decision on one of a creator's videos (the case page's creator history, the user page). */
export const zCreatorDecision = z.object({
  id: z.number(),
  caseId: z.number(),
  videoId: z.number(),
  title: z.string(),
  outcome: zOutcome,
  policyReason: z.string(),
  decidedAt: zInstant,
  reversesDecisionId: z.number().nullable(),
});

/** GET /api/moderation/cases/:id. */
export const zCaseDetail = z.object({
  case: z.object({
    caseId: z.number(),
    videoId: z.number(),
    status: zCaseStatus,
    priority: z.number(),
    priorityParts: z.record(z.string(), z.number()),
    reportCount: z.number(),
    distinctReporters: z.number(),
    reasons: z.array(z.string()),
    oldestReportAt: zInstant,
    lastReportedAt: zInstant,
    version: z.number(),
    slaDueAt: zInstant,
    resolvedAt: zInstant.nullable(),
    assigneeId: z.number().nullable(),
    assigneeEmail: z.string().nullable(),
    claimedAt: zInstant.nullable(),
    claimExpiresAt: zInstant.nullable(),
    title: z.string(),
    description: z.string(),
    tags: z.array(z.string()),
    durationMs: z.number(),
    region: z.string(),
    visibility: z.string(),
    videoUrl: z.string(),
    thumbnailUrl: z.string(),
    creatorId: z.number(),
    creatorUsername: z.string(),
    creatorDisplayName: z.string(),
    creatorStatus: z.string(),
    leaseSeconds: z.number(),
  }),
  reports: z.array(zCaseReport),
  reasonBreakdown: z.array(z.object({ reason: z.string(), count: z.number() })),
  /** Null counts and an error when ClickHouse did not answer. */
  reach24h: z.object({
    views: z.number().nullable(),
    watchMs: z.number().nullable(),
    likes: z.number().nullable(),
    comments: z.number().nullable(),
    shares: z.number().nullable(),
    error: z.string().nullable(),
  }),
  history: z.array(zDecision),
  creatorStanding: zStanding,
  /** The case's own actions, with the acted-on user's name. */
  caseActions: z.array(zAccountAction.extend({ username: z.string() })),
  creatorActions: z.array(zAccountAction),
  creatorHistory: z.array(zCreatorDecision),
});
export type CaseDetail = z.infer<typeof zCaseDetail>;

export const zDecisionResult = z.object({
  decision: zDecision,
  case: z.object({ caseId: z.number(), status: zCaseStatus, version: z.number(), resolvedAt: zInstant.nullable() }),
});
export type DecisionResult = z.infer<typeof zDecisionResult>;

const zItemError = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });
/** POST /api/moderation/decisions/bulk: each case by the rules of a single decision. */
export const zBulkResult = z.object({
  batchId: z.string(),
  decided: z.number(),
  failed: z.number(),
  results: z.array(z.object({ caseId: z.number(), status: z.number(), ok: z.boolean(), error: zItemError.optional() }).extend(zDecisionResult.partial().shape)),
});
export type BulkResult = z.infer<typeof zBulkResult>;

/** POST /api/moderation/cases/:id/release. */
export const zReleased = z.object({ caseId: z.number(), status: zCaseStatus, version: z.number() });
export type Released = z.infer<typeof zReleased>;

/** GET /api/moderation/stats: over [from, to). */
export const zModerationStats = z.object({
  from: zInstant,
  to: zInstant,
  openCases: z.number(),
  escalatedCases: z.number(),
  oldestOpenAt: zInstant.nullable(),
  openBreached: z.number(),
  resolvedInWindow: z.number(),
  resolvedLate: z.number(),
  medianSecondsToDecision: z.number().nullable(),
  moderators: z.array(
    z.object({
      reviewerId: z.number(),
      reviewerEmail: z.string().nullable(),
      decisions: z.number(),
      removed: z.number(),
      dismissed: z.number(),
      ageRestricted: z.number(),
      escalated: z.number(),
      medianHandleSeconds: z.number().nullable(),
    }),
  ),
});
export type ModerationStats = z.infer<typeof zModerationStats>;

/** GET /api/moderation/users/:id. */
export const zUserPage = z.object({
  user: z.object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    role: z.string(),
    region: z.string(),
    platformStatus: z.string(),
    createdAt: zInstant,
    videoCount: z.number(),
    reportsMade: z.number(),
  }),
  standing: zStanding,
  reporterRecord: z.object({ upheld: z.number(), dismissed: z.number(), weight: z.number() }),
  actions: z.array(zAccountAction),
  videos: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      visibility: z.string(),
      createdAt: zInstant,
      thumbnailUrl: z.string(),
      reports: z.number(),
      caseId: z.number().nullable(),
      caseStatus: zCaseStatus.nullable(),
    }),
  ),
  reportsMade: z.array(
    z.object({
      id: z.number(),
      videoId: z.number(),
      title: z.string(),
      reason: z.string(),
      createdAt: zInstant,
      caseId: z.number().nullable(),
      caseStatus: zCaseStatus.nullable(),
      outcome: zOutcome.nullable(),
    }),
  ),
  reportsReceived: z.array(
    z.object({
      id: z.number(),
      videoId: z.number(),
      title: z.string(),
      reason: z.string(),
      source: z.string(),
      createdAt: zInstant,
      caseId: z.number().nullable(),
      reporterId: z.number().nullable(),
      reporterUsername: z.string().nullable(),
    }),
  ),
  decisions: z.array(zCreatorDecision),
});
export type UserPage = z.infer<typeof zUserPage>;

/** POST /api/moderation/users/:id/actions: the rows appended and the standing after. */
export const zAccountActionResult = z.object({
  userId: z.number(),
  subject: zAccountSubject,
  actions: z.array(
    z.object({
      id: z.number(),
      kind: zAccountActionKind,
      liftsActionId: z.number().nullable(),
      endsAt: zInstant.nullable(),
      hiddenVideos: z.number(),
      restoredVideos: z.number(),
    }),
  ),
  standingBefore: zStanding.optional(),
  standing: zStanding,
});
export type AccountActionResult = z.infer<typeof zAccountActionResult>;

export const zBulkAccountResult = z.object({
  batchId: z.string(),
  done: z.number(),
  failed: z.number(),
  results: z.array(
    z.object({ userId: z.number(), status: z.number(), ok: z.boolean(), error: zItemError.optional(), result: zAccountActionResult.optional() }),
  ),
});
export type BulkAccountResult = z.infer<typeof zBulkAccountResult>;
