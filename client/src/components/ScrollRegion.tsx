import type { HTMLAttributes, ReactNode } from 'react';

interface ScrollRegionProps extends HTMLAttributes<HTMLDivElement> {
  /** The region's name for screen readers (the table's caption). */
  label: string;
  children: ReactNode;
}

/**
 * The scroll box around a table that may be wider than the screen: a named region that takes the
 * focus, so a keyboard user reaches the columns past the fold with the arrow keys (axe's
 * scrollable-region-focusable). Every table of the console sits in one.
 */
export function ScrollRegion({ label, className, children, ...rest }: ScrollRegionProps) {
  return (
    <div className={['data-table', className].filter(Boolean).join(' ')} role="region" aria-label={label} tabIndex={0} {...rest}>
      {children}
    </div>
  );
}
