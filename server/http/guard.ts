// Who is calling: the session cookie (role and CSRF checks are made by mount() from each route's
// declared access) or an API key. Infrastructure under every feature: signing in and out, the
// accounts and the keys themselves are the auth feature's (features/auth).
import type { ApiKeyScope } from '../../contract/admin.js';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { pgQuery, type Stores } from '../db/index.js';
import type { Account } from '../../contract/auth.js';
import { ForbiddenError, UnauthorizedError } from './errors.js';
import type { Guard, Session } from './route.js';

export const SESSION_COOKIE = 'pulse_session';
export const SESSION_IDLE_MS = 12 * 3600_000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 3600_000;
const TOUCH_EVERY_MS = 60_000;
const API_KEY = /^pk_([0-9a-f]{12})_([A-Za-z0-9_-]{20,100})$/;

const pgFindSession = pgQuery('auth/find_session').returns<Account & { csrfToken: string; lastSeenAt: Date }>();
const pgTouchSession = pgQuery('auth/touch_session');
const pgFindApiKey = pgQuery('auth/find_api_key').returns<{ id: number; keyHash: string; scopes: string[]; revokedAt: Date | null }>();
const pgTouchApiKey = pgQuery('auth/touch_api_key');

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Constant-time string equality (both sides hashed first, so lengths match). */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** An account as the API answers it (ids from PostgreSQL bigint columns made numbers). */
export function publicAccount(a: Account): Account {
  return { id: Number(a.id), email: a.email, role: a.role, advertiserId: a.advertiserId === null ? null : Number(a.advertiserId), timezone: a.timezone };
}

/** The session cookie: HttpOnly, SameSite=Lax, Secure over HTTPS; an empty value and 0 clear it. */
export function sessionCookie(req: Request, value: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${req.secure ? '; Secure' : ''}`;
}

function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export class SessionGuard implements Guard {
  constructor(private readonly stores: Stores) {}

  async session(req: Request): Promise<Session | undefined> {
    const id = readCookie(req, SESSION_COOKIE);
    if (!id || id.length > 100) return undefined;
    const idHash = sha256(id);
    // Prepared once per pool connection (named by the connection's serial: PGlite serves every
    // connection from one backend, docs/architecture.md#engine-notes): on PGlite ~0.3 ms a lookup
    // instead of ~1-2 ms parsed and planned each time. Still one lookup a request, no cache.
    const row = await this.stores.pg.one(pgFindSession, { id_hash: idHash, idle_since: new Date(Date.now() - SESSION_IDLE_MS) }, { prepare: true });
    if (!row) return undefined;
    if (Date.now() - new Date(row.lastSeenAt).getTime() > TOUCH_EVERY_MS) await this.stores.pg.exec(pgTouchSession, { id_hash: idHash });
    return { account: publicAccount(row), csrfToken: row.csrfToken, idHash };
  }

  csrfMatches(session: Session, given: string | undefined): boolean {
    return typeof given === 'string' && given.length > 0 && safeEqual(session.csrfToken, given);
  }

  async apiKey(req: Request, scope: ApiKeyScope): Promise<{ keyId: number }> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    const given = bearer ?? req.get('x-api-key');
    const m = given ? API_KEY.exec(given) : null;
    if (!given || !m) throw new UnauthorizedError('A valid API key is required (Authorization: Bearer pk_…).');
    const row = await this.stores.pg.one(pgFindApiKey, { prefix: m[1]! });
    if (!row || row.revokedAt || !safeEqual(row.keyHash, sha256(given))) throw new UnauthorizedError('The API key is unknown or revoked.');
    if (!row.scopes.includes(scope)) throw new ForbiddenError(`The API key lacks the ${scope} scope.`);
    await this.stores.pg.exec(pgTouchApiKey, { id: row.id });
    return { keyId: Number(row.id) };
  }
}
