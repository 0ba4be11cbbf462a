import { StatusBadge } from '../../../components/StatusBadge';
import type { CampaignStatus } from '../api/campaignsApi';

const TONE = { active: 'ok', paused: 'warning', ended: 'neutral' } as const;

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  return <StatusBadge tone={TONE[status]}>{status.toUpperCase()}</StatusBadge>;
}
