import { useCallback } from 'react';
import { useRequest } from '../../../lib/useRequest';
import { fetchCampaignReport, type Breakdown, type ReportRange } from '../api/campaignsApi';

/** GET /api/campaigns/:id/report for a range of local dates (the server's default week when undefined). */
export function useCampaignReport(id: string, range: ReportRange | undefined, breakdown: Breakdown) {
  const from = range?.from;
  const to = range?.to;
  const request = useCallback(
    (signal: AbortSignal) => fetchCampaignReport(id, from && to ? { from, to } : undefined, breakdown, signal),
    [id, from, to, breakdown],
  );
  return useRequest(request);
}
