// CLICKHOUSE_CLUSTER rendering (docs/clickhouse.md). No ClickHouse server or Keeper runs on these
// machines, so what is proved here is: every statement of every migration file renders, ClickHouse's
// own parser (chDB's formatQuery, the same parser a server runs) accepts each rendered statement,
// the parsed statements have the cluster shape (ON CLUSTER, Replicated engines, Distributed tables,
// views reading and writing local tables), the golden files are current, and the insert carries the
// settings that keep the dedup token working on replicated tables. Running the DDL on a cluster is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { queryBind } from 'chdb';
import { createClient, ClickHouseLogLevel } from '@clickhouse/client';
import { ClusterRenderer, ClusterRenderError, renderMigrations, renderTableStatement } from '../../server/db/cluster.js';
import { clickhouseStatements, readMigrations, splitStatements, MigrationError } from '../../server/db/migrate.js';
import { chQuery, QueryCatalog } from '../../server/db/catalog.js';
import { ChStore } from '../../server/db/stores.js';
import { QUERIES_DIR } from '../../server/db/index.js';
import { demoTables, demoTableStatements, goldenFiles, GOLDEN_DIR, migrationsTableStatements, renderedMigrations } from '../support/cluster-golden.js';

const DIR = path.join(QUERIES_DIR, 'migrations/clickhouse');

/** ClickHouse's parser: the statement formatted back from its AST, or the parser's error. */
function parse(sql: string): string {
  return queryBind('SELECT formatQuery({q:String})', { q: sql }, 'TSVRaw').trim();
}

test('every statement of every ClickHouse migration renders for a cluster and parses in ClickHouse', () => {
  const files = renderedMigrations();
  assert.equal(files.length, fs.readdirSync(DIR).filter((f) => f.endsWith('.sql')).length);
  const all = [
    ...files.flatMap((f) => f.statements.map((s) => ({ file: `${f.version}_${f.name}`, s }))),
    ...migrationsTableStatements().map((s) => ({ file: 'schema_migrations', s })),
  ];
  assert.ok(all.length >= 20);
  for (const { file, s } of all) {
    let formatted: string;
    assert.doesNotThrow(() => (formatted = parse(s)), `${file}: ${s}`);
    if (/^INSERT\b/i.test(formatted!)) continue;
    assert.match(formatted!.split('\n')[0]!, / ON CLUSTER pulse\b/, `${file}: ${formatted!}`);
    assert.doesNotMatch(formatted!, /non_replicated_deduplication_window/, file);
  }
});

test('each MergeTree table of the migrations becomes a Replicated local table behind a Distributed one; views read and write local tables', () => {
  const originals = readMigrations(DIR).flatMap((m) => splitStatements(m.sql));
  const rendered = renderedMigrations()
    .flatMap((f) => f.statements)
    .map(parse);
  const mergeTrees = originals
    .map((s) => /^CREATE TABLE (?:IF NOT EXISTS )?(\w+)[\s\S]*\bENGINE = (\w*MergeTree)\b/.exec(parse(s)))
    .filter((m): m is RegExpExecArray => m !== null);
  assert.ok(mergeTrees.length >= 7);
  for (const [, name, engine] of mergeTrees) {
    const local = rendered.find((s) => s.startsWith(`CREATE TABLE IF NOT EXISTS ${name}_local ON CLUSTER pulse\n`));
    assert.ok(local, `${name}_local`);
    assert.match(local, new RegExp(`\\nENGINE = Replicated${engine}\\('/clickhouse/tables/\\{shard\\}/pulse/${name}_local', '\\{replica\\}'`));
    const dist = rendered.find((s) => s.startsWith(`CREATE TABLE IF NOT EXISTS ${name} ON CLUSTER pulse AS ${name}_local\n`));
    assert.ok(dist, name);
    assert.match(dist, new RegExp(`ENGINE = Distributed\\('pulse', 'pulse', '${name}_local', cityHash64\\(`));
    // A retried insert dedups on the replicated table as it did on the single server.
    const original = originals.map(parse).find((s) => s.startsWith(`CREATE TABLE IF NOT EXISTS ${name}\n`))!;
    if (/non_replicated_deduplication_window = (\d+)/.test(original)) {
      assert.match(local, new RegExp(`SETTINGS replicated_deduplication_window = ${/non_replicated_deduplication_window = (\d+)/.exec(original)![1]}`));
    }
  }
  const views = rendered.filter((s) => s.startsWith('CREATE MATERIALIZED VIEW'));
  assert.equal(views.length, originals.filter((s) => /^CREATE MATERIALIZED VIEW/i.test(s)).length);
  for (const v of views) {
    assert.match(v, /^CREATE MATERIALIZED VIEW IF NOT EXISTS \w+ ON CLUSTER pulse TO \w+_local\n/, v);
    assert.match(v, /\nFROM \w+_local AS \w+\n/, v);
  }
});

test('the golden files show the current rendering (regenerate with `npm run cluster:golden`)', () => {
  const wanted = goldenFiles();
  const present = fs.existsSync(GOLDEN_DIR) ? fs.readdirSync(GOLDEN_DIR).sort() : [];
  assert.deepEqual(present, [...wanted.keys()].sort(), 'golden files differ from the migrations: run `npm run cluster:golden`');
  for (const [file, text] of wanted) {
    assert.equal(fs.readFileSync(path.join(GOLDEN_DIR, file), 'utf8'), text, `${file} is stale: run \`npm run cluster:golden\` and review the diff`);
  }
});

test('without CLICKHOUSE_CLUSTER the statements are the files as written', () => {
  for (const m of clickhouseStatements(readMigrations(DIR))) assert.deepEqual(m.statements, splitStatements(m.sql));
});

test('rendering rules on hand-written statements', () => {
  const r = new ClusterRenderer({ cluster: '{cluster}', database: 'analytics' });
  const [local, dist] = r.render(
    'CREATE TABLE t (a UInt8, b String) ENGINE = ReplacingMergeTree(a) ORDER BY (a, b) SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 10',
  );
  assert.equal(
    local,
    "CREATE TABLE t_local ON CLUSTER '{cluster}' (a UInt8, b String) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/analytics/t_local', '{replica}', a) ORDER BY (a, b) SETTINGS index_granularity = 8192, replicated_deduplication_window = 10",
  );
  assert.equal(dist, "CREATE TABLE t ON CLUSTER '{cluster}' AS t_local\nENGINE = Distributed('{cluster}', 'analytics', 't_local', cityHash64(a, b))");
  // A view whose source already has an alias, and one reading a subquery.
  assert.deepEqual(r.render('CREATE MATERIALIZED VIEW v TO t AS SELECT x.a AS a, any(x.b) AS b FROM t x GROUP BY a'), [
    "CREATE MATERIALIZED VIEW v ON CLUSTER '{cluster}' TO t_local AS SELECT x.a AS a, any(x.b) AS b FROM t_local x GROUP BY a",
  ]);
  assert.deepEqual(r.render('CREATE MATERIALIZED VIEW IF NOT EXISTS w TO t AS SELECT a, b FROM (SELECT a, b FROM t WHERE a > 1)'), [
    "CREATE MATERIALIZED VIEW IF NOT EXISTS w ON CLUSTER '{cluster}' TO t_local AS SELECT a, b FROM (SELECT a, b FROM t_local AS t WHERE a > 1)",
  ]);
  // Column changes on both tables, data changes on the local one only.
  assert.deepEqual(r.render('ALTER TABLE t ADD COLUMN c UInt8, DROP COLUMN b'), [
    "ALTER TABLE t_local ON CLUSTER '{cluster}' ADD COLUMN c UInt8, DROP COLUMN b",
    "ALTER TABLE t ON CLUSTER '{cluster}' ADD COLUMN c UInt8, DROP COLUMN b",
  ]);
  assert.deepEqual(r.render('ALTER TABLE t ADD INDEX i a TYPE minmax GRANULARITY 1'), [
    "ALTER TABLE t_local ON CLUSTER '{cluster}' ADD INDEX i a TYPE minmax GRANULARITY 1",
  ]);
  assert.throws(() => r.render('ALTER TABLE t ADD COLUMN d UInt8, ADD INDEX j a TYPE minmax'), /mixes column changes/);
  assert.deepEqual(r.render('OPTIMIZE TABLE t FINAL'), ["OPTIMIZE TABLE t_local ON CLUSTER '{cluster}' FINAL"]);
  assert.deepEqual(r.render('INSERT INTO t SELECT 1, 2'), ['INSERT INTO t SELECT 1, 2']);
  assert.deepEqual(r.render('CREATE TABLE n (a UInt8) ENGINE = Null'), ["CREATE TABLE n ON CLUSTER '{cluster}' (a UInt8) ENGINE = Null"]);
  assert.deepEqual(r.render('DROP TABLE IF EXISTS t'), [
    "DROP TABLE IF EXISTS t ON CLUSTER '{cluster}'",
    "DROP TABLE IF EXISTS t_local ON CLUSTER '{cluster}'",
  ]);
  for (const s of [
    'RENAME TABLE a TO b',
    'CREATE TABLE u (a UInt8) ENGINE = MergeTree ORDER BY tuple()',
    'CREATE MATERIALIZED VIEW m TO elsewhere AS SELECT 1 FROM t',
    'CREATE TABLE other.t2 (a UInt8) ENGINE = MergeTree ORDER BY a',
    'CREATE TABLE `t3` (a UInt8) ENGINE = MergeTree ORDER BY a',
  ])
    assert.throws(() => r.render(s), ClusterRenderError, s);
  for (const s of r.render('CREATE TABLE t4 (a UInt8, s String) ENGINE = MergeTree PARTITION BY a ORDER BY (a, s) TTL toDate(a) + 1'))
    assert.doesNotThrow(() => parse(s), s);
});

test("the demo load's clear and merge statements go to each table's local tables ON CLUSTER and parse", () => {
  const tables = demoTables();
  assert.equal(tables.length, 25); // 3 event tables, 19 rollups (the hourly by-video tier dropped by ClickHouse 024), trending's 3 day-list tables
  const parsed = demoTableStatements().map(parse);
  assert.deepEqual(parsed, [
    ...tables.map((t) => `TRUNCATE TABLE ${t}_local ON CLUSTER pulse`),
    ...tables.map((t) => `OPTIMIZE TABLE ${t}_local ON CLUSTER pulse FINAL`),
  ]);
  // A table that is not a local + Distributed pair keeps its name; a name that is not one is refused.
  assert.deepEqual(renderTableStatement('-- x\nTRUNCATE TABLE {table:Identifier}', 'health_probes', false, { cluster: 'c', database: 'd' }), [
    "TRUNCATE TABLE health_probes ON CLUSTER 'c'",
  ]);
  assert.throws(() => renderTableStatement('TRUNCATE TABLE {table:Identifier}', 'a; DROP TABLE b', true, { cluster: 'c', database: 'd' }), ClusterRenderError);
});

test('a migration without a cluster rendering stops start-up naming its file', () => {
  assert.throws(
    () => clickhouseStatements([{ version: 61, name: 'odd', sql: 'RENAME TABLE a TO b;\n', checksum: '', codeChecksum: '' }], { cluster: 'c', database: 'd' }),
    (err: unknown) => err instanceof MigrationError && /^CLICKHOUSE_CLUSTER: clickhouse\/061_odd\.sql: no cluster rendering/.test(err.message),
  );
  assert.equal(renderMigrations([], { cluster: 'c', database: 'd' }).length, 0);
});

test('on a cluster an insert carries the dedup token, dedup in dependent views and a foreground Distributed insert', async () => {
  // A local HTTP endpoint in place of the server: what is checked is what the console sends.
  const seen: URLSearchParams[] = [];
  const server = http.createServer((req, res) => {
    seen.push(new URL(req.url!, 'http://x').searchParams);
    req.resume().on('end', () => res.end(''));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/pulse`;
  const client = createClient({ url, log: { level: ClickHouseLogLevel.OFF } });
  try {
    const catalog = QueryCatalog.load(QUERIES_DIR);
    for (const cluster of [{ cluster: 'pulse', database: 'pulse' }, undefined]) {
      seen.length = 0;
      const store = new ChStore(catalog, { client, mode: 'external', cluster, close: async () => {} });
      await store.insert('video_events', [{ event_id: '3f1d2c4e-8a8e-4d3c-9a55-1c2b3d4e5f60' }], { dedupToken: 'video-events:k1:abc' });
      const p = seen[0]!;
      assert.equal(p.get('insert_deduplication_token'), 'video-events:k1:abc');
      assert.equal(p.get('deduplicate_blocks_in_dependent_materialized_views'), '1');
      assert.equal(p.get('distributed_foreground_insert'), cluster ? '1' : null);
      assert.equal(p.get('database'), 'pulse');
    }
  } finally {
    await client.close();
    server.close();
  }
});

test('on a cluster the demo clear truncates the local tables of a Distributed table ON CLUSTER; without one, the table as named', async () => {
  // A local HTTP endpoint in place of the server: what is checked is what the console sends. It
  // answers the engine query as a cluster would for a sharded table.
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      bodies.push(body);
      res.end(body.includes('system.tables') ? '{"engine":"Distributed"}\n' : '');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/pulse`;
  const client = createClient({ url, log: { level: ClickHouseLogLevel.OFF } });
  try {
    const catalog = QueryCatalog.load(QUERIES_DIR);
    const clear = chQuery('demo/clear_table');
    const sharded = new ChStore(catalog, { client, mode: 'external', cluster: { cluster: 'pulse', database: 'pulse' }, close: async () => {} });
    await sharded.tableCommand(clear, 'ad_stats_15m');
    assert.equal(bodies.length, 2);
    assert.match(bodies[0]!, /FROM system\.tables/);
    assert.equal(bodies[1], "TRUNCATE TABLE ad_stats_15m_local ON CLUSTER 'pulse'");
    bodies.length = 0;
    await new ChStore(catalog, { client, mode: 'external', close: async () => {} }).tableCommand(clear, 'ad_stats_15m');
    assert.equal(bodies.length, 1);
    assert.doesNotMatch(bodies[0]!, /ON CLUSTER/);
  } finally {
    await client.close();
    server.close();
  }
});
