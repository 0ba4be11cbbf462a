// The only reader of process.env (docs/architecture.md#conventions): one zod schema, parsed once at import.
// A bad setting stops start-up with one line naming the setting and the cause.
import { z } from 'zod';
import { classicMessages } from '../contract/issues.js';
import { REPORT_REASONS } from '../contract/moderation.js';

const zBool01 = z.enum(['0', '1']).transform((v) => v === '1');

const zUrl = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

export const zEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  // Where the embedded stores (PGlite in pg/, chDB in ch/) and the mail outbox live.
  DATA_DIR: z.string().min(1).default('./data'),
  // Absent: embedded PGlite served to the pg pool over a private loopback socket.
  DATABASE_URL: zUrl(['postgres:', 'postgresql:']).optional(),
  // Absent: embedded chDB plugged into @clickhouse/client.
  CLICKHOUSE_URL: zUrl(['http:', 'https:']).optional(),
  // Set (with CLICKHOUSE_URL): migrations render ON CLUSTER, Replicated…MergeTree local tables
  // behind Distributed ones (docs/clickhouse.md). Written into DDL, so a plain name or {macro}.
  CLICKHOUSE_CLUSTER: z
    .string()
    .regex(/^[A-Za-z0-9_.{}-]+$/, 'must be a cluster name (letters, digits, _ . - or a {macro})')
    .optional(),
  // Demo data is loaded on first start when the stores are embedded and empty; 0 turns it off.
  DEMO_DATA: zBool01.optional(),
  DEMO_SIZE: z.enum(['small', 'default', 'large']).default('default'),
  DEMO_SEED: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(42),
  BOOTSTRAP_ADMIN_EMAIL: z.string().email().optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12).optional(),
  // Absent: mail is written as .eml files under DATA_DIR/outbox.
  SMTP_URL: zUrl(['smtp:', 'smtps:']).optional(),
  PAGERDUTY_EVENTS_HOST: z.string().min(1).default('events.pagerduty.com'),
  PAGERDUTY_ROUTING_KEY: z.string().min(1).optional(),
  // Comma-separated; without SMTP_URL the mail lands as .eml files under DATA_DIR/outbox anyway.
  ALERT_EMAIL_TO: z.string().min(3).default('oncall@pulse.localhost'),
  // Alerting (README#alerting). 0 keeps rules, routes and pages but runs no evaluator and no delivery
  // loop in this console (the test harness sets it, so other features' tests see no ticks).
  ALERTING: zBool01.prefault('1'),
  // Rule files (*.yaml) and routing.yaml; validated at start-up.
  ALERTS_DIR: z.string().min(1).default('./alerts'),
  // Bounds every rule query (ClickHouse abort + max_execution_time, PostgreSQL statement_timeout).
  ALERT_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  // Rule queries of one tick run at most this many at a time.
  ALERT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  // Backoff before the 2nd, 3rd, 4th... delivery attempt of a notification; then dead-lettered.
  ALERT_RETRY_DELAYS: z
    .string()
    .regex(/^\d+(ms|s|m|h)(,\d+(ms|s|m|h))*$/, 'must be durations separated by commas, e.g. 1m,5m,15m')
    .default('1m,5m,15m'),
  // Our own timeout around one email or PagerDuty request (pdjs's own does not abort anything).
  ALERT_DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  // How often each console looks for due notifications (a state change also kicks it at once).
  ALERT_DELIVERY_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(5000),
  // How often a console that is not the evaluator tries to become it (takeover time).
  ALERT_ELECTION_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
  // When the daily digest of info alerts goes out (node-cron, with seconds, server time).
  ALERT_DIGEST_CRON: z.string().min(1).default('0 0 8 * * *'),
  ALERT_MAIL_FROM: z.string().min(1).default('Pulse Console <alerts@pulse.localhost>'),
  // Extra CA certificates (PEM file) trusted for PAGERDUTY_EVENTS_HOST: an internal proxy with a
  // private CA (and the tests' self-signed endpoint), without NODE_EXTRA_CA_CERTS for the process.
  PAGERDUTY_CA_FILE: z.string().min(1).optional(),
  // Extra CA certificates (PEM file) trusted for webhook and Slack contact points, besides the
  // public ones: an internal receiver with a private CA (and the tests' self-signed endpoints).
  ALERT_WEBHOOK_CA_FILE: z.string().min(1).optional(),
  // The console's address in links of webhook and Slack messages (alert and dashboard pages).
  CONSOLE_URL: zUrl(['http:', 'https:']).default('http://127.0.0.1:8080'),
  // Secrets of PagerDuty webhook subscriptions (v3), comma-separated: every secret in the list is
  // accepted, so a new one can be added before PagerDuty switches to it (rotation).
  PAGERDUTY_WEBHOOK_SECRET: z
    .string()
    .min(1)
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    ),
  // Absent: human-readable lines on a terminal, JSON lines otherwise (for log shippers).
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Request metrics are buffered and written to ClickHouse in batches off the request path.
  REQUEST_METRICS_FLUSH_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  // How long a moderator's claim on a case lasts before it frees itself (README#moderation: 10 minutes).
  MODERATION_LEASE_SECONDS: z.coerce.number().int().min(30).max(3600).default(600),
  // Hours from a case's first report to its SLA due time, per reason; `*` is every other reason.
  // A case takes the shortest due time of its reasons (README#moderation: due time per reason severity).
  MODERATION_SLA_HOURS: z
    .string()
    .default('self_harm=4,violence=4,nudity=4,*=24')
    .transform((v, ctx) => parseSlaHours(v, ctx)),
  // Event-level exports (events.csv / events.xlsx) running at once in this console; one more
  // answers 429 with Retry-After. Each holds one engine query until its download ends.
  EXPORT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  // Engine threads of one event export's statement (its max_threads): 2 reads and formats on both
  // cores of an idle machine; measured at the same CPU and RSS as 1 (docs/exports.md).
  EXPORT_ENGINE_THREADS: z.coerce.number().int().min(1).max(8).default(2),
  // Embedded engine: CSV event exports written by the engine to a file under DATA_DIR/tmp at once
  // (docs/export-files.md); further ones stream as before. Each holds a libuv pool thread while the
  // engine writes: keep it at most UV_THREADPOOL_SIZE (default 4) − 2. 0 streams every export.
  EXPORT_FILE_WRITES: z.coerce.number().int().min(0).max(62).default(2),
  // Sender of scheduled campaign reports.
  REPORTS_MAIL_FROM: z.string().min(3).default('Pulse Console <reports@pulse.local>'),
  // Days of event time within which a video or ad event whose event_id is already stored is
  // dropped (docs/ingest-dedup.md); older events are stored without the check. At least 7.
  INGEST_DEDUP_HORIZON_DAYS: z.coerce.number().int().min(7).max(400).default(30),
  // Lines of a video or ad events batch read and checked at a time, each range's ids checked while
  // the next is read; the batch is inserted once, under one dedup token (docs/ingest-dedup.md, "Speed").
  INGEST_CHUNK_LINES: z.coerce.number().int().min(100).max(100_000).default(25_000),
  // Set: consume RabbitMQ queues <AMQP_QUEUE_PREFIX>.<stream> as an ingest path besides HTTP.
  AMQP_URL: zUrl(['amqp:', 'amqps:']).optional(),
  // Queue names: <prefix>.<stream> per stream and <prefix>.dead for undecodable messages.
  AMQP_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,200}$/, 'must be letters, digits, ".", "_" or "-"')
    .default('pulse.ingest'),
  // Unacknowledged messages one console holds at once (backpressure): each is one batch in memory.
  AMQP_PREFETCH: z.coerce.number().int().min(1).max(100).default(4),
  // Origins of the platform's media (video and thumbnail URLs), comma-separated, e.g.
  // https://cdn.example.com: added to the CSP's media-src and img-src; the console's own /media/
  // (the demo clips and thumbnails) is always allowed. A URL on another origin is not shown.
  MEDIA_ORIGINS: z
    .string()
    .default('')
    .transform((v, ctx) => parseOrigins(v, ctx)),
  // Outcome notices (docs/moderation.md): when a case is decided, its reporters and the video's
  // creator are emailed through the notification outbox. 0 turns them off.
  MODERATION_NOTICES: zBool01.prefault('1'),
  MODERATION_MAIL_FROM: z.string().min(3).default('Pulse Trust & Safety <trust@pulse.local>'),
  // Name of this console instance in request_metrics and the evaluator heartbeat.
  INSTANCE_ID: z.string().min(1).optional(),
  // ---- Hardening (docs/hardening.md) ----
  // Bearer token that may read /metrics (Prometheus); without it only an admin session can.
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  // Which proxies' X-Forwarded-For to believe: 0 (default, none), a hop count, or comma-separated
  // addresses/subnets/names Express knows (loopback, uniquelocal, 10.0.0.0/8).
  TRUST_PROXY: z
    .string()
    .regex(/^(\d+|[A-Za-z0-9.:/]+(\s*,\s*[A-Za-z0-9.:/]+)*)$/, 'must be 0, a hop count, or comma-separated addresses or subnets')
    .default('0')
    .transform((v): boolean | number | string[] => (v === '0' || v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v.split(',').map((x) => x.trim()))),
  // Bound on every dashboard, report and export query: ClickHouse max_execution_time on every read,
  // PostgreSQL statement_timeout on the dashboards' reads. Past it: 503 query_timeout.
  QUERY_TIMEOUT_MS: z.coerce.number().int().min(10).max(600_000).default(15_000),
  // Videos kept per past UTC day for the trending panel's pruning (docs/scale.md, "Trending"): a
  // window's answer is proven from the lists when its last video beats the sum of the days' last entries.
  TRENDING_DAY_LIST: z.coerce.number().int().min(1).max(100_000).default(1000),
  // Dashboard, report and export requests one session may have running at once (429 past it).
  HEAVY_QUERIES_PER_SESSION: z.coerce.number().int().min(1).max(64).default(6),
  // Sign-in limits kept in PostgreSQL (docs/hardening.md#sign-in): the longest wait of one account+address
  // pair (waits grow 1, 2, 4 … s per failure), failures per address per window, the window (also
  // how long an idle pair takes to start over).
  LOGIN_DELAY_CAP_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(10),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  // Requests a minute for the whole API: per session, per API key, per address without either (429 past it).
  RATE_LIMIT_SESSION_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  RATE_LIMIT_KEY_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(300),
  // Rejected lines of one batch stored one by one; the rest as one counted row per reason and field.
  INGEST_STORED_REJECTIONS: z.coerce.number().int().min(0).max(100_000).default(1000),
  // Errors listed in one ingest answer; the rest are counted (errorsOmitted, rejectedByReason).
  INGEST_ANSWERED_ERRORS: z.coerce.number().int().min(0).max(100_000).default(1000),
  // Ingest batches one API key may run at once, and all keys together (429 with Retry-After past them).
  INGEST_BATCHES_PER_KEY: z.coerce.number().int().min(1).max(64).default(1),
  INGEST_BATCHES_TOTAL: z.coerce.number().int().min(1).max(256).default(4),
});

/**
 * Secrets of alert contact points (Slack webhook URLs, webhook signing secrets): `ALERT_SECRET_*`
 * settings, referenced from alerts/routing.yaml as `${ALERT_SECRET_…}` (never written there).
 */
export const ALERT_SECRET_PREFIX = 'ALERT_SECRET_';

export type Env = z.infer<typeof zEnv> & { ALERT_SECRETS: Record<string, string> };

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** Settings that were accepted once and do nothing now: set, they stop start-up (never silently ignored). */
const RETIRED: Record<string, string> = {
  EXPORT_PAGE_ROWS: 'no longer used: event exports stream in one query (docs/exports.md); unset it (EXPORT_CONCURRENCY bounds exports)',
};

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  for (const [name, why] of Object.entries(RETIRED)) if (name in cleaned) throw new ConfigError(name, why);
  const result = zEnv.safeParse(cleaned, { error: classicMessages });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const secrets = Object.fromEntries(
    Object.entries(cleaned).filter(([k]) => k.startsWith(ALERT_SECRET_PREFIX) && /^[A-Z0-9_]+$/.test(k)) as [string, string][],
  );
  return { ...result.data, ALERT_SECRETS: secrets };
}

/** Every setting at its default (nothing set): for a part built outside compose() without settings of its own (a bench). */
export function defaultSettings(): Env {
  return parseEnv({});
}

let cached: Env | undefined;
/** The process's settings, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** `reason=hours,…,*=hours` → hours per reason (every reason filled, `*` required). */
function parseSlaHours(value: string, ctx: z.RefinementCtx): Record<string, number> {
  const given = new Map<string, number>();
  for (const part of value
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    const m = /^([a-z_*]+)\s*=\s*(\d+(?:\.\d+)?)$/.exec(part);
    const hours = m ? Number(m[2]) : NaN;
    if (!m || !(m[1] === '*' || (REPORT_REASONS as readonly string[]).includes(m[1]!)) || !(hours > 0 && hours <= 24 * 30)) {
      ctx.addIssue({ code: 'custom', message: `"${part}" is not reason=hours (reasons: ${REPORT_REASONS.join(', ')} or *; hours 0 < h ≤ 720)` });
      return z.NEVER;
    }
    given.set(m[1]!, hours);
  }
  if (!given.has('*')) {
    ctx.addIssue({ code: 'custom', message: 'needs a default entry *=hours' });
    return z.NEVER;
  }
  return Object.fromEntries(REPORT_REASONS.map((r) => [r, given.get(r) ?? given.get('*')!]));
}

/** `https://a.example,https://b.example:8443` → origins (scheme, host, port; no path, no wildcard). */
function parseOrigins(value: string, ctx: z.RefinementCtx): string[] {
  const out: string[] = [];
  for (const part of value
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    let origin: string | undefined;
    try {
      const u = new URL(part);
      if ((u.protocol === 'https:' || u.protocol === 'http:') && u.origin === part.replace(/\/$/, '')) origin = u.origin;
    } catch {
      // reported below
    }
    if (!origin) {
      ctx.addIssue({ code: 'custom', message: `"${part}" is not an origin (https://host[:port], no path)` });
      return z.NEVER;
    }
    out.push(origin);
  }
  return [...new Set(out)];
}
