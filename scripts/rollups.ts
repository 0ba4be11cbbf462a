// `npm run rollups -- rebuild [--from 2026-11-01] [--to 2026-11-30] [--view engagement_15m_mv]`
// Recomputes the pre-aggregates from the raw tables of the stores that DATABASE_URL /
// CLICKHOUSE_URL / DATA_DIR point at: PostgreSQL's (revenue, followers) in one transaction, then
// every ClickHouse materialized view's target one monthly partition at a time, printing each step. Stopped midway, the same command resumes with the next step. With embedded stores,
// stop the console first: chDB opens its data directory in one process at a time.
import { parseArgs } from 'node:util';
import path from 'node:path';
import pino from 'pino';
import { env } from '../server/env.js';
import { openStores, QUERIES_DIR } from '../server/db/index.js';
import { migrate } from '../server/db/migrate.js';
import { rebuildAll } from '../server/db/rollups.js';

const USAGE =
  'usage: npm run rollups -- rebuild [--from <date>] [--to <date>] [--view <name>]…\n' +
  'Rebuilds whole months of the ClickHouse pre-aggregates: those holding --from through --to (default every month\n' +
  'the raw tables hold); the PostgreSQL ones are recounted whole.';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { from: { type: 'string' }, to: { type: 'string' }, view: { type: 'string', multiple: true }, help: { type: 'boolean' } },
  });
  if (values.help || positionals[0] !== 'rebuild') {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const date = (s: string | undefined, name: string): Date | undefined => {
    if (s === undefined) return undefined;
    const d = new Date(s);
    if (Number.isNaN(d.getTime())) throw new Error(`--${name}: not a date (${s}); use e.g. 2026-11-01`);
    return d;
  };
  let from: Date | undefined;
  let to: Date | undefined;
  try {
    from = date(values.from, 'from');
    to = date(values.to, 'to');
  } catch (err) {
    console.error(`rollups: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const config = env();
  const stores = await openStores({
    databaseUrl: config.DATABASE_URL,
    clickhouseUrl: config.CLICKHOUSE_URL,
    dataDir: path.resolve(config.DATA_DIR),
    queriesDir: QUERIES_DIR,
  });
  const started = Date.now();
  try {
    await migrate(stores, path.join(QUERIES_DIR, 'migrations'), pino({ level: 'warn' }));
    console.log('PostgreSQL: revenue_15m, creator_followers, creator_follows_daily recounted in one transaction…');
    const r = await rebuildAll(stores, {
      from,
      to,
      views: values.view,
      onExpired: (p) => console.log(`${p.view} -> ${p.target} ${p.partition}: kept as it is (its raw rows expire after ${p.ttlDays} days and may be gone)`),
      onProgress: (p) =>
        console.log(`[${p.step}/${p.steps}] ${p.view} -> ${p.target} ${p.partition}: ${p.skipped ? 'done before, skipped' : `${(p.ms / 1000).toFixed(1)} s`}`),
    });
    console.log(`rebuilt ${r.steps - r.skipped} of ${r.steps} steps (${r.skipped} resumed) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (err) {
    console.error(`rollups: ${(err as Error).message} (run the same command again to resume)`);
    return 1;
  } finally {
    await stores.close();
  }
}

process.exit(await main());
