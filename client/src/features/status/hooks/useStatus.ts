import { usePolledRequest } from '../../../lib/usePolledRequest';
import { fetchStatus } from '../api/statusApi';
import { STATUS_REFRESH_MS } from './useHealth';

export function useStatus() {
  return usePolledRequest(fetchStatus, STATUS_REFRESH_MS);
}
