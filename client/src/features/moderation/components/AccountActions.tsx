import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { formatDateTimeInZone } from '../../../lib/format';
import {
  ACCOUNT_ACTIONS,
  ACCOUNT_REASON_LABEL,
  ACCOUNT_REASONS,
  ACTION_LABEL,
  type AccountAction,
  type AccountActionKind,
  type AccountReason,
  type AccountSubject,
} from '../api/moderationApi';
import { useAccountAction } from '../hooks/useAccountAction';

const DURATIONS: [number, string][] = [
  [24, '1 day'],
  [72, '3 days'],
  [168, '7 days'],
  [720, '30 days'],
];
const LIFT_REASONS: AccountReason[] = ['appeal_granted', 'mistake', 'served'];
/** What the form takes (a lift is taken from the list of what is in force). */
type Kind = Exclude<AccountActionKind, 'lift'>;
const KINDS = ACCOUNT_ACTIONS.filter((k): k is Kind => k !== 'lift');

/**
 * Warn, suspend or ban an account with a policy reason and a note, and lift what is in force.
 * Every action is a new row on the server (a lift too), audited; `onDone` reloads the page.
 */
export function AccountActionForm({
  userId,
  username,
  caseId,
  subject,
  live,
  timezone,
  onDone,
}: {
  userId: number;
  timezone: string;
  username: string;
  caseId?: number;
  subject?: AccountSubject;
  /** The restrictions in force (bans, running suspensions), to lift. */
  live: AccountAction[];
  onDone: (message: string) => void;
}) {
  const act = useAccountAction(userId);
  const [kind, setKind] = useState<Kind>('warn');
  const [hours, setHours] = useState(72);
  const [reason, setReason] = useState<AccountReason | ''>('');
  const [note, setNote] = useState('');
  const [liftReason, setLiftReason] = useState<AccountReason>('appeal_granted');
  const idBase = `account-${userId}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason) return;
    const out = await act.run({ action: kind, reason, note: note || undefined, durationHours: kind === 'suspend' ? hours : undefined, caseId, subject });
    if (out) {
      setNote('');
      setReason('');
      const hidden = out.actions[0]?.hiddenVideos ? ` (${out.actions[0].hiddenVideos} videos hidden)` : '';
      onDone(`${ACTION_LABEL[kind]} recorded on @${username}${hidden}.`);
    }
  };
  const lift = async (a: AccountAction) => {
    const out = await act.run({ action: 'lift', reason: liftReason, liftsActionId: a.id, caseId, subject });
    if (out) {
      const restored = out.actions[0]?.restoredVideos ? ` (${out.actions[0].restoredVideos} videos visible again)` : '';
      onDone(`${ACTION_LABEL[a.kind]} #${a.id} lifted${restored}.`);
    }
  };

  return (
    <div className="account-actions" data-testid={`account-actions-${userId}`}>
      {live.length > 0 && (
        <div className="account-actions__live">
          <p className="field__label">In force</p>
          <ul className="history">
            {live.map((a) => (
              <li key={a.id} className="history__item account-actions__live-row">
                <span>
                  <strong>{ACTION_LABEL[a.kind]}</strong> #{a.id} · {ACCOUNT_REASON_LABEL[a.policyReason] ?? a.policyReason}
                  {a.endsAt && <span className="muted"> · until {formatDateTimeInZone(a.endsAt, timezone)}</span>}
                </span>
                <button type="button" className="button button--small" onClick={() => lift(a)} disabled={act.isPending} data-testid={`lift-${a.id}`}>
                  Lift
                </button>
              </li>
            ))}
          </ul>
          <label className="field__label" htmlFor={`${idBase}-lift-reason`}>
            Reason for lifting
          </label>
          <select
            id={`${idBase}-lift-reason`}
            className="select select--compact"
            value={liftReason}
            onChange={(e) => setLiftReason(e.target.value as AccountReason)}
          >
            {LIFT_REASONS.map((r) => (
              <option key={r} value={r}>
                {ACCOUNT_REASON_LABEL[r]}
              </option>
            ))}
          </select>
        </div>
      )}
      <form className="form" onSubmit={submit} aria-label={`Act on @${username}`}>
        <fieldset className="fieldset" disabled={act.isPending}>
          <legend className="field__label">Action on @{username}</legend>
          <div className="outcomes" role="radiogroup" aria-label="Account action">
            {KINDS.map((k) => (
              <label key={k} className={kind === k ? `outcome outcome--${k === 'ban' ? 'remove' : 'dismiss'} is-checked` : 'outcome'}>
                <input type="radio" name={`${idBase}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
                {ACTION_LABEL[k]}
              </label>
            ))}
          </div>
          {kind === 'suspend' && (
            <div className="field">
              <label className="field__label" htmlFor={`${idBase}-duration`}>
                Suspend for
              </label>
              <select id={`${idBase}-duration`} className="select" value={hours} onChange={(e) => setHours(Number(e.target.value))}>
                {DURATIONS.map(([h, label]) => (
                  <option key={h} value={h}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label className="field__label" htmlFor={`${idBase}-reason`}>
              Grounds for the account action
            </label>
            <select id={`${idBase}-reason`} className="select" value={reason} onChange={(e) => setReason(e.target.value as AccountReason)}>
              <option value="">Choose…</option>
              {ACCOUNT_REASONS.filter((r) => !LIFT_REASONS.includes(r)).map((r) => (
                <option key={r} value={r}>
                  {ACCOUNT_REASON_LABEL[r]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${idBase}-note`}>
              Account note (optional)
            </label>
            <textarea id={`${idBase}-note`} className="input" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          {kind === 'ban' && <p className="muted">A ban hides every video of this account; lifting it gives them back.</p>}
          {act.error && <ErrorState compact title="The account action was not recorded" error={act.error} />}
          <button
            type="submit"
            className={kind === 'warn' ? 'button button--primary' : 'button button--danger'}
            disabled={!reason || act.isPending}
            data-testid="account-action-submit"
          >
            {act.isPending ? 'Recording…' : `${ACTION_LABEL[kind]} @${username}`}
          </button>
        </fieldset>
      </form>
    </div>
  );
}

/** Account actions over time, newest first: who, why, until when, lifted by which row. */
export function AccountActionList({
  actions,
  timezone,
  showUser = false,
}: {
  actions: (AccountAction & { username?: string })[];
  timezone: string;
  showUser?: boolean;
}) {
  if (actions.length === 0) return <EmptyState>No account action yet.</EmptyState>;
  return (
    <ol className="history" data-testid="account-action-list">
      {actions.map((a) => (
        <li key={a.id} className="history__item">
          <p>
            <strong>{ACTION_LABEL[a.kind]}</strong>
            {a.liftsActionId && <span> #{a.liftsActionId}</span>} · {ACCOUNT_REASON_LABEL[a.policyReason] ?? a.policyReason}
            {showUser && a.username && (
              <>
                {' '}
                · <Link to={`/users/${a.userId}`}>@{a.username}</Link>
              </>
            )}
            <span className="muted"> · as {a.subject}</span>
            {a.live && <span className="text-warning"> · in force</span>}
          </p>
          <p className="muted">
            #{a.id} by {a.actorEmail ?? 'system'} · <time dateTime={a.createdAt}>{formatDateTimeInZone(a.createdAt, timezone)}</time>
            {a.endsAt && <> · until {formatDateTimeInZone(a.endsAt, timezone)}</>}
            {a.caseId && (
              <>
                {' '}
                · <Link to={`/moderation/cases/${a.caseId}`}>case {a.caseId}</Link>
              </>
            )}
            {a.hiddenVideos ? <> · {a.hiddenVideos} videos hidden</> : null}
            {a.liftedById && <> · lifted by #{a.liftedById}</>}
          </p>
          {a.note && <p className="history__note">“{a.note}”</p>}
        </li>
      ))}
    </ol>
  );
}
