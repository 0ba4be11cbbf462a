// Console accounts and their roles: the domain every feature and the client share. Who may do
// what per role: docs/architecture.md#roles.
import { z } from 'zod';

export const ROLES = ['admin', 'moderator', 'oncall', 'analyst', 'advertiser'] as const;
export const zRole = z.enum(ROLES);
export type Role = z.infer<typeof zRole>;

/**
 * Zones already found valid: building an Intl.DateTimeFormat to test one costs ~0.5 ms, and every
 * dashboard request's `tz` is tested. Only valid names are kept, and at most KNOWN_ZONES_MAX of
 * them (Intl also accepts any casing of a name, so the set of valid strings is large).
 */
const knownZones = new Set<string>();
const KNOWN_ZONES_MAX = 2000;

export function isTimeZone(tz: string): boolean {
  if (knownZones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    return false;
  }
  if (knownZones.size < KNOWN_ZONES_MAX) knownZones.add(tz);
  return true;
}

/** Who may see reporter identity and other personal data of platform users (docs/architecture.md#roles). */
const SEES_PERSONAL_DATA: readonly Role[] = ['admin', 'moderator'];
export function seesPersonalData(role: Role): boolean {
  return SEES_PERSONAL_DATA.includes(role);
}

/** The advertiser an account is confined to (its own), or null for roles that see every advertiser. */
export function scopeOf(account: Pick<Account, 'role' | 'advertiserId'>): number | null {
  return account.role === 'advertiser' ? Number(account.advertiserId) : null;
}

export const zTimeZone = z.string().min(1).max(64).refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Paris' });

/** A signed-in console account as the API answers it. */
export const zAccount = z.object({
  id: z.number(),
  email: z.string(),
  role: zRole,
  advertiserId: z.number().nullable(),
  timezone: z.string(),
});
export type Account = z.infer<typeof zAccount>;

/** POST /api/auth/login and GET /api/auth/me: the account and the session's CSRF token. */
export const zSessionAnswer = z.object({ account: zAccount, csrfToken: z.string() });
export type SessionAnswer = z.infer<typeof zSessionAnswer>;

/** PATCH /api/auth/me, POST /api/admin/accounts. */
export const zAccountAnswer = z.object({ account: zAccount });

/** GET /api/auth/api-key-check. */
export const zApiKeyCheck = z.object({ ok: z.literal(true), keyId: z.number() });

/** POST /api/auth/password: how many of the account's other sessions ended. */
export const zPasswordChanged = z.object({ otherSessionsEnded: z.number().int().min(0) });
