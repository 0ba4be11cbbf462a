import { StatusBadge, type StatusTone } from '../../../components/StatusBadge';
import type { AlertState, Labels, Severity } from '../api/alertingApi';

// Indexed by what the server sends; every value of the contract's enums has its tone (the typecheck says so).
const STATE_TONE: Readonly<Record<string, StatusTone | undefined>> = {
  firing: 'critical',
  recovering: 'warning',
  pending: 'warning',
  normal: 'ok',
} satisfies Record<AlertState, StatusTone>;
const SEVERITY_TONE: Readonly<Record<string, StatusTone | undefined>> = {
  critical: 'critical',
  warning: 'warning',
  info: 'info',
} satisfies Record<Severity, StatusTone>;

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
