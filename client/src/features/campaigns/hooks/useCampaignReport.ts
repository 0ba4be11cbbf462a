import { useApiQuery } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { fetchCampaignReport, type Breakdown, type ReportRange } from '../api/campaignsApi';

/**
 * GET /api/campaigns/:id/report for a range of local dates (the server's default week when
 * undefined). The previous range's report stays on screen while a new range loads.
 */
export function useCampaignReport(id: string, range: ReportRange | undefined, breakdown: Breakdown) {
  const from = range?.from;
  const to = range?.to;
  return useApiQuery({
    key: queryKeys.campaignReport(id, from, to, breakdown),
    fetch: (signal) => fetchCampaignReport(id, from && to ? { from, to } : undefined, breakdown, signal),
    keepPrevious: true,
  });
}
