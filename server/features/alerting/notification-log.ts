// The notification log (README#alerting): the outbox with its attempts for the notifications page
// and an alert's page, "retry" of a dead letter, and the daily digest of info alerts.
import { pgQuery, type Stores } from '../../db/index.js';
import { NotFoundError } from '../../http/errors.js';
import type { AlertEngine } from './engine.js';
import type { Labels } from './routing.js';

type Json = Record<string, unknown>;

const pgListOutbox = pgQuery('alerting/list_outbox').returns<OutboxRow>();
const pgRetryOutbox = pgQuery('alerting/retry_outbox').returns<{ id: string }>();
const pgDigestFirings = pgQuery('alerting/digest_firings').returns<{
  id: string;
  ruleId: string;
  labels: Labels;
  annotations: Record<string, string>;
  at: Date;
  value: number | null;
}>();
const pgClaimDigest = pgQuery('alerting/claim_digest').returns<{ day: string }>();
const pgInsertOutbox = pgQuery('alerting/insert_outbox').returns<{ id: string }>();

interface OutboxRow {
  id: string;
  channel: string;
  receiver: string;
  groupKey: string;
  dedupKey: string | null;
  payload: Json;
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  attempts_log: unknown[];
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export class NotificationLog {
  constructor(
    private readonly stores: Stores,
    private readonly engine: AlertEngine,
  ) {}

  async list(opts: { status?: string; instanceId?: number; before?: number; limit: number }) {
    const rows = await this.stores.pg.rows(pgListOutbox, {
      status: opts.status ?? null,
      instance_id: opts.instanceId ?? null,
      before_id: opts.before ?? null,
      max: opts.limit,
    });
    const items = rows.map((r) => ({
      id: Number(r.id),
      channel: r.channel,
      receiver: r.receiver,
      kind: r.payload.kind,
      subject:
        r.channel === 'email'
          ? r.payload.subject
          : r.channel === 'slack'
            ? (r.payload.body as Json | undefined)?.text
            : r.channel === 'webhook'
              ? `${(r.payload.body as Json | undefined)?.status ?? ''} ${(r.payload.body as Json | undefined)?.title ?? ''}`
              : ((r.payload.payload as Json | undefined)?.summary ?? r.payload.event_action),
      dedupKey: r.dedupKey,
      instanceIds: r.payload.instanceIds,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.status === 'pending' ? iso(r.nextAttemptAt) : null,
      lastError: r.lastError,
      createdAt: iso(r.createdAt),
      deliveredAt: iso(r.deliveredAt),
      attemptLog: r.attempts_log,
    }));
    return { items, nextCursor: items.length === opts.limit ? items[items.length - 1]!.id : null };
  }

  async retry(id: number, now = new Date()) {
    const row = await this.stores.pg.one(pgRetryOutbox, { id, now });
    if (!row) throw new NotFoundError(`No dead-lettered notification ${id}.`);
  }

  /** The daily digest of info alerts (README#alerting): one email per day, whichever console sends it. */
  async sendDigest(now: Date): Promise<number> {
    const day = now.toISOString().slice(0, 10);
    const digestReceivers = [...this.engine.routingTree.receivers.values()].filter((r) => r.email?.digest);
    if (digestReceivers.length === 0) return 0;
    const claimed = await this.stores.pg.one(pgClaimDigest, { day });
    if (!claimed) return 0;
    const from = new Date(now.getTime() - 86_400_000);
    const firings = await this.stores.pg.rows(pgDigestFirings, { from, to: now });
    const lines = firings.length
      ? firings.map((f) => `- ${new Date(f.at).toISOString()} ${f.annotations.summary ?? f.ruleId}`)
      : ['No info alerts fired in the last 24 hours.'];
    let n = 0;
    for (const r of digestReceivers) {
      const payload = {
        kind: 'digest',
        instanceIds: [...new Set(firings.map((f) => Number(f.id)))],
        to: r.email!.to,
        subject: `Pulse daily digest ${day}: ${firings.length} info alert(s)`,
        text: [`Info alerts that fired between ${from.toISOString()} and ${now.toISOString()}:`, '', ...lines].join('\n'),
      };
      await this.stores.pg.one(pgInsertOutbox, { channel: 'email', receiver: r.name, group_key: `digest|${day}`, dedup_key: null, payload });
      n++;
    }
    return n;
  }
}
