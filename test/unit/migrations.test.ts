import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { readMigrations, splitStatements } from '../../server/db/migrate.js';

test('clickhouse migration files split into single statements, comments dropped', () => {
  const stmts = splitStatements('-- a\nCREATE TABLE a (x UInt8) ENGINE = Memory;\n\n-- b; not a split\nCREATE VIEW v AS SELECT \';\' AS s;\n');
  assert.deepEqual(stmts, ['CREATE TABLE a (x UInt8) ENGINE = Memory', "CREATE VIEW v AS SELECT ';' AS s"]);
});

test('migrations are numbered without gaps from 001 in both stores', () => {
  for (const store of ['postgres', 'clickhouse']) {
    const dir = path.resolve('queries/migrations', store);
    const versions = readMigrations(dir).map((m) => m.version);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sql'));
    assert.deepEqual(versions, files.map((_, i) => i + 1), store);
  }
});
