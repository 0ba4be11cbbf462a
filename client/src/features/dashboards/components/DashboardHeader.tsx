import type { ReactNode } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import type { DashboardControls as Controls } from '../hooks/useDashboardControls';
import { DashboardControls } from './DashboardControls';
import '../dashboards.css';

/** Title, description (with the timezone the page is shown in) and the shared controls. */
export function DashboardHeader({
  title,
  description,
  controls,
  isFetching,
}: {
  title: string;
  description: ReactNode;
  controls: Controls;
  isFetching?: boolean;
}) {
  return (
    <>
      <PageHeader
        title={title}
        description={
          <>
            {description} Times and days are in <strong data-testid="dashboard-tz">{controls.tz}</strong>.
          </>
        }
      />
      <DashboardControls controls={controls} isFetching={isFetching} />
    </>
  );
}
