// The ingest API's vocabulary and answer (README#ingest-api): the streams, the reason codes of
// rejected lines, and what POST /api/v1/ingest/<stream> answers. Shared by the server (routes,
// schemas, the status page's freshness) and the client.
import { z } from 'zod';

export const STREAMS = [
  'video-events',
  'ad-events',
  'request-metrics',
  'users',
  'videos',
  'follows',
  'advertisers',
  'campaigns',
  'transactions',
  'reports',
] as const;
export const zStream = z.enum(STREAMS);
export type Stream = z.infer<typeof zStream>;

/** The event streams (stored in ClickHouse); the others are entities in PostgreSQL. */
export const EVENT_STREAMS = ['video-events', 'ad-events', 'request-metrics'] as const satisfies readonly Stream[];
export const zEventStream = z.enum(EVENT_STREAMS);
export type EventStream = z.infer<typeof zEventStream>;

/** Reason codes of rejected lines (ingest_rejections.reason; the demo data uses the same words). */
export const REJECTION_REASONS = [
  'malformed_json',
  'not_an_object',
  'missing_field',
  'invalid_type',
  'invalid_enum',
  'out_of_range',
  'too_long',
  'invalid_format',
  'invalid_timestamp',
  'future_timestamp',
  'unknown_reference',
  'conflict',
] as const;
export const zRejectionReason = z.enum(REJECTION_REASONS);
export type Reason = z.infer<typeof zRejectionReason>;

/** A rejected line, 1-based. */
export const zLineError = z.object({ line: z.number(), error: z.string(), reason: zRejectionReason, field: z.string().nullable() });
export type LineError = z.infer<typeof zLineError>;

/** How a batch arrived: recorded in ingest_batches. */
export const TRANSPORTS = ['http', 'amqp'] as const;
export type Transport = (typeof TRANSPORTS)[number];

/** POST /api/v1/ingest/<stream> (and the RabbitMQ consumer's log of a message). */
export const zIngestAnswer = z.object({
  stream: zStream,
  /** Lines stored (or, for entities, valid and applied unless a newer version is stored). */
  accepted: z.number(),
  rejected: z.number(),
  /** The rejected lines, in order (the first INGEST_ANSWERED_ERRORS). */
  errors: z.array(zLineError),
  /** Events about an entity the console does not know yet (stored all the same). */
  orphans: z.number(),
  /** Accepted entity lines that changed nothing (an older or equal updated_at, a replay). */
  unchanged: z.number(),
  /** Valid event lines whose event_id was already stored (or earlier in the batch): not stored again. */
  duplicates: z.number(),
  /** Only when `errors` was cut to its first N: how many were left out, and every rejection by reason. */
  errorsOmitted: z.number().optional(),
  rejectedByReason: z.partialRecord(zRejectionReason, z.number()).optional(),
});
export type IngestAnswer = z.infer<typeof zIngestAnswer>;
