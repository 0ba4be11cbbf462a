// Account actions (docs/moderation.md#account-actions): warn, suspend for a duration, ban and
// lift, on the creator of reported videos or on a reporter who abuses reporting. Each is one
// appended account_actions row and one audit row in one transaction with the user's row locked;
// lifting is a new row pointing at what it lifts (never an edit). A ban hides the user's videos
// and its lift gives them back; warnings and suspensions leave content alone.
import { pgQuery, type Stores } from '../../db/index.js';
import type { PgRunner } from '../../db/stores.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../../http/errors.js';
import type { Account } from '../../../contract/auth.js';
import { audit, type Actor } from '../../audit.js';
import { eachOfBatch, standingOf, type ACCOUNT_REASONS, type AccountActionKind, type AccountSubject } from './moderation.model.js';

export interface AccountActionInput {
  action: AccountActionKind;
  reason: (typeof ACCOUNT_REASONS)[number];
  note?: string;
  /** Suspensions only: how long, in hours. */
  durationHours?: number;
  /** Lifts: the action lifted; absent, every restriction in force (bans, suspensions) is lifted. */
  liftsActionId?: number;
  /** The case the action is taken on; the user must be its creator or one of its reporters. */
  caseId?: number;
  /** The user's part; with a case it is checked against the case, without one it defaults to creator. */
  subject?: AccountSubject;
}

const pgLockUser = pgQuery('moderation/lock_user').returns<{
  id: string;
  role: string;
  platformStatus: string;
  banned: boolean;
  suspendedUntil: Date | null;
}>();
const pgFindAccountAction = pgQuery('moderation/find_account_action').returns<{ id: string; kind: AccountActionKind; endsAt: Date | null; lifted: boolean }>();
const pgLiveRestrictions = pgQuery('moderation/live_restrictions').returns<{ id: string; kind: AccountActionKind }>();
const pgInsertAccountAction = pgQuery('moderation/insert_account_action').returns<{ id: string; createdAt: Date }>();
const pgBanHideVideos = pgQuery('moderation/ban_hide_videos').returns<{ id: string }>();
const pgBanRestoreVideos = pgQuery('moderation/ban_restore_videos').returns<{ id: string }>();
const pgCaseParties = pgQuery('moderation/case_parties').returns<{ isCreator: boolean; isReporter: boolean }>();

export class AccountActionsService {
  constructor(private readonly stores: Stores) {}

  /** One action in one transaction; answers the rows appended and the standing after. */
  async act(actor: Actor, me: Account, userId: number, input: AccountActionInput, batchId: string | null = null) {
    return this.stores.pg.tx(async (tx) => {
      const user = await tx.one(pgLockUser, { id: userId });
      if (!user) throw new NotFoundError(`No platform user ${userId}.`);
      const before = standingOf(user);
      const subject = await this.subjectOf(tx, userId, input);
      const base = {
        user_id: userId,
        subject,
        policy_reason: input.reason,
        note: input.note ?? '',
        case_id: input.caseId ?? null,
        actor_id: me.id,
        bulk_batch_id: batchId,
      };
      const appended: {
        id: number;
        kind: AccountActionKind;
        liftsActionId: number | null;
        endsAt: Date | null;
        createdAt: Date;
        hiddenVideos: number;
        restoredVideos: number;
      }[] = [];

      if (input.action === 'lift') {
        const targets =
          input.liftsActionId !== undefined ? [await this.liftable(tx, userId, input.liftsActionId)] : await tx.rows(pgLiveRestrictions, { user_id: userId });
        if (targets.length === 0) throw new ConflictError('Nothing to lift: the account has no ban or suspension in force.', { reason: 'nothing_to_lift' });
        for (const t of targets) {
          const row = (await tx.one(pgInsertAccountAction, { ...base, kind: 'lift', ends_at: null, lifts_action_id: Number(t.id) }))!;
          const restored = t.kind === 'ban' ? (await tx.rows(pgBanRestoreVideos, { ban_id: Number(t.id) })).length : 0;
          appended.push({
            id: Number(row.id),
            kind: 'lift',
            liftsActionId: Number(t.id),
            endsAt: null,
            createdAt: row.createdAt,
            hiddenVideos: 0,
            restoredVideos: restored,
          });
        }
      } else {
        if (input.action === 'ban' && before.status === 'banned') throw new ConflictError('The account is banned already.', { reason: 'already_banned' });
        if (input.action !== 'suspend' && input.durationHours !== undefined)
          throw new UnprocessableError('Only a suspension has a duration.', { field: 'durationHours' });
        if (input.action === 'suspend' && input.durationHours === undefined)
          throw new UnprocessableError('A suspension needs durationHours.', { field: 'durationHours' });
        if (input.liftsActionId !== undefined) throw new UnprocessableError('Only a lift names an action to lift.', { field: 'liftsActionId' });
        const endsAt = input.action === 'suspend' ? new Date(Date.now() + input.durationHours! * 3600_000) : null;
        const row = (await tx.one(pgInsertAccountAction, { ...base, kind: input.action, ends_at: endsAt, lifts_action_id: null }))!;
        const hidden = input.action === 'ban' ? (await tx.rows(pgBanHideVideos, { action_id: Number(row.id), user_id: userId })).length : 0;
        appended.push({
          id: Number(row.id),
          kind: input.action,
          liftsActionId: null,
          endsAt,
          createdAt: row.createdAt,
          hiddenVideos: hidden,
          restoredVideos: 0,
        });
      }

      const after = standingOf((await tx.one(pgLockUser, { id: userId }))!);
      for (const a of appended) {
        await audit(tx, actor, a.kind === 'lift' ? 'moderation.account_action_lifted' : 'moderation.account_action', 'platform_user', String(userId), before, {
          ...after,
          actionId: a.id,
          kind: a.kind,
          subject,
          policyReason: input.reason,
          note: base.note,
          caseId: base.case_id,
          endsAt: a.endsAt,
          liftsActionId: a.liftsActionId,
          hiddenVideos: a.hiddenVideos,
          restoredVideos: a.restoredVideos,
          bulkBatchId: batchId,
        });
      }
      return { userId, subject, actions: appended, standingBefore: before, standing: after };
    });
  }

  /** Each user in its own transaction with the rules of act(); the answer says what happened to each. */
  async actBulk(actor: Actor, me: Account, items: (AccountActionInput & { userId: number })[]) {
    const out = await eachOfBatch(
      items,
      (it) => it.userId,
      'User',
      (it, batchId) => this.act(actor, me, it.userId, it, batchId),
    );
    return { batchId: out.batchId, done: out.ok, failed: out.failed, results: out.results.map(({ key, ...r }) => ({ userId: key, ...r })) };
  }

  private async liftable(tx: PgRunner, userId: number, id: number) {
    const target = await tx.one(pgFindAccountAction, { id, user_id: userId });
    if (!target) throw new NotFoundError(`No account action ${id} on user ${userId}.`);
    if (target.kind === 'lift') throw new UnprocessableError('A lift cannot be lifted; take a new action instead.', { field: 'liftsActionId' });
    if (target.lifted) throw new ConflictError(`Account action ${id} was lifted already.`, { reason: 'lifted' });
    if (target.kind === 'suspend' && target.endsAt && new Date(target.endsAt).getTime() <= Date.now()) {
      throw new ConflictError(`The suspension ${id} is over already.`, { reason: 'over' });
    }
    return target;
  }

  /** The user's part in the action: checked against the case when there is one. */
  private async subjectOf(tx: PgRunner, userId: number, input: AccountActionInput): Promise<AccountSubject> {
    if (input.caseId === undefined) return input.subject ?? 'creator';
    const parties = await tx.one(pgCaseParties, { id: input.caseId, user_id: userId });
    if (!parties) throw new NotFoundError(`No case ${input.caseId}.`);
    const subject = input.subject ?? (parties.isCreator ? 'creator' : 'reporter');
    if ((subject === 'creator' && !parties.isCreator) || (subject === 'reporter' && !parties.isReporter)) {
      throw new UnprocessableError(`User ${userId} is not the ${subject} of case ${input.caseId}.`, { field: 'subject' });
    }
    return subject;
  }
}
