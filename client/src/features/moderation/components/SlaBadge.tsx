import { StatusBadge } from '../../../components/StatusBadge';
import { formatDuration } from '../../../lib/format';

/** Breached (past due), due within the hour, or due later; resolved cases say whether they were late. */
export function SlaBadge({ dueAt, resolvedAt, now }: { dueAt: string; resolvedAt?: string | null; now: Date }) {
  const due = Date.parse(dueAt);
  if (resolvedAt) {
    const late = Date.parse(resolvedAt) > due;
    return <StatusBadge tone={late ? 'warning' : 'ok'}>{late ? 'Resolved late' : 'Met'}</StatusBadge>;
  }
  const left = (due - now.getTime()) / 1000;
  if (left < 0)
    return (
      <StatusBadge tone="critical" title={`Due ${new Date(due).toISOString()}`}>
        Breached {formatDuration(-left)}
      </StatusBadge>
    );
  if (left < 3600)
    return (
      <StatusBadge tone="warning" title={`Due ${new Date(due).toISOString()}`}>
        Due in {formatDuration(left)}
      </StatusBadge>
    );
  return (
    <StatusBadge tone="ok" title={`Due ${new Date(due).toISOString()}`}>
      Due in {formatDuration(left)}
    </StatusBadge>
  );
}
