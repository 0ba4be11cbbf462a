import { useState } from 'react';
import { ErrorState } from '../../../components/ErrorState';
import { OUTCOME_LABEL, OUTCOMES, POLICY_REASONS, REASON_LABEL, type BulkResult, type Outcome, type PolicyReason, type QueueItem } from '../api/moderationApi';
import { useBulkDecision } from '../hooks/useBulkDecision';

/** The same decision over the selected cases; the server answers per case and so does this bar. */
export function BulkDecisionBar({ selected, onDone }: { selected: QueueItem[]; onDone: () => void }) {
  const [outcome, setOutcome] = useState<Outcome>('dismiss');
  const [reason, setReason] = useState<PolicyReason>('no_violation');
  const [result, setResult] = useState<BulkResult | undefined>(undefined);
  const bulk = useBulkDecision();

  const apply = async () => {
    const out = await bulk.run(selected.map((item) => ({ caseId: item.caseId, version: item.version, outcome, reason })));
    if (out) {
      setResult(out);
      onDone();
    }
  };

  return (
    <div className="bulk-bar" data-testid="bulk-bar">
      {selected.length > 0 && (
        <div className="bulk-bar__row">
          <strong>{selected.length} selected</strong>
          <label className="visually-hidden" htmlFor="bulk-outcome">
            Outcome
          </label>
          <select id="bulk-outcome" className="select select--compact" value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABEL[o]}
              </option>
            ))}
          </select>
          <label className="visually-hidden" htmlFor="bulk-reason">
            Policy reason
          </label>
          <select id="bulk-reason" className="select select--compact" value={reason} onChange={(e) => setReason(e.target.value as PolicyReason)}>
            {POLICY_REASONS.map((r) => (
              <option key={r} value={r}>
                {REASON_LABEL[r]}
              </option>
            ))}
          </select>
          <button type="button" className={outcome === 'remove' ? 'button button--danger' : 'button button--primary'} onClick={apply} disabled={bulk.isPending}>
            {bulk.isPending ? 'Applying…' : `${OUTCOME_LABEL[outcome]} ${selected.length} case${selected.length === 1 ? '' : 's'}`}
          </button>
        </div>
      )}
      {bulk.error && <ErrorState compact title="The bulk decision failed" error={bulk.error} />}
      {result && (
        <div className="bulk-result" role="status" data-testid="bulk-result">
          <p>
            <span>
              <strong>{result.decided}</strong> decided, <strong>{result.failed}</strong> not decided.
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
                  <li key={r.caseId}>
                    Case {r.caseId}: {r.error?.message} <span className="muted mono">({r.status})</span>
                  </li>
                ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
