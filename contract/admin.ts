// Accounts, API keys and the audit log as the admin routes answer them (docs/architecture.md#roles).
import { z } from 'zod';
import { zAccount } from './auth.js';

const zInstant = z.iso.datetime();

/** What an API key may do; the ingest API is the only scope today. */
export const API_KEY_SCOPES = ['ingest'] as const;
export const zApiKeyScope = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof zApiKeyScope>;

export const zAdminAccount = zAccount.extend({ disabled: z.boolean(), createdAt: zInstant });
export type AdminAccount = z.infer<typeof zAdminAccount>;
export const zAdminAccounts = z.object({ items: z.array(zAdminAccount) });
export const zAdminAccountAnswer = z.object({ account: zAdminAccount });

export const zApiKey = z.object({
  id: z.number(),
  name: z.string(),
  /** The first characters of the key, enough to recognise it; the key itself is never stored. */
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: zInstant,
  lastUsedAt: zInstant.nullable(),
  revokedAt: zInstant.nullable(),
});
export type ApiKey = z.infer<typeof zApiKey>;
export const zApiKeys = z.object({ items: z.array(zApiKey) });

/** POST /api/admin/api-keys: the whole key, in this answer only. */
export const zCreatedApiKey = z.object({ id: z.number(), key: z.string() });
export type CreatedApiKey = z.infer<typeof zCreatedApiKey>;

export const zAuditEntry = z.object({
  id: z.number(),
  at: zInstant,
  actorId: z.number().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof zAuditEntry>;
/** Newest first; `nextCursor` is opaque, null on the last page. */
export const zAuditPage = z.object({ items: z.array(zAuditEntry), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof zAuditPage>;

/** POST /api/admin/accounts/:id/password-reset: the one-time password (in this answer only). */
export const zPasswordReset = z.object({ oneTimePassword: z.string(), sessionsEnded: z.number().int().min(0) });
