import { forwardRef, type FormEvent } from 'react';
import { ErrorState } from '../../../components/ErrorState';
import type { ApiError } from '../../../lib/api';
import { OUTCOME_LABEL, OUTCOMES, POLICY_REASONS, REASON_LABEL, type Outcome, type PolicyReason } from '../api/moderationApi';

export interface DecisionDraft {
  outcome: Outcome | undefined;
  reason: PolicyReason | '';
  note: string;
}

const KEY: Record<Outcome, string> = { dismiss: 'd', remove: 'r', age_restrict: 'a', escalate: 'e' };

interface DecisionFormProps {
  draft: DecisionDraft;
  onChange: (draft: DecisionDraft) => void;
  onSubmit: () => void;
  pending: boolean;
  error: ApiError | undefined;
  /** Set when the case is resolved: the form reverses this decision. */
  reversing?: number;
  /** Escalated cases are decided by admins only. */
  disabledReason?: string;
}

export const DecisionForm = forwardRef<HTMLSelectElement, DecisionFormProps>(function DecisionForm(
  { draft, onChange, onSubmit, pending, error, reversing, disabledReason },
  reasonRef,
) {
  const outcomes = reversing ? OUTCOMES.filter((o) => o !== 'escalate') : OUTCOMES;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  const missing = !draft.outcome ? 'Choose an outcome.' : !draft.reason ? 'Choose the policy reason.' : undefined;
  return (
    <form className="form decision-form" onSubmit={submit} data-testid="decision-form" aria-describedby="decision-help">
      {reversing && (
        <p className="banner banner--warning">
          This case is resolved. A new decision here <strong>reverses decision #{reversing}</strong>; both stay in the history and the audit log.
        </p>
      )}
      {disabledReason && <p className="banner banner--info">{disabledReason}</p>}
      <fieldset className="fieldset" disabled={!!disabledReason || pending}>
        <legend className="field__label">Outcome</legend>
        <div className="outcomes" role="radiogroup" aria-label="Outcome">
          {outcomes.map((o) => (
            <label key={o} className={draft.outcome === o ? `outcome outcome--${o} is-checked` : `outcome outcome--${o}`}>
              <input type="radio" name="outcome" value={o} checked={draft.outcome === o} onChange={() => onChange({ ...draft, outcome: o })} />
              {OUTCOME_LABEL[o]} <kbd>{KEY[o]}</kbd>
            </label>
          ))}
        </div>
        <div className="field">
          <label className="field__label" htmlFor="decision-reason">
            Policy reason
          </label>
          <select
            id="decision-reason"
            ref={reasonRef}
            className="select"
            value={draft.reason}
            onChange={(e) => onChange({ ...draft, reason: e.target.value as PolicyReason })}
          >
            <option value="">Choose…</option>
            {POLICY_REASONS.map((r) => (
              <option key={r} value={r}>
                {REASON_LABEL[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="decision-note">
            Internal note (optional)
          </label>
          <textarea
            id="decision-note"
            className="input"
            rows={3}
            maxLength={2000}
            value={draft.note}
            onChange={(e) => onChange({ ...draft, note: e.target.value })}
          />
        </div>
        {error && <ErrorState compact title="The decision was not recorded" error={error} />}
        <button
          type="submit"
          className={draft.outcome === 'remove' ? 'button button--danger' : 'button button--primary'}
          disabled={!!missing || pending}
          title={missing}
          data-testid="decision-submit"
        >
          {pending ? 'Recording…' : draft.outcome ? `${OUTCOME_LABEL[draft.outcome]} this video` : 'Record decision'}
        </button>
      </fieldset>
    </form>
  );
});
