import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { chType, render as renderSqlParams } from '../../scripts/sql-types.js';
import { CatalogError, parseChQuery, parsePgQuery, QueryCatalog, verifyHandles, pgQuery } from '../../server/db/catalog.js';
import { pgValues, chValues, QueryParamError } from '../../server/db/params.js';
import type { PgParams } from '../../server/db/sql-params.gen.js';

test('pg placeholders become $n with the declared cast, in declaration order', () => {
  const q = parsePgQuery(
    't/a',
    'a.sql',
    [
      '-- why',
      '-- @param to timestamptz',
      '-- @param from timestamptz',
      '-- @param limit int',
      "SELECT ':not_a_param' AS s, x::text FROM t -- :nor_this",
      'WHERE at >= :from AND at < :to AND b = :from LIMIT :limit',
    ].join('\n'),
  );
  assert.deepEqual(
    q.params.map((p) => p.name),
    ['to', 'from', 'limit'],
  );
  assert.match(q.text, /WHERE at >= \$2::timestamptz AND at < \$1::timestamptz AND b = \$2::timestamptz LIMIT \$3::int/);
  assert.match(q.text, /':not_a_param' AS s, x::text FROM t -- :nor_this/);
  assert.ok(q.text.startsWith('/* pulse:t/a */'));
});

test('a used but undeclared, or declared but unused, pg parameter is refused', () => {
  assert.throws(
    () => parsePgQuery('t/b', 'b.sql', '-- why\nSELECT :x'),
    (e: Error) => e instanceof CatalogError && /:x is used but not declared/.test(e.message),
  );
  assert.throws(
    () => parsePgQuery('t/c', 'c.sql', '-- why\n-- @param y int\nSELECT 1'),
    (e: Error) => e instanceof CatalogError && /y is declared but not used/.test(e.message),
  );
  assert.throws(() => parsePgQuery('t/d', 'd.sql', '-- why\n-- @param y money\nSELECT :y'), /unknown type money/);
});

test('clickhouse placeholders are read from the text; one name cannot take two types', () => {
  const q = parseChQuery('t/e', 'e.sql', "-- why\nSELECT {a:UInt32}, {b:DateTime64(3)} WHERE c = {a:UInt32} AND s = '{z:String}'");
  assert.deepEqual(q.params, [
    { name: 'a', type: 'UInt32' },
    { name: 'b', type: 'DateTime64(3)' },
  ]);
  assert.throws(() => parseChQuery('t/f', 'f.sql', '-- why\nSELECT {a:UInt32}, {a:String}'), /two types/);
});

test('parameters passed at run time must match the declaration exactly and by type', () => {
  const q = parsePgQuery('t/g', 'g.sql', '-- why\n-- @param id bigint\n-- @param note text?\nSELECT :id, :note');
  assert.deepEqual(pgValues(q, { id: 7, note: null }), ['7', null]);
  assert.throws(() => pgValues(q, { id: 7 }), QueryParamError);
  assert.throws(() => pgValues(q, { id: 7, note: 'x', extra: 1 }), /extra is passed but not declared/);
  assert.throws(() => pgValues(q, { id: 'seven', note: 'x' }), /must be an integer/);
  const c = parseChQuery('t/h', 'h.sql', '-- why\nSELECT {from:DateTime64(3)}');
  assert.deepEqual(chValues(c, { from: new Date('2026-03-08T10:00:00.123Z') }), { from: '2026-03-08 10:00:00.123' });
  assert.throws(() => chValues(c, {}), /from is declared but not passed/);
});

test('every query file of the product loads, and a handle without a file stops start-up', () => {
  const catalog = QueryCatalog.load(path.resolve('queries'));
  assert.ok(catalog.has('postgres', 'system/list_migrations'));
  assert.ok(catalog.has('clickhouse', 'system/list_migrations'));
  // A name the generated types do not know is a type error too; forced here to test the run-time check.
  pgQuery('no/such_file' as keyof PgParams);
  assert.throws(() => verifyHandles(catalog), /queries\/postgres\/no\/such_file\.sql is missing/);
});

test('the generated parameter types are current with queries/ (npm run sql:types)', () => {
  const committed = fs.readFileSync(path.resolve('server/db/sql-params.gen.ts'), 'utf8');
  assert.equal(committed, renderSqlParams(QueryCatalog.load(path.resolve('queries'))), 'run `npm run sql:types` and commit server/db/sql-params.gen.ts');
});

test('ClickHouse types map to the TypeScript a caller passes', () => {
  assert.equal(chType('UInt32'), 'number');
  assert.equal(chType('UInt64'), 'number | string');
  assert.equal(chType("DateTime64(3, 'UTC')"), 'Date | string');
  assert.equal(chType('Array(UInt32)'), 'readonly (number)[]');
  assert.equal(chType('Nullable(UInt64)'), 'number | string | null');
  assert.equal(chType('LowCardinality(String)'), 'string');
});
