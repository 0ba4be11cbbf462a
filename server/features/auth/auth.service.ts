// Accounts, sessions, API keys and the audit log (docs/architecture.md#roles, #http). Passwords are argon2id;
// session ids and API keys are random and stored only as SHA-256; nothing secret is logged.
import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import argon2 from 'argon2';
import { pgQuery, type Stores } from '../../db/index.js';
import { ConflictError, NotFoundError, TooManyRequestsError, UnprocessableError, AppError } from '../../http/errors.js';
import type { Session } from '../../http/route.js';
import { publicAccount, sessionCookie, sha256, SESSION_ABSOLUTE_MS } from '../../http/guard.js';
import { actorOf, audit, SYSTEM_ACTOR, type Actor } from '../../audit.js';
import { storableInstant } from '../../../contract/time.js';
import { MIN_PASSWORD_LENGTH } from '../../../contract/auth.requests.js';
import { isTimeZone, type Account, type Role } from '../../../contract/auth.js';
import { LoginThrottle, type LoginThrottleSettings } from './login-throttle.js';

export interface AccountRow extends Account {
  disabled: boolean;
  createdAt: Date;
}
interface LoginRow extends Account {
  passwordHash: string;
  disabled: boolean;
  mustChangePassword: boolean;
}
export interface ApiKeyRow {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}
export interface AuditRow {
  id: number;
  at: Date;
  atCursor: string;
  actorId: number | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

const pgFindAccountByEmail = pgQuery('auth/find_account_by_email').returns<LoginRow>();
const pgFindAccount = pgQuery('auth/find_account').returns<AccountRow>();
const pgInsertAccount = pgQuery('auth/insert_account').returns<AccountRow>();
const pgUpdateAccount = pgQuery('auth/update_account').returns<AccountRow>();
const pgAnyAdmin = pgQuery('auth/any_admin').returns<{ any: boolean }>();
const pgAnyAccount = pgQuery('auth/any_account').returns<{ any: boolean }>();
const pgAdvertiserExists = pgQuery('auth/advertiser_exists').returns<{ exists: boolean }>();
const pgInsertSession = pgQuery('auth/insert_session');
const pgDeleteSession = pgQuery('auth/delete_session');
const pgDeleteAccountSessions = pgQuery('auth/delete_account_sessions');
const pgSetPassword = pgQuery('auth/set_password').returns<AccountRow>();
const pgListAccounts = pgQuery('admin/list_accounts').returns<AccountRow>();
const pgInsertApiKey = pgQuery('admin/insert_api_key').returns<ApiKeyRow>();
const pgListApiKeys = pgQuery('admin/list_api_keys').returns<ApiKeyRow>();
const pgRevokeApiKey = pgQuery('admin/revoke_api_key').returns<{ id: number; name: string; prefix: string; revokedAt: Date }>();
const pgListAuditLog = pgQuery('admin/list_audit_log').returns<AuditRow>();

export function accountItem(a: AccountRow) {
  return { ...publicAccount(a), disabled: a.disabled, createdAt: a.createdAt };
}

export interface NewAccount {
  email: string;
  password: string;
  role: Role;
  advertiserId?: number | null;
  timezone?: string;
}

export class InvalidCredentialsError extends AppError {
  constructor() {
    super(401, 'invalid_credentials', 'Email or password is wrong.');
  }
}

export class PasswordChangeRequiredError extends AppError {
  constructor() {
    super(403, 'password_change_required', 'This password was set by an admin for one sign-in: send a new password (newPassword, 12+ characters) with it.');
  }
}

/** Passwords of console accounts: 12 to 1000 characters (the admin API's and the CLI's rule). */
export const PASSWORD_MIN = MIN_PASSWORD_LENGTH;

export { storableInstant };

export class AuthService {
  readonly throttle: LoginThrottle;
  private dummyHash?: Promise<string>;

  constructor(
    private readonly stores: Stores,
    throttle: LoginThrottleSettings,
  ) {
    this.throttle = new LoginThrottle(stores.pg, throttle);
  }

  hashPassword(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  // ---- sessions --------------------------------------------------------------------------

  /**
   * Signs in. An account whose password an admin reset must send `newPassword` along with the
   * one-time password (403 password_change_required without it); the change ends no session (it
   * has none) and is audited.
   */
  async login(req: Request, email: string, password: string, newPassword?: string): Promise<{ account: Account; csrfToken: string; cookie: string }> {
    const ip = req.ip ?? 'unknown';
    const accountKey = email.trim().toLowerCase();
    const wait = await this.throttle.wait(accountKey, ip);
    if (wait > 0) throw new TooManyRequestsError('Too many failed sign-in attempts from this address; try again later.', wait);

    const row = await this.stores.pg.one(pgFindAccountByEmail, { email: accountKey });
    // An unknown email is hashed against a dummy hash so that it takes as long as a wrong password.
    this.dummyHash ??= this.hashPassword(randomBytes(16).toString('hex'));
    const ok = await argon2.verify(row?.passwordHash ?? (await this.dummyHash), password).catch(() => false);
    if (!row || !ok || row.disabled) {
      await this.throttle.fail(accountKey, ip);
      await audit(
        this.stores.pg,
        { ...actorOf(req), id: row ? Number(row.id) : null, email: email.slice(0, 320) },
        'auth.login_failed',
        'account',
        row ? String(row.id) : null,
        null,
        null,
      );
      throw new InvalidCredentialsError();
    }
    await this.throttle.clear(accountKey, ip);
    if (row.mustChangePassword) {
      if (newPassword === undefined) throw new PasswordChangeRequiredError();
      if (newPassword.length < PASSWORD_MIN)
        throw new UnprocessableError(`The new password needs ${PASSWORD_MIN} characters or more.`, { field: 'newPassword' });
      if (newPassword === password) throw new UnprocessableError('The new password must differ from the one-time password.', { field: 'newPassword' });
      const hash = await this.hashPassword(newPassword);
      await this.stores.pg.tx(async (tx) => {
        await tx.one(pgSetPassword, { id: row.id, password_hash: hash, must_change: false });
        await audit(tx, actorOf(req, publicAccount(row)), 'account.password_changed', 'account', String(row.id), null, { via: 'one_time_password' });
      });
    }
    const account = publicAccount(row);
    const id = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await this.stores.pg.tx(async (tx) => {
      await tx.exec(pgInsertSession, {
        id_hash: sha256(id),
        account_id: account.id,
        csrf_token: csrfToken,
        expires_at: new Date(Date.now() + SESSION_ABSOLUTE_MS),
        ip: req.ip ?? null,
        user_agent: req.get('user-agent')?.slice(0, 500) ?? null,
      });
      await audit(tx, actorOf(req, account), 'auth.login', 'account', String(account.id), null, null);
    });
    return { account, csrfToken, cookie: sessionCookie(req, id, SESSION_ABSOLUTE_MS / 1000) };
  }

  async logout(req: Request, session: Session): Promise<string> {
    await this.stores.pg.tx(async (tx) => {
      await tx.exec(pgDeleteSession, { id_hash: session.idHash });
      await audit(tx, actorOf(req, session.account), 'auth.logout', 'account', String(session.account.id), null, null);
    });
    return sessionCookie(req, '', 0);
  }

  // ---- accounts --------------------------------------------------------------------------

  async listAccounts(): Promise<AccountRow[]> {
    return this.stores.pg.rows(pgListAccounts, {});
  }

  async createAccount(actor: Actor, input: NewAccount): Promise<AccountRow> {
    const advertiserId = input.advertiserId ?? null;
    if ((input.role === 'advertiser') !== (advertiserId !== null)) {
      throw new UnprocessableError(
        input.role === 'advertiser' ? 'An advertiser account needs an advertiserId.' : 'Only advertiser accounts have an advertiserId.',
      );
    }
    if (advertiserId !== null && !(await this.stores.pg.one(pgAdvertiserExists, { id: advertiserId }))?.exists) {
      throw new UnprocessableError(`Advertiser ${advertiserId} does not exist.`);
    }
    const timezone = input.timezone ?? 'UTC';
    if (!isTimeZone(timezone)) throw new UnprocessableError(`${timezone} is not an IANA time zone.`);
    const passwordHash = await this.hashPassword(input.password);
    try {
      return await this.stores.pg.tx(async (tx) => {
        const row = (await tx.one(pgInsertAccount, {
          email: input.email.trim(),
          password_hash: passwordHash,
          role: input.role,
          advertiser_id: advertiserId,
          timezone,
        }))!;
        await audit(tx, actor, 'account.created', 'account', String(row.id), null, accountItem(row));
        return row;
      });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new ConflictError('An account with this email exists already.');
      throw err;
    }
  }

  async updateAccount(actor: Actor, id: number, change: { role?: Role; timezone?: string; disabled?: boolean }): Promise<AccountRow> {
    if (change.timezone !== undefined && !isTimeZone(change.timezone)) throw new UnprocessableError(`${change.timezone} is not an IANA time zone.`);
    return this.stores.pg.tx(async (tx) => {
      const before = await tx.one(pgFindAccount, { id });
      if (!before) throw new NotFoundError('No such account.');
      if (change.role !== undefined && (change.role === 'advertiser') !== (before.advertiserId !== null)) {
        throw new UnprocessableError('An account cannot move to or from the advertiser role; create a new account instead.');
      }
      if (actor.id === Number(id) && (change.disabled === true || (change.role !== undefined && change.role !== 'admin' && before.role === 'admin'))) {
        throw new UnprocessableError('You cannot disable yourself or drop your own admin role.');
      }
      const after = (await tx.one(pgUpdateAccount, { id, role: change.role ?? null, timezone: change.timezone ?? null, disabled: change.disabled ?? null }))!;
      if (after.disabled) await tx.exec(pgDeleteAccountSessions, { account_id: id });
      const action = after.disabled && !before.disabled ? 'account.disabled' : 'account.updated';
      await audit(tx, actor, action, 'account', String(id), accountItem(before), accountItem(after));
      return after;
    });
  }

  /** Start-up: demo accounts on a console without accounts, then the bootstrap admin if none. */
  async ensureAccounts(opts: { demo: boolean; bootstrap?: { email: string; password: string } }): Promise<{ email: string; role: Role; password: string }[]> {
    const created: { email: string; role: Role; password: string }[] = [];
    const anyAccount = (await this.stores.pg.one(pgAnyAccount, {}))?.any ?? false;
    // The configured first admin comes first, so it exists beside the demo accounts too.
    if (opts.bootstrap && !(await this.stores.pg.one(pgAnyAdmin, {}))?.any) {
      await this.createAccount(SYSTEM_ACTOR, { email: opts.bootstrap.email, password: opts.bootstrap.password, role: 'admin' });
    }
    if (opts.demo && !anyAccount) {
      const demo: { email: string; role: Role; advertiserId?: number }[] = [
        { email: 'admin@pulse.local', role: 'admin' },
        { email: 'moderator@pulse.local', role: 'moderator' },
        // Two more moderators: the demo's moderation history has several reviewers.
        { email: 'moderator2@pulse.local', role: 'moderator' },
        { email: 'moderator3@pulse.local', role: 'moderator' },
        { email: 'oncall@pulse.local', role: 'oncall' },
        { email: 'analyst@pulse.local', role: 'analyst' },
        { email: 'advertiser@pulse.local', role: 'advertiser', advertiserId: 1 },
        { email: 'advertiser2@pulse.local', role: 'advertiser', advertiserId: 2 },
      ];
      for (const d of demo) {
        if (d.advertiserId && !(await this.stores.pg.one(pgAdvertiserExists, { id: d.advertiserId }))?.exists) continue;
        const password = randomBytes(12).toString('base64url');
        await this.createAccount(SYSTEM_ACTOR, { email: d.email, password, role: d.role, advertiserId: d.advertiserId ?? null });
        created.push({ email: d.email, role: d.role, password });
      }
    }
    return created;
  }

  // ---- API keys --------------------------------------------------------------------------

  async listApiKeys(): Promise<ApiKeyRow[]> {
    return this.stores.pg.rows(pgListApiKeys, {});
  }

  async createApiKey(actor: Actor & { id: number }, name: string, scopes: string[]): Promise<{ id: number; key: string }> {
    const prefix = randomBytes(6).toString('hex');
    const key = `pk_${prefix}_${randomBytes(24).toString('base64url')}`;
    return this.stores.pg.tx(async (tx) => {
      const row = (await tx.one(pgInsertApiKey, { name, prefix, key_hash: sha256(key), scopes, created_by: actor.id }))!;
      await audit(tx, actor, 'api_key.created', 'api_key', String(row.id), null, { name, prefix, scopes });
      return { id: Number(row.id), key };
    });
  }

  async revokeApiKey(actor: Actor, id: number): Promise<void> {
    await this.stores.pg.tx(async (tx) => {
      const row = await tx.one(pgRevokeApiKey, { id });
      if (!row) throw new NotFoundError('No such API key.');
      await audit(tx, actor, 'api_key.revoked', 'api_key', String(id), null, { name: row.name, prefix: row.prefix, revokedAt: row.revokedAt });
    });
  }

  // ---- audit log -------------------------------------------------------------------------

  async listAuditLog(f: { actor?: string; action?: string; from?: string; to?: string; limit: number; cursor?: string }) {
    let cursorAt: string | null = null;
    let cursorId: number | null = null;
    if (f.cursor) {
      const [at, id] = Buffer.from(f.cursor, 'base64url').toString('utf8').split('|');
      // A crafted cursor is a 422, never a 500: a time PostgreSQL can hold, an id within bigint.
      if (!at || !id || !storableInstant(at) || !/^\d{1,15}$/.test(id)) throw new UnprocessableError('The cursor is not one this route gave.');
      cursorAt = at;
      cursorId = Number(id);
    }
    const rows = await this.stores.pg.rows(pgListAuditLog, {
      actor: f.actor ?? null,
      action: f.action ?? null,
      from: f.from ?? null,
      to: f.to ?? null,
      cursor_at: cursorAt,
      cursor_id: cursorId,
      limit: f.limit + 1,
    });
    const page = rows.slice(0, f.limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > f.limit && last ? Buffer.from(`${last.atCursor}|${last.id}`).toString('base64url') : null;
    return {
      items: page.map(({ atCursor: _c, ...r }) => ({ ...r, id: Number(r.id), actorId: r.actorId === null ? null : Number(r.actorId) })),
      nextCursor,
    };
  }
}
