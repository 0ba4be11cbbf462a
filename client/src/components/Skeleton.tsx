import type { CSSProperties, ReactNode } from 'react';

interface SkeletonProps {
  width?: CSSProperties['width'];
  height?: CSSProperties['height'];
}

/** A grey placeholder block. Decorative: wrap groups in <LoadingRegion> so screen readers hear "Loading". */
export function Skeleton({ width = '100%', height = '0.9em' }: SkeletonProps) {
  return <span className="skeleton" style={{ width, height }} aria-hidden="true" />;
}

export function SkeletonLines({ lines = 3 }: { lines?: number }) {
  return (
    <span className="skeleton-lines" aria-hidden="true">
      {Array.from({ length: lines }, (_, index) => (
        <Skeleton key={index} width={index === lines - 1 ? '60%' : '100%'} />
      ))}
    </span>
  );
}

interface LoadingRegionProps {
  label: string;
  children: ReactNode;
}

export function LoadingRegion({ label, children }: LoadingRegionProps) {
  return (
    <div role="status" aria-busy="true" className="loading-region">
      <span className="visually-hidden">{label}</span>
      {children}
    </div>
  );
}
