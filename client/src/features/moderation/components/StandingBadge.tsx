import { StatusBadge } from '../../../components/StatusBadge';
import { formatDateTimeInZone } from '../../../lib/format';
import type { Standing } from '../api/moderationApi';

/** An account's standing: banned, suspended (until when) or, when `showActive`, active. */
export function StandingBadge({
  standing,
  timezone,
  showActive = false,
}: {
  standing: Standing | { status: Exclude<Standing['status'], 'active'>; suspendedUntil?: string | null } | null;
  timezone?: string;
  showActive?: boolean;
}) {
  if (!standing || standing.status === 'active') return showActive ? <StatusBadge tone="ok">Active</StatusBadge> : null;
  if (standing.status === 'banned') return <StatusBadge tone="critical">Banned</StatusBadge>;
  const until = standing.suspendedUntil && timezone ? ` until ${formatDateTimeInZone(standing.suspendedUntil, timezone)}` : '';
  return <StatusBadge tone="warning">{`Suspended${until}`}</StatusBadge>;
}
