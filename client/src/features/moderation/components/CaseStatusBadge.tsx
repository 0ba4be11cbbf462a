import { StatusBadge, type StatusTone } from '../../../components/StatusBadge';
import { STATUS_LABEL, type CaseStatus } from '../api/moderationApi';

const TONE: Record<CaseStatus, StatusTone> = { open: 'info', in_review: 'neutral', escalated: 'warning', resolved: 'ok' };

/** A case's status, as the queue and the case page show it. */
export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  return <StatusBadge tone={TONE[status]}>{STATUS_LABEL[status]}</StatusBadge>;
}
