import { usePolledRequest } from '../../../lib/usePolledRequest';
import { fetchHealth } from '../api/statusApi';

export const STATUS_REFRESH_MS = 10_000;

export function useHealth() {
  return usePolledRequest(fetchHealth, STATUS_REFRESH_MS);
}
