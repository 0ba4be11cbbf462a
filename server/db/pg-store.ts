// PostgreSQL's side of the statement runner (stores.ts): statements from the catalog by handle,
// checked named parameters, optionally prepared per pool connection (docs/request-path.md).
import pg from 'pg';
import type { QueryCatalog, QueryHandle } from './catalog.js';
import { pgQuery } from './catalog.js';
import { pgValues } from './params.js';
import { connectionSerial, type PostgresHandle } from './postgres.js';

export type Params<H> = H extends QueryHandle<infer P, unknown> ? P : never;
export type Row<H> = H extends QueryHandle<Record<string, unknown>, infer R> ? R : never;

const pgStatementTimeout = pgQuery('system/statement_timeout');

/** A PostgreSQL connection (the pool, or one client inside a transaction). */
export class PgRunner {
  constructor(
    protected readonly catalog: QueryCatalog,
    private readonly target: pg.Pool | pg.PoolClient,
  ) {}

  /**
   * `prepare`: a named statement, parsed and planned once per connection and then only bound and
   * run. For a statement run on every request (the session lookup): on PGlite parsing and
   * planning in WASM cost more than running it. The name is the query's and the connection's
   * serial (`auth/find_session/3`): PGlite serves every connection from one backend, where two
   * connections preparing one name would collide (42P05); see docs/architecture.md#engine-notes.
   */
  async rows<H extends QueryHandle<Record<string, unknown>, unknown>>(h: H, params: Params<H>, opts: { prepare?: boolean } = {}): Promise<Row<H>[]> {
    const q = this.catalog.use('postgres', h.name);
    const values = pgValues(q, params);
    if (!opts.prepare) return (await this.target.query({ text: q.text, values })).rows as Row<H>[];
    // A named statement belongs to one connection: take one from the pool (as pool.query does).
    const pooled = this.target instanceof pg.Pool;
    const client = pooled ? await (this.target as pg.Pool).connect() : (this.target as pg.PoolClient);
    let failed: Error | undefined;
    try {
      return (await client.query({ name: `${h.name}/${connectionSerial(client)}`, text: q.text, values })).rows as Row<H>[];
    } catch (err) {
      failed = err as Error;
      throw err;
    } finally {
      if (pooled) client.release(failed);
    }
  }

  async one<H extends QueryHandle<Record<string, unknown>, unknown>>(h: H, params: Params<H>, opts: { prepare?: boolean } = {}): Promise<Row<H> | undefined> {
    return (await this.rows(h, params, opts))[0];
  }

  /** A whole migration file: several statements, no parameters (migrations only). */
  async script(sql: string): Promise<void> {
    await this.target.query(sql);
  }

  /** Runs a statement for its effect; answers the affected row count. */
  async exec<H extends QueryHandle<Record<string, unknown>, unknown>>(h: H, params: Params<H>): Promise<number> {
    const q = this.catalog.use('postgres', h.name);
    const res = await this.target.query({ text: q.text, values: pgValues(q, params) });
    return res.rowCount ?? 0;
  }
}

export class PgStore extends PgRunner {
  constructor(
    catalog: QueryCatalog,
    readonly handle: PostgresHandle,
  ) {
    super(catalog, handle.pool);
  }

  get mode() {
    return this.handle.mode;
  }

  /**
   * A connection of its own, kept until released: for session state such as the alert
   * evaluator's advisory lock. `onError` fires when the connection dies.
   */
  async dedicated(onError: () => void): Promise<{ runner: PgRunner; release(): void }> {
    const client = await this.handle.pool.connect();
    client.on('error', onError);
    return { runner: new PgRunner(this.catalog, client), release: () => client.release(true) };
  }

  /**
   * A read bounded by `statement_timeout` (its own transaction): past `timeoutMs` PostgreSQL
   * cancels it (57014, answered 503 by the error mapper). PGlite runs no timer: there the bound
   * is the ClickHouse side's and the result cache's.
   */
  async rowsWithin<H extends QueryHandle<Record<string, unknown>, unknown>>(h: H, params: Params<H>, timeoutMs: number): Promise<Row<H>[]> {
    return this.tx(async (tx) => {
      await tx.rows(pgStatementTimeout, { ms: String(timeoutMs) });
      return tx.rows(h, params);
    });
  }

  /** Runs fn in one transaction on one client; rolls back when it throws. */
  async tx<T>(fn: (tx: PgRunner) => Promise<T>): Promise<T> {
    const client = await this.handle.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await fn(new PgRunner(this.catalog, client));
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }
}
