import { useCallback } from 'react';
import { useRequest } from '../../../lib/useRequest';
import { fetchSchedules } from '../api/campaignsApi';

/** GET /api/report-schedules?campaignId= */
export function useReportSchedules(campaignId: string) {
  const request = useCallback((signal: AbortSignal) => fetchSchedules(campaignId, signal), [campaignId]);
  return useRequest(request);
}
