// Test-only reads straight from the stores, independent of the product's query files: the
// expectations of a test must not come from the code under test (docs/architecture.md#conventions).
import type { RunningConsole } from '../../server/server.js';

const IDENT = /^[a-z_][a-z0-9_]*$/;

export async function tableCount(c: RunningConsole, table: string): Promise<number> {
  if (!IDENT.test(table)) throw new Error(`not a table name: ${table}`);
  const res = await c.stores.pg.handle.pool.query(`SELECT count(*)::int AS n FROM ${table}`);
  return res.rows[0].n;
}

/** count() of a ClickHouse table (request_metrics by default) under a test-written condition. */
export async function chCount(c: RunningConsole, where: string, table = 'request_metrics'): Promise<number> {
  if (!IDENT.test(table)) throw new Error(`not a table name: ${table}`);
  const rs = await c.stores.ch.handle.client.query({ query: `SELECT count() AS n FROM ${table} WHERE ${where}`, format: 'JSONEachRow' });
  const rows = (await rs.json()) as { n: string | number }[];
  return Number(rows[0]!.n);
}
