// Password change (the account itself) and reset (an admin, or `npm run accounts -- reset-password`)
// (docs/hardening.md#passwords). A change needs the current password, ends the account's other
// sessions and is audited; a reset sets a one-time password that must be replaced at the next
// sign-in, ends every session of the account and is audited. No password reaches the audit log.
import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import argon2 from 'argon2';
import { pgQuery, type Stores } from '../../db/index.js';
import { NotFoundError, TooManyRequestsError, UnprocessableError } from '../../http/errors.js';
import type { Session } from '../../http/route.js';
import { actorOf, audit, type Actor } from '../../audit.js';
import type { AuthService } from './auth.service.js';

const pgFindPasswordHash = pgQuery('auth/find_password_hash').returns<{ passwordHash: string }>();
const pgFindAccountByEmail = pgQuery('auth/find_account_by_email').returns<{ id: number }>();
const pgSetPassword = pgQuery('auth/set_password').returns<{ id: number; email: string }>();
const pgDeleteAccountSessions = pgQuery('auth/delete_account_sessions');
const pgDeleteOtherSessions = pgQuery('auth/delete_other_sessions');

export class PasswordService {
  constructor(
    private readonly stores: Stores,
    private readonly auth: AuthService,
  ) {}

  /** The signed-in account changes its password; its other sessions end. A wrong current password counts as a failed sign-in. */
  async change(req: Request, session: Session, currentPassword: string, newPassword: string): Promise<{ otherSessionsEnded: number }> {
    const me = session.account;
    const ip = req.ip ?? 'unknown';
    const wait = await this.auth.throttle.wait(me.email, ip);
    if (wait > 0) throw new TooManyRequestsError('Too many wrong passwords from this address; try again later.', wait);
    const row = await this.stores.pg.one(pgFindPasswordHash, { id: me.id });
    if (!row) throw new NotFoundError('No such account.');
    if (!(await argon2.verify(row.passwordHash, currentPassword).catch(() => false))) {
      await this.auth.throttle.fail(me.email, ip);
      throw new UnprocessableError('The current password is wrong.', { field: 'currentPassword' });
    }
    if (newPassword === currentPassword) throw new UnprocessableError('The new password must differ from the current one.', { field: 'newPassword' });
    const hash = await this.auth.hashPassword(newPassword);
    return this.stores.pg.tx(async (tx) => {
      await tx.one(pgSetPassword, { id: me.id, password_hash: hash, must_change: false });
      const ended = await tx.exec(pgDeleteOtherSessions, { account_id: me.id, keep_id_hash: session.idHash });
      await audit(tx, actorOf(req, me), 'account.password_changed', 'account', String(me.id), null, { otherSessionsEnded: ended });
      return { otherSessionsEnded: ended };
    });
  }

  /** An admin (or the CLI) sets a one-time password: every session of the account ends; the next sign-in must choose a new one. */
  async reset(actor: Actor, id: number): Promise<{ email: string; oneTimePassword: string; sessionsEnded: number }> {
    if (actor.id !== null && actor.id === Number(id)) {
      throw new UnprocessableError('Change your own password from your account page (it needs your current password).');
    }
    const oneTimePassword = randomBytes(12).toString('base64url');
    const hash = await this.auth.hashPassword(oneTimePassword);
    return this.stores.pg.tx(async (tx) => {
      const row = await tx.one(pgSetPassword, { id, password_hash: hash, must_change: true });
      if (!row) throw new NotFoundError('No such account.');
      const ended = await tx.exec(pgDeleteAccountSessions, { account_id: id });
      await audit(tx, actor, 'account.password_reset', 'account', String(id), null, { sessionsEnded: ended });
      return { email: row.email, oneTimePassword, sessionsEnded: ended };
    });
  }

  async resetByEmail(actor: Actor, email: string) {
    const row = await this.stores.pg.one(pgFindAccountByEmail, { email: email.trim() });
    if (!row) throw new NotFoundError(`No account has the email ${email.trim()}.`);
    return this.reset(actor, Number(row.id));
  }
}
