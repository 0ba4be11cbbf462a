import type { ReactNode } from 'react';

export type StatusTone = 'ok' | 'warning' | 'critical' | 'info' | 'neutral';

interface StatusBadgeProps {
  tone: StatusTone;
  /** The words carry the meaning ("OK", "DOWN"); the colour only repeats it. */
  children: ReactNode;
  title?: string;
}

export function StatusBadge({ tone, children, title }: StatusBadgeProps) {
  return (
    <span className={`badge badge--${tone}`} title={title}>
      <span className="badge__dot" aria-hidden="true" />
      {children}
    </span>
  );
}
