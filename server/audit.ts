// The append-only audit log, written by every feature that changes content or access (accounts,
// keys, moderation decisions, alert acknowledgements, silences, rule edits) inside the same
// transaction as the change. Reading it is the admin routes' (features/auth).
import type { Request } from 'express';
import { pgQuery } from './db/index.js';
import type { PgRunner } from './db/stores.js';
import type { Account } from '../contract/auth.js';

/** Who did it and from where: the request id and ip of every audit row. */
export interface Actor {
  id: number | null;
  email: string | null;
  requestId: string | null;
  ip: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, email: 'system', requestId: null, ip: null };

export function actorOf(req: Request, account?: Account): Actor {
  return { id: account?.id ?? null, email: account?.email ?? null, requestId: (req as { id?: string }).id ?? null, ip: req.ip ?? null };
}

const pgInsertAudit = pgQuery('admin/insert_audit');

/** Appends one audit row with `db`: pass the transaction of the change so both commit or neither. */
export async function audit(
  db: PgRunner,
  actor: Actor,
  action: string,
  targetType: string | null,
  targetId: string | null,
  before: unknown,
  after: unknown,
): Promise<void> {
  await db.exec(pgInsertAudit, {
    actor_id: actor.id,
    actor_email: actor.email,
    action,
    target_type: targetType,
    target_id: targetId,
    before: before ?? null,
    after: after ?? null,
    request_id: actor.requestId,
    ip: actor.ip,
  });
}
