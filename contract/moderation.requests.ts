// What the moderation routes accept: bodies and query strings, defined once here and used by the
// server routes (which validate with them) and the client API modules (which type what they send).
import { z } from 'zod';
import { ACCOUNT_ACTIONS, ACCOUNT_REASONS, ACCOUNT_SUBJECTS, zCaseStatus, zOutcome, zPolicyReason, zReportReason, zSlaState } from './moderation.js';

/** Suspensions last 1 hour to 1 year. */
export const MAX_SUSPENSION_HOURS = 24 * 365;

const zId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Path parameter `:id` of a case or a platform user. */
export const zCaseParams = z.object({ id: zId });

/** GET /api/moderation/queue. */
export const zQueueQuery = z.object({
  status: zCaseStatus.optional(),
  reason: zReportReason.optional(),
  sla: zSlaState.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(300).optional(),
});
export type QueueQuery = z.infer<typeof zQueueQuery>;

const zDecisionFields = {
  outcome: zOutcome,
  reason: zPolicyReason,
  note: z.string().max(2000).optional(),
  version: z.number().int().min(1),
  /** Set on a resolved case: the decision this one reverses (its latest). */
  reversesDecisionId: zId.optional(),
};
/** POST /api/moderation/cases/:id/decision. */
export const zDecisionBody = z.object(zDecisionFields).strict();
export type DecisionBody = z.infer<typeof zDecisionBody>;
/** POST /api/moderation/decisions/bulk. */
export const zBulkBody = z
  .object({
    items: z
      .array(z.object({ caseId: zId, ...zDecisionFields }).strict())
      .min(1)
      .max(100),
  })
  .strict();
export type BulkBody = z.infer<typeof zBulkBody>;

/** GET /api/moderation/stats. */
export const zStatsQuery = z
  .object({
    from: z.string().datetime({ offset: true }).optional(),
    to: z.string().datetime({ offset: true }).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['from'] });

const zAccountActionFields = {
  action: z.enum(ACCOUNT_ACTIONS),
  reason: z.enum(ACCOUNT_REASONS),
  note: z.string().max(2000).optional(),
  durationHours: z.number().int().min(1).max(MAX_SUSPENSION_HOURS).optional(),
  liftsActionId: zId.optional(),
  caseId: zId.optional(),
  subject: z.enum(ACCOUNT_SUBJECTS).optional(),
};
/** POST /api/moderation/users/:id/actions. */
export const zAccountActionBody = z.object(zAccountActionFields).strict();
export type AccountActionBody = z.infer<typeof zAccountActionBody>;
/** POST /api/moderation/account-actions/bulk. */
export const zAccountActionsBulkBody = z
  .object({
    items: z
      .array(z.object({ userId: zId, ...zAccountActionFields }).strict())
      .min(1)
      .max(100),
  })
  .strict();
export type AccountActionsBulkBody = z.infer<typeof zAccountActionsBulkBody>;
