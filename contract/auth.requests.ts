// What the auth and admin routes accept: bodies and query strings, defined once here and used by the
// server routes (which validate with them) and the client API modules (which type what they send).
import { z } from 'zod';
import { zApiKeyScope } from './admin.js';
import { zRole, zTimeZone } from './auth.js';

/** The shortest password an account may set (a new account's, a change, the one replacing a one-time password). */
export const MIN_PASSWORD_LENGTH = 12;

/** Path parameter `:id` of the admin account routes. */
export const zIdParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** POST /api/auth/login. */
export const zLoginBody = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1000),
  // Only read when an admin reset the password: the one-time password is replaced by this one.
  newPassword: z.string().min(1).max(1000).optional(),
});
export type LoginBody = z.infer<typeof zLoginBody>;

/** POST /api/auth/password. */
export const zPasswordChangeBody = z
  .object({ currentPassword: z.string().min(1).max(1000), newPassword: z.string().min(MIN_PASSWORD_LENGTH).max(1000) })
  .strict();
export type PasswordChangeBody = z.infer<typeof zPasswordChangeBody>;

/** PATCH /api/auth/me. */
export const zMeBody = z.object({ timezone: zTimeZone }).strict();
export type MeBody = z.infer<typeof zMeBody>;

/** POST /api/admin/accounts. */
export const zNewAccountBody = z
  .object({
    email: z.string().trim().email().max(320),
    password: z.string().min(MIN_PASSWORD_LENGTH).max(1000),
    role: zRole,
    advertiserId: z.number().int().positive().nullish(),
    timezone: zTimeZone.optional(),
  })
  .strict();
export type NewAccountBody = z.infer<typeof zNewAccountBody>;

/** PATCH /api/admin/accounts/:id. */
export const zAccountChangeBody = z.object({ disabled: z.boolean().optional(), role: zRole.optional(), timezone: zTimeZone.optional() }).strict();
export type AccountChangeBody = z.infer<typeof zAccountChangeBody>;

/** POST /api/admin/api-keys. */
export const zNewApiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(zApiKeyScope).min(1).max(5),
  })
  .strict();
export type NewApiKeyBody = z.infer<typeof zNewApiKeyBody>;

/** GET /api/admin/audit-log. */
export const zAuditQuery = z.object({
  actor: z.string().min(1).max(320).optional(),
  action: z.string().min(1).max(100).optional(),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().min(1).max(200).optional(),
});
export type AuditQuery = z.infer<typeof zAuditQuery>;
