import { ApiError, apiFetch, apiGet, toApiError } from '../../../lib/api';

export type StoreMode = 'embedded' | 'external';
export type IngestStream = 'video-events' | 'ad-events' | 'request-metrics';

export interface StoreHealth {
  status: 'ok' | 'down';
  mode: StoreMode;
  latencyMs: number | null;
  error?: string;
}

export interface StreamFreshness {
  stream: IngestStream;
  newestAt: string | null;
  lagSeconds: number | null;
}

export interface DemoLoad {
  state: 'off' | 'loading' | 'done' | 'failed';
  step?: string;
  done?: number;
  total?: number;
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded' | 'starting';
  uptimeSeconds: number;
  postgres: StoreHealth;
  clickhouse: StoreHealth;
  evaluator: { lastRunAt: string | null };
  freshness: StreamFreshness[];
  demo: DemoLoad;
}

export interface AppliedMigration {
  version: number;
  name: string;
  appliedAt: string;
}

export interface PostgresTable {
  name: string;
  rows: number;
}

export interface ClickHouseTable {
  name: string;
  rows: number;
  bytes: number;
}

export interface StoreStatus<TTable> {
  mode: StoreMode;
  tables: TTable[];
  migrations: AppliedMigration[];
}

/** RabbitMQ ingest (server/features/ingest/amqp-consumer.ts), null without AMQP_URL. */
export interface QueueStatus {
  connected: boolean;
  broker: string;
  lastError: string | null;
  reconnects: number;
  messagesPerSecond: number;
  rowsPerSecond: number;
  deadLetters: number;
  inFlight: number;
  queues: { name: string; ready: number | null; consumers: number | null }[];
}

export interface StatusReport {
  /** Absent for every role but admin: the server tells them the start-up phase only. */
  postgres?: StoreStatus<PostgresTable>;
  clickhouse?: StoreStatus<ClickHouseTable>;
  freshness?: StreamFreshness[];
  phase?: 'starting' | 'ready' | 'stopping';
  queue?: QueueStatus | null;
}

const HEALTH_PATH = '/api/health';
const STATUS_PATH = '/api/status';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Names the first field that does not match the contract, so a drift reads as a clear message. */
function healthShapeProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'the body is not a JSON object';
  if (!['ok', 'degraded', 'starting'].includes(body.status as string)) return 'status is missing or invalid';
  for (const store of ['postgres', 'clickhouse'] as const) {
    const value = body[store];
    if (!isObject(value) || (value.status !== 'ok' && value.status !== 'down')) {
      return `${store}.status is missing or invalid`;
    }
  }
  if (!isObject(body.evaluator)) return 'evaluator is missing or invalid';
  if (!Array.isArray(body.freshness)) return 'freshness is missing or invalid';
  if (!isObject(body.demo)) return 'demo is missing or invalid';
  return undefined;
}

/**
 * GET /api/health. The server answers 503 with the same report when a store is down or it is
 * still starting; that report is data to show, not a failure. Anything else that is not a
 * report (an error body, another status) is thrown as ApiError.
 */
export async function fetchHealth(signal: AbortSignal): Promise<HealthReport> {
  const response = await apiFetch(HEALTH_PATH, { signal });
  if (response.status === 200 || response.status === 503) {
    const problem = healthShapeProblem(response.body);
    if (problem === undefined) return response.body as HealthReport;
    if (response.ok) {
      throw new ApiError(200, 'unexpected_response', `${HEALTH_PATH} answered with an unexpected shape (${problem}).`);
    }
  }
  throw toApiError(response, HEALTH_PATH);
}

function statusShapeProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'the body is not a JSON object';
  if (typeof body.phase === 'string' && body.postgres === undefined) return undefined; // not an admin: phase only
  for (const store of ['postgres', 'clickhouse'] as const) {
    const value = body[store];
    if (!isObject(value)) return `${store} is missing or invalid`;
    if (!Array.isArray(value.tables)) return `${store}.tables is missing or invalid`;
    if (!Array.isArray(value.migrations)) return `${store}.migrations is missing or invalid`;
  }
  return undefined;
}

/** GET /api/status: table sizes and migrations per store; an ApiError while the stores start. */
export async function fetchStatus(signal: AbortSignal): Promise<StatusReport> {
  const body = await apiGet<unknown>(STATUS_PATH, signal);
  const problem = statusShapeProblem(body);
  if (problem !== undefined) {
    throw new ApiError(200, 'unexpected_response', `${STATUS_PATH} answered with an unexpected shape (${problem}).`);
  }
  return body as StatusReport;
}
