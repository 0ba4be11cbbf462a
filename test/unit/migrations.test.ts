import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { checkUnchanged, readCommentEdits, readMigrations, splitStatements, sqlCode } from '../../server/db/migrate.js';

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

// Comment-only edits of applied migrations (server/db/migrate.ts, docs/decisions.md "Stores").
test('the code of a migration drops comments and collapses whitespace, but keeps quoted text as written', () => {
  const sql = "-- head (a citation)\nCREATE TABLE t (\n  s String DEFAULT '-- not a comment', /* block */ x  UInt8 -- tail\n);\n";
  assert.equal(sqlCode(sql), "CREATE TABLE t ( s String DEFAULT '-- not a comment', x UInt8 );");
  assert.equal(sqlCode("SELECT 'it''s', 'a\\'b  c' -- x"), "SELECT 'it''s', 'a\\'b  c'");
  assert.equal(sqlCode('SELECT "a  --b"'), 'SELECT "a  --b"');
  // Rewrapping a comment is not a change; a change inside a literal or the code is.
  assert.equal(sqlCode('-- one two\n-- three\nSELECT 1;'), sqlCode('-- one\n-- two three\n\nSELECT 1;'));
  assert.notEqual(sqlCode("SELECT 'a  b'"), sqlCode("SELECT 'a b'"));
  assert.notEqual(sqlCode('SELECT 1 -- x\n, 2'), sqlCode('SELECT 1'));
});

test('an applied migration may differ only as a listed comment-only edit whose code is still the file', () => {
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const before = '-- cites an old plan\nCREATE TABLE t (x UInt8);\n';
  const after = '-- cites docs/architecture.md\nCREATE TABLE t (x UInt8);\n';
  const file = (sql: string) => ({ version: 1, name: 't', sql, checksum: sha(sql), codeChecksum: sha('CREATE TABLE t (x UInt8);') });
  const applied = [{ version: 1, name: 't', checksum: sha(before), appliedAt: '' }];
  const edit = { 1: [{ before: sha(before), code: sha('CREATE TABLE t (x UInt8);') }] };
  assert.deepEqual([...checkUnchanged('x', [{ ...applied[0]!, checksum: sha(after) }], [file(after)])], [1]);
  assert.throws(() => checkUnchanged('x', applied, [file(after)]), /001_t was changed after it was applied/);
  assert.deepEqual([...checkUnchanged('x', applied, [file(after)], edit)], [1]);
  // The listed edit does not cover a later change of code.
  const changed = '-- cites docs/architecture.md\nCREATE TABLE t (x UInt16);\n';
  const changedFile = { ...file(changed), codeChecksum: sha('CREATE TABLE t (x UInt16);') };
  assert.throws(() => checkUnchanged('x', applied, [changedFile], edit), /was changed after it was applied/);
});

test("every listed comment-only edit still matches its file's code", () => {
  const root = path.resolve('queries/migrations');
  for (const store of ['postgres', 'clickhouse'] as const) {
    const byVersion = new Map(readMigrations(path.join(root, store)).map((m) => [m.version, m]));
    for (const [version, list] of Object.entries(readCommentEdits(root, store))) {
      const m = byVersion.get(Number(version));
      assert.ok(m, `${store} ${version} exists`);
      for (const e of list) {
        assert.equal(e.code, createHash('sha256').update(sqlCode(m.sql)).digest('hex'), `${store} ${version}`);
        assert.notEqual(e.before, m.checksum, `${store} ${version}: the edit is in the file`);
      }
    }
  }
  // No migration cites planning documents outside the repository (the names are spelled in parts
  // so that this test is not itself such a citation).
  const outside = new RegExp(['DESIGN \u00a7', 'NOTES' + '-engines', '\\.\\./' + 'shared'].join('|'));
  for (const store of ['postgres', 'clickhouse'])
    for (const m of readMigrations(path.join(root, store))) assert.doesNotMatch(m.sql, outside, `${store} ${m.version}`);
});
