import { useApiQuery } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { fetchCampaigns } from '../api/campaignsApi';

/** GET /api/campaigns, optionally one advertiser's. */
export function useCampaigns(advertiserId: number | undefined) {
  return useApiQuery({ key: queryKeys.campaigns(advertiserId), fetch: (signal) => fetchCampaigns(advertiserId, signal) });
}
