import { formatDuration } from '../../../lib/format';

/** Who holds the case and for how much longer; "You" when it is the viewer. */
export function LeaseBadge({
  assigneeId,
  assigneeEmail,
  claimExpiresAt,
  meId,
  now,
}: {
  assigneeId: number | null;
  assigneeEmail: string | null;
  claimExpiresAt: string | null;
  meId: number;
  now: Date;
}) {
  if (assigneeId === null || !claimExpiresAt) return <span className="muted">Unclaimed</span>;
  const left = (Date.parse(claimExpiresAt) - now.getTime()) / 1000;
  if (left <= 0) return <span className="muted">Lease expired</span>;
  const mine = assigneeId === meId;
  return (
    <span className={mine ? 'lease lease--mine' : 'lease'} data-testid="lease">
      <span className="lease__who">{mine ? 'You' : (assigneeEmail ?? `#${assigneeId}`)}</span>
      <span className="lease__left">{formatDuration(left)} left</span>
    </span>
  );
}
