import { StatusBadge, type StatusTone } from '../../../components/StatusBadge';
import type { CampaignStatus } from '../api/campaignsApi';

const TONE: Record<CampaignStatus, StatusTone> = { active: 'ok', paused: 'warning', ended: 'neutral' };

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  return <StatusBadge tone={TONE[status]}>{status.toUpperCase()}</StatusBadge>;
}
