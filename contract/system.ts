// What /api/health and /api/status answer (README#run-it): each store's state, data freshness,
// the start-up phase and demo load, and for admins row counts, migrations and the RabbitMQ
// consumer. Shared by the system feature, the ingest consumer (its status) and the client.
import { z } from 'zod';
import { zEventStream } from './ingest.js';

export const STORE_MODES = ['embedded', 'external'] as const;
export const zStoreMode = z.enum(STORE_MODES);
export type StoreMode = z.infer<typeof zStoreMode>;

export const zStoreHealth = z.object({
  status: z.enum(['ok', 'down']),
  mode: zStoreMode,
  latencyMs: z.number().nullable(),
  error: z.string().optional(),
});
export type StoreHealth = z.infer<typeof zStoreHealth>;

/** The newest event time of an event stream and how far behind the console's clock it is. */
export const zFreshness = z.object({ stream: zEventStream, newestAt: z.iso.datetime().nullable(), lagSeconds: z.number().nullable() });
export type Freshness = z.infer<typeof zFreshness>;

export const zDemoState = z.object({
  state: z.enum(['off', 'loading', 'done', 'failed']),
  step: z.string().optional(),
  done: z.number().optional(),
  total: z.number().optional(),
  error: z.string().optional(),
  /** Set when this start redoes a demo load that an earlier start did not finish (demo_loads). */
  redo: z
    .object({
      /** The interrupted load: when it started and how far it got ('data': the stores were being loaded; 'history': the moderation history). */
      startedAt: z.iso.datetime(),
      phase: z.enum(['data', 'history']),
    })
    .optional(),
});
export type DemoState = z.infer<typeof zDemoState>;

export const PHASES = ['starting', 'ready', 'stopping'] as const;
export type Phase = (typeof PHASES)[number];

/** GET /api/health (200 when ok, 503 with the same body otherwise). */
export const zHealth = z.object({
  status: z.enum(['ok', 'degraded', 'starting']),
  uptimeSeconds: z.number(),
  postgres: zStoreHealth,
  clickhouse: zStoreHealth,
  evaluator: z.object({ lastRunAt: z.iso.datetime().nullable() }),
  freshness: z.array(zFreshness),
  demo: zDemoState,
});
export type Health = z.infer<typeof zHealth>;

/** The RabbitMQ ingest consumer (AMQP_URL); null without one. */
export const zQueueStatus = z.object({
  connected: z.boolean(),
  /** The broker without credentials. */
  broker: z.string(),
  lastError: z.string().nullable(),
  reconnects: z.number(),
  /** Over the last minute. */
  messagesPerSecond: z.number(),
  rowsPerSecond: z.number(),
  deadLetters: z.number(),
  /** Messages received and not yet acknowledged or given back. */
  inFlight: z.number(),
  queues: z.array(z.object({ name: z.string(), ready: z.number().nullable(), consumers: z.number().nullable() })),
});
export type QueueStatus = z.infer<typeof zQueueStatus>;

export const zAppliedMigration = z.object({ version: z.number(), name: z.string(), appliedAt: z.string() });
export type AppliedMigration = z.infer<typeof zAppliedMigration>;
/** Row counts past 100k are the planner's estimate (`estimated: true`). */
export const zPostgresTable = z.object({ name: z.string(), rows: z.number(), estimated: z.literal(true).optional() });
export type PostgresTable = z.infer<typeof zPostgresTable>;
export const zClickHouseTable = z.object({ name: z.string(), rows: z.number(), bytes: z.number() });
export type ClickHouseTable = z.infer<typeof zClickHouseTable>;

/** GET /api/status for anyone but an admin: the start-up only. */
export const zPublicStatus = z.object({ phase: z.enum(PHASES), demo: zDemoState });
export type PublicStatus = z.infer<typeof zPublicStatus>;

/** GET /api/status for an admin. */
export const zAdminStatus = zPublicStatus.extend({
  countedAt: z.iso.datetime(),
  postgres: z.object({ mode: zStoreMode, tables: z.array(zPostgresTable), migrations: z.array(zAppliedMigration) }),
  clickhouse: z.object({ mode: zStoreMode, tables: z.array(zClickHouseTable), migrations: z.array(zAppliedMigration) }),
  freshness: z.array(zFreshness),
  queue: zQueueStatus.nullable(),
});
export type AdminStatus = z.infer<typeof zAdminStatus>;

export const zStatus = z.union([zAdminStatus, zPublicStatus]);
export type Status = z.infer<typeof zStatus>;
