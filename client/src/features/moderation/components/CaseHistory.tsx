import { EmptyState } from '../../../components/EmptyState';
import { formatDateTimeInZone } from '../../../lib/format';
import { OUTCOME_LABEL, REASON_LABEL, type CaseDetail, type Visibility } from '../api/moderationApi';

const VIS: Readonly<Record<string, string | undefined>> = {
  public: 'public',
  private: 'private',
  age_restricted: 'age-restricted',
  removed: 'removed',
} satisfies Record<Visibility, string>;

/** This case's decisions, oldest first: append-only, a reversal points at what it reverses. */
export function CaseHistory({ history, timezone }: { history: CaseDetail['history']; timezone: string }) {
  if (history.length === 0) return <EmptyState>No decision yet.</EmptyState>;
  return (
    <ol className="history" data-testid="case-history">
      {history.map((d) => (
        <li key={d.id} className="history__item">
          <p>
            <strong>{OUTCOME_LABEL[d.outcome]}</strong> · {REASON_LABEL[d.policyReason] ?? d.policyReason}
            {d.reversesDecisionId && <span className="muted"> · reverses #{d.reversesDecisionId}</span>}
            {d.bulkBatchId && <span className="muted"> · bulk</span>}
          </p>
          <p className="muted">
            #{d.id} by {d.reviewerEmail ?? `account ${d.reviewerId}`} · <time dateTime={d.decidedAt}>{formatDateTimeInZone(d.decidedAt, timezone)}</time>
          </p>
          <p className="muted">
            video {VIS[d.stateBefore.visibility] ?? d.stateBefore.visibility} → {VIS[d.stateAfter.visibility] ?? d.stateAfter.visibility}; case{' '}
            {d.stateBefore.caseStatus} → {d.stateAfter.caseStatus}
          </p>
          {d.note && <p className="history__note">“{d.note}”</p>}
        </li>
      ))}
    </ol>
  );
}

export function CreatorHistory({ items, timezone }: { items: CaseDetail['creatorHistory']; timezone: string }) {
  if (items.length === 0) return <EmptyState>No earlier decision on this creator’s videos.</EmptyState>;
  return (
    <ul className="history" data-testid="creator-history">
      {items.map((d) => (
        <li key={d.id} className="history__item">
          <p>
            <strong>{OUTCOME_LABEL[d.outcome]}</strong> · {REASON_LABEL[d.policyReason] ?? d.policyReason}
            {d.reversesDecisionId && <span className="muted"> · reversal</span>}
          </p>
          <p className="muted">
            {d.title || `video ${d.videoId}`} · case {d.caseId} · <time dateTime={d.decidedAt}>{formatDateTimeInZone(d.decidedAt, timezone)}</time>
          </p>
        </li>
      ))}
    </ul>
  );
}
