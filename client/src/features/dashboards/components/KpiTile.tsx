import { formatNumber } from '../../../lib/format';
import type { KpiTileData, SparkPoint } from '../api/dashboardsApi';
import { formatChange, formatMoney, formatMs, formatPercent, majorUnits, METRIC_LABELS } from './format';
import { Sparkline } from './Sparkline';

/** Lower is better for these: a rise is shown as bad. */
const LOWER_IS_BETTER = new Set(['openCases', 'latencyP95', 'alertsFiring']);

function formatValue(t: KpiTileData, which: 'value' | 'previous'): string {
  if (t.metric === 'revenue') return formatMoney(t[which], t.currency);
  const value = t[which];
  switch (t.metric) {
    case 'engagementRate':
      return formatPercent(value, 2);
    case 'avgWatchMs':
    case 'latencyP95':
      return formatMs(value);
    default:
      return formatNumber(value);
  }
}

/** The sparkline's points: revenue's digit strings as a Number of major units (a chart needs no more). */
function sparkPoints(t: KpiTileData): SparkPoint[] {
  if (t.metric !== 'revenue') return t.sparkline;
  const currency = t.currency;
  return currency ? t.sparkline.map((p) => ({ at: p.at, value: majorUnits(p.value, currency) })) : [];
}

export function KpiTile({ tile }: { tile: KpiTileData }) {
  const label = METRIC_LABELS[tile.metric] ?? tile.metric;
  const change = tile.changePct;
  const good = change === null || change === 0 ? 'neutral' : change > 0 !== LOWER_IS_BETTER.has(tile.metric) ? 'good' : 'bad';
  return (
    <div className="kpi" data-testid={`kpi-${tile.metric}`}>
      <div className="kpi__label">{label}</div>
      <div className="kpi__value" data-testid={`kpi-${tile.metric}-value`}>
        {formatValue(tile, 'value')}
      </div>
      <div className="kpi__change">
        <span className={`kpi__delta kpi__delta--${good}`}>{formatChange(change)}</span>
        <span className="muted"> vs previous ({formatValue(tile, 'previous')})</span>
      </div>
      {tile.metric === 'revenue' && tile.otherCurrencies ? (
        <div className="muted">
          + {tile.otherCurrencies} other {tile.otherCurrencies === 1 ? 'currency' : 'currencies'} (see Revenue)
        </div>
      ) : null}
      <Sparkline points={sparkPoints(tile)} label={label} />
    </div>
  );
}
