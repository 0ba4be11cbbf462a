// Every event counted once (issue 13, docs/ingest-dedup.md). A video or ad event whose event_id
// ClickHouse already holds is dropped before its row reaches the raw table, so the raw table and
// every materialized view over it (the rollups) see each event once, without the views taking
// part. The check and the insert of the new rows run under one lock per event table: an
// in-process queue (concurrent batches of one console) and, on a shared PostgreSQL, a
// transaction-level advisory lock (several consoles on the same stores). ClickHouse itself is the
// record of what is stored: a retry after a crash between the two stores finds the rows that
// landed. Each row carries its insert's token (derived from the batch's body), so a retry after a
// crash in the middle of an insert (the raw part written, a rollup's not yet) recognises its own
// rows and inserts the same block with the same token: ClickHouse drops the raw table's copy and
// each rollup stores the part it lacks.
import { chQuery, pgQuery, type Stores } from '../../db/index.js';

export type EventTable = 'video_events' | 'ad_events';

/** What a batch's dedup step decided: the rows stored and how many lines were duplicates. */
export interface DedupOutcome<T> {
  fresh: T[];
  duplicates: number;
}

const pgLockEventIds = pgQuery('ingest/lock_event_ids');
const chStoredVideoEventIds = chQuery('ingest/stored_video_event_ids').returns<{ id: string; token: string }>();
const chStoredAdEventIds = chQuery('ingest/stored_ad_event_ids').returns<{ id: string; token: string }>();
/** The stored-ids lookup per event table (a table keyed by data). */
const chStoredIdsOf = { video_events: chStoredVideoEventIds, ad_events: chStoredAdEventIds };
const chStoredVideoEventIdsFile = chQuery('ingest/stored_video_event_ids_file').returns<{ id: string; token: string }>();
const chStoredAdEventIdsFile = chQuery('ingest/stored_ad_event_ids_file').returns<{ id: string; token: string }>();
/** The same on the embedded engine, the ids read from a file (ChStore.rowsWithFile). */
const chStoredIdsInFileOf = { video_events: chStoredVideoEventIdsFile, ad_events: chStoredAdEventIdsFile };

/** One batch's insert: its dedup token, and whether a batch with the same body was recorded. */
export interface InsertIdentity {
  token: string;
  recorded: () => Promise<boolean>;
}

/** Advisory lock keys, constants of this product: 'pulse-dedup' + the table. */
export const DEDUP_LOCK_KEYS: Record<EventTable, string> = { video_events: '7075317364640001', ad_events: '7075317364640002' };

/**
 * Ids per check query on a ClickHouse server, which takes query parameters in the URL (1 MiB by
 * default, `http_max_uri_size`): 10,000 UUIDs are ~390 KB. The embedded engine has no URL: one
 * query per batch. Rows are sorted by time first, so each chunk reads only its own time span.
 */
const SERVER_CHECK_CHUNK = 10_000;
const DAY_MS = 86_400_000;

export class EventDedup {
  private readonly queues = new Map<EventTable, Promise<void>>();

  constructor(
    private readonly stores: Stores,
    private readonly opts: { horizonDays: number; now: () => Date },
  ) {}

  /**
   * Drops the rows whose event_id was already seen (earlier in the batch, or stored in ClickHouse
   * with an event time within the horizon and the batch's time span), then runs `store` with the
   * rest while still holding the table's lock, so no other batch checks in between. Rows stored
   * under this batch's own token by an attempt that was never recorded are stored again with it.
   * `narrow`, when given, runs beside the check (under the lock) and answers the rows to keep of
   * `rows` (the writer's PostgreSQL checks): the ids of all `rows` are checked, those of the rows
   * it keeps decide.
   */
  async storeNew<T extends { event_id: string; ts: string }>(
    table: EventTable,
    rows: T[],
    batch: InsertIdentity,
    store: (fresh: T[]) => Promise<void>,
    narrow?: () => Promise<T[]>,
  ): Promise<DedupOutcome<T>> {
    if (rows.length === 0) return { fresh: [], duplicates: 0 };
    return this.locked(table, async () => {
      const out = await this.checkChunk(table, rows, batch, narrow ?? (async () => rows), new Set());
      if (out.fresh.length) await store(out.fresh);
      return out;
    });
  }

  /**
   * `storeNew`'s check for one range of a batch's lines, for a caller that holds the table's lock
   * (`locked`) across the ranges and inserts the fresh rows of every range at the end, as one block
   * under `batch.token` (docs/ingest-dedup.md, "One insert per batch"): `seen` carries the ids of
   * the batch's earlier ranges (the first line with an id wins). Nothing of the batch is inserted
   * before its last range is checked, so a range's check sees the table as the batch found it.
   */
  async checkChunk<T extends { event_id: string; ts: string }>(
    table: EventTable,
    rows: T[],
    batch: InsertIdentity,
    narrow: () => Promise<T[]>,
    seen: Set<string>,
  ): Promise<DedupOutcome<T>> {
    if (rows.length === 0) return { fresh: [], duplicates: 0 };
    const [stored, kept] = await Promise.all([this.storedIds(table, rows), narrow()]);
    const unique: T[] = [];
    for (const r of kept) {
      // UUIDs compare in lower case (ClickHouse's toString answers lower case).
      const id = r.event_id.toLowerCase();
      if (seen.has(id)) continue;
      seen.add(id);
      unique.push(r);
    }
    // Our own token on stored rows: an earlier attempt of this very batch. If it was recorded it
    // finished, and they are duplicates; if not, it died during or after its insert, and the same
    // block goes again under the same token (ClickHouse keeps what landed once).
    let ours = false;
    for (const t of stored.values()) if (t === batch.token) ours = true;
    if (ours && (await batch.recorded())) ours = false;
    const fresh = stored.size
      ? unique.filter((r) => {
          const t = stored.get(r.event_id.toLowerCase());
          return t === undefined || (ours && t === batch.token);
        })
      : unique;
    return { fresh, duplicates: kept.length - fresh.length };
  }

  /** The ids of `rows` that the table holds, among rows inside the horizon, with the token that stored each. */
  private async storedIds(table: EventTable, rows: { event_id: string; ts: string; at?: number }[]): Promise<Map<string, string>> {
    const horizonStart = this.opts.now().getTime() - this.opts.horizonDays * DAY_MS;
    const found = new Map<string, string>();
    const check = async (ids: string[], first: number, last: number) => {
      // ±1 ms: an input with microseconds is stored at millisecond precision.
      const from = new Date(first - 1);
      const to = new Date(last + 1);
      for (const r of await this.stores.ch.rows(chStoredIdsOf[table], { from, to, ids: ids.join('\n') })) found.set(r.id.toLowerCase(), r.token);
    };
    if (this.stores.ch.readsFiles) {
      // One query for the whole range (no URL to fit): its time span is the range's, no sort needed.
      // The ids go to the engine as a file of UUID lines (validated UUIDs: ASCII, 36 bytes each).
      const ids = Buffer.allocUnsafe(rows.length * 37);
      let n = 0;
      let first = Infinity;
      let last = -Infinity;
      for (const r of rows) {
        // `at`: the time the strict line reader already parsed (event-scan.ts).
        const t = r.at ?? Date.parse(r.ts);
        if (t < horizonStart) continue;
        n += ids.write(r.event_id, n, 37, 'latin1');
        ids[n++] = 10;
        if (t < first) first = t;
        if (t > last) last = t;
      }
      if (n === 0) return found;
      const at = { from: new Date(first - 1), to: new Date(last + 1) };
      for (const r of await this.stores.ch.rowsWithFile(chStoredIdsInFileOf[table], at, ids.subarray(0, n))) found.set(r.id.toLowerCase(), r.token);
      return found;
    }
    const timed = rows.map((r) => ({ id: r.event_id, t: Date.parse(r.ts) })).filter((r) => r.t >= horizonStart);
    timed.sort((a, b) => a.t - b.t);
    for (let i = 0; i < timed.length; i += SERVER_CHECK_CHUNK) {
      const chunk = timed.slice(i, i + SERVER_CHECK_CHUNK);
      await check(
        chunk.map((c) => c.id),
        chunk[0]!.t,
        chunk[chunk.length - 1]!.t,
      );
    }
    return found;
  }

  /**
   * One batch at a time per table: queued in this process, and across consoles under the
   * PostgreSQL advisory lock when PostgreSQL is a server (PGlite serves one process, whose queue
   * is the whole story; its single connection is not held through a ClickHouse insert).
   */
  async locked<R>(table: EventTable, fn: () => Promise<R>): Promise<R> {
    const prev = this.queues.get(table) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = prev.then(() => mine);
    this.queues.set(table, tail);
    await prev;
    try {
      if (this.stores.pg.mode !== 'external') return await fn();
      return await this.stores.pg.tx(async (tx) => {
        await tx.exec(pgLockEventIds, { key: DEDUP_LOCK_KEYS[table] });
        return fn();
      });
    } finally {
      release();
      if (this.queues.get(table) === tail) this.queues.delete(table);
    }
  }
}
