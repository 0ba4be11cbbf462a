import { StatusBadge, type StatusTone } from '../../../components/StatusBadge';
import type { Labels } from '../api/alertingApi';

const STATE_TONE: Record<string, StatusTone> = { firing: 'critical', recovering: 'warning', pending: 'warning', normal: 'ok' };
const SEVERITY_TONE: Record<string, StatusTone> = { critical: 'critical', warning: 'warning', info: 'info' };

export function StateBadge({ state }: { state: string }) {
  return <StatusBadge tone={STATE_TONE[state] ?? 'neutral'}>{state.toUpperCase()}</StatusBadge>;
}

export function SeverityBadge({ severity }: { severity: string }) {
  return <StatusBadge tone={SEVERITY_TONE[severity] ?? 'neutral'}>{severity}</StatusBadge>;
}

/** Labels as compact key=value chips, without the ones every alert has. */
export function LabelList({ labels, hide = ['severity'] }: { labels: Labels; hide?: string[] }) {
  return (
    <span className="label-list">
      {Object.entries(labels)
        .filter(([k]) => !hide.includes(k))
        .map(([k, v]) => (
          <span key={k} className="label-chip mono">
            {k}={v}
          </span>
        ))}
    </span>
  );
}

export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return Math.abs(v) < 10 ? v.toFixed(3) : v.toFixed(1);
}
