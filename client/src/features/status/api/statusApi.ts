import { ApiError, apiFetch, apiGet, toApiError } from '../../../lib/api';

import { type AdminStatus, type Health, type PublicStatus, zHealth, zStatus } from '../../../../../contract/system';

export type { EventStream as IngestStream } from '../../../../../contract/ingest';
export type {
  AppliedMigration,
  ClickHouseTable,
  DemoState as DemoLoad,
  Freshness as StreamFreshness,
  Health as HealthReport,
  PostgresTable,
  QueueStatus,
  StoreHealth,
  StoreMode,
} from '../../../../../contract/system';

/** GET /api/status: every field but the phase is absent for every role but admin. */
export type StatusReport = Partial<AdminStatus> & Partial<PublicStatus>;

const HEALTH_PATH = '/api/health';
const STATUS_PATH = '/api/status';

/** Names the first field that does not match the contract, so a drift reads as a clear message. */
function shapeProblem(schema: typeof zHealth | typeof zStatus, body: unknown): string | undefined {
  const parsed = schema.safeParse(body);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  return `${issue.path.join('.') || 'the body'}: ${issue.message}`;
}

/**
 * GET /api/health. The server answers 503 with the same report when a store is down or it is
 * still starting; that report is data to show, not a failure. Anything else that is not a
 * report (an error body, another status) is thrown as ApiError.
 */
export async function fetchHealth(signal: AbortSignal): Promise<Health> {
  const response = await apiFetch(HEALTH_PATH, { signal });
  if (response.status === 200 || response.status === 503) {
    const problem = shapeProblem(zHealth, response.body);
    if (problem === undefined) return response.body as Health;
    if (response.ok) {
      throw new ApiError(200, 'unexpected_response', `${HEALTH_PATH} answered with an unexpected shape (${problem}).`);
    }
  }
  throw toApiError(response, HEALTH_PATH);
}

/** GET /api/status: table sizes and migrations per store; an ApiError while the stores start. */
export async function fetchStatus(signal: AbortSignal): Promise<StatusReport> {
  const body = await apiGet<unknown>(STATUS_PATH, signal);
  const problem = shapeProblem(zStatus, body);
  if (problem !== undefined) {
    throw new ApiError(200, 'unexpected_response', `${STATUS_PATH} answered with an unexpected shape (${problem}).`);
  }
  return body as StatusReport;
}
