import { useState } from 'react';
import { ErrorState } from '../../../components/ErrorState';
import {
  ACCOUNT_REASON_LABEL,
  ACCOUNT_REASONS,
  ACTION_LABEL,
  type AccountActionKind,
  type AccountReason,
  type BulkAccountResult,
  type QueueItem,
} from '../api/moderationApi';
import { useBulkAccountAction } from '../hooks/useAccountAction';

const CHOICES: { value: string; kind: AccountActionKind; hours?: number; label: string }[] = [
  { value: 'warn', kind: 'warn', label: 'Warn' },
  { value: 'suspend-72', kind: 'suspend', hours: 72, label: 'Suspend 3 days' },
  { value: 'suspend-168', kind: 'suspend', hours: 168, label: 'Suspend 7 days' },
  { value: 'ban', kind: 'ban', label: 'Ban' },
  { value: 'lift', kind: 'lift', label: 'Lift restrictions' },
];

/** One account action on the creators of the selected cases (each creator once); answered per account. */
export function BulkAccountBar({ selected, onDone }: { selected: QueueItem[]; onDone: () => void }) {
  const [choice, setChoice] = useState('warn');
  const [reason, setReason] = useState<AccountReason>('repeat_violations');
  const [result, setResult] = useState<BulkAccountResult | undefined>(undefined);
  const bulk = useBulkAccountAction();
  const creators = [...new Set(selected.map((s) => s.creatorId))];
  const picked = CHOICES.find((c) => c.value === choice)!;

  const apply = async () => {
    const out = await bulk.run(creators.map((userId) => ({ userId, action: picked.kind, reason, durationHours: picked.hours, subject: 'creator' as const })));
    if (out) {
      setResult(out);
      onDone();
    }
  };
  if (selected.length === 0 && !result) return null;
  return (
    <div className="bulk-bar" data-testid="bulk-account-bar">
      {selected.length > 0 && (
        <div className="bulk-bar__row">
          <strong>
            {creators.length} creator{creators.length === 1 ? '' : 's'}
          </strong>
          <label className="visually-hidden" htmlFor="bulk-account-action">
            Account action
          </label>
          <select id="bulk-account-action" className="select select--compact" value={choice} onChange={(e) => setChoice(e.target.value)}>
            {CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
          <label className="visually-hidden" htmlFor="bulk-account-reason">
            Grounds for the account action
          </label>
          <select id="bulk-account-reason" className="select select--compact" value={reason} onChange={(e) => setReason(e.target.value as AccountReason)}>
            {ACCOUNT_REASONS.map((r) => (
              <option key={r} value={r}>
                {ACCOUNT_REASON_LABEL[r]}
              </option>
            ))}
          </select>
          <button
            type="button"
            className={picked.kind === 'warn' || picked.kind === 'lift' ? 'button' : 'button button--danger'}
            onClick={apply}
            disabled={bulk.isPending}
          >
            {bulk.isPending ? 'Applying…' : `${ACTION_LABEL[picked.kind]} ${creators.length} creator${creators.length === 1 ? '' : 's'}`}
          </button>
        </div>
      )}
      {bulk.error && <ErrorState compact title="The account actions failed" error={bulk.error} />}
      {result && (
        <div className="bulk-result" role="status" data-testid="bulk-account-result">
          <p>
            <span>
              <strong>{result.done}</strong> accounts acted on, <strong>{result.failed}</strong> not.
            </span>
            <button type="button" className="button button--small button--ghost" onClick={() => setResult(undefined)}>
              Dismiss
            </button>
          </p>
          {result.failed > 0 && (
            <ul className="bulk-result__list">
              {result.results
                .filter((r) => !r.ok)
                .map((r) => (
                  <li key={r.userId}>
                    User {r.userId}: {r.error?.message} <span className="muted mono">({r.status})</span>
                  </li>
                ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
