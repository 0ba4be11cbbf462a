import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { readMigrations, splitStatements } from '../../server/db/migrate.js';

test('clickhouse migration files split into single statements, comments dropped', () => {
  const stmts = splitStatements("-- a\nCREATE TABLE a (x UInt8) ENGINE = Memory;\n\n-- b; not a split\nCREATE VIEW v AS SELECT ';' AS s;\n");
  assert.deepEqual(stmts, ['CREATE TABLE a (x UInt8) ENGINE = Memory', "CREATE VIEW v AS SELECT ';' AS s"]);
});

// Features own fixed numbers (ingest 005, moderation 006, campaigns 007, alerting 008, dashboards
// 009) so that branches built side by side do not collide; a branch may therefore skip numbers.
test('migrations are numbered from 001, each number once, in ascending order, in both stores', () => {
  for (const store of ['postgres', 'clickhouse']) {
    const dir = path.resolve('queries/migrations', store);
    const versions = readMigrations(dir).map((m) => m.version);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sql'));
    assert.equal(versions.length, files.length, store);
    assert.equal(versions[0], 1, store);
    assert.deepEqual(
      versions,
      [...new Set(versions)].sort((a, b) => a - b),
      store,
    );
  }
});
