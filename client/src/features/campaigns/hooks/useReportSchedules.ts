import { useApiQuery } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { fetchSchedules } from '../api/campaignsApi';

/** GET /api/report-schedules?campaignId= */
export function useReportSchedules(campaignId: string) {
  return useApiQuery({ key: queryKeys.schedules(campaignId), fetch: (signal) => fetchSchedules(campaignId, signal) });
}
