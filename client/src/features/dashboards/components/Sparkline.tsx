import type { SparkPoint } from '../api/dashboardsApi';

/** A tiny line of the tile's metric over the window (null points are gaps). */
export function Sparkline({ points, label }: { points: SparkPoint[]; label: string }) {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length < 2) return <div className="sparkline sparkline--empty" aria-hidden="true" />;
  const w = 160;
  const h = 36;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const step = points.length > 1 ? w / (points.length - 1) : w;
  const segments: string[] = [];
  let current = '';
  points.forEach((p, i) => {
    if (p.value === null || !Number.isFinite(p.value)) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    const x = (i * step).toFixed(1);
    const y = (h - 2 - ((p.value - min) / span) * (h - 4)).toFixed(1);
    current += `${current ? ' L' : 'M'}${x},${y}`;
  });
  if (current) segments.push(current);
  return (
    <svg className="sparkline" viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" role="img" aria-label={`${label} over the window`}>
      {segments.map((d, i) => (
        <path key={i} d={d} fill="none" stroke="currentColor" strokeWidth="1.5" vectorEffect="non-scaling-stroke" />
      ))}
    </svg>
  );
}
