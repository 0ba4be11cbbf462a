import { useCallback } from 'react';
import { useRequest } from '../../../lib/useRequest';
import { fetchCampaigns } from '../api/campaignsApi';

/** GET /api/campaigns, optionally one advertiser's. */
export function useCampaigns(advertiserId: number | undefined) {
  const request = useCallback((signal: AbortSignal) => fetchCampaigns(advertiserId, signal), [advertiserId]);
  return useRequest(request);
}
