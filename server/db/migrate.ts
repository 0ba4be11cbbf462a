// Numbered migrations for both stores (queries/migrations/<store>/NNN_name.sql), applied at
// start, idempotent, recorded per store in schema_migrations with a checksum: a migration that
// changed after it was applied stops start-up rather than leaving the schema in doubt. An edit of
// comments only is allowed when queries/migrations/comment-edits.json lists the file's former
// checksum with the checksum of its code (comments dropped), which must still be the file's.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { pgQuery, chQuery } from './catalog.js';
import { ClusterRenderer, ClusterRenderError, renderMigrations, type ClusterOptions } from './cluster.js';
import type { Stores } from './stores.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** sha256 of the file's text, as recorded when it is applied. */
  checksum: string;
  /** sha256 of the file's code: comments dropped, whitespace outside quotes collapsed. */
  codeChecksum: string;
}

/** A comment-only edit of an applied migration: the file's checksum before, and its code's. */
export interface CommentEdit {
  before: string;
  code: string;
}
export type CommentEdits = Record<number, CommentEdit[]>;

export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
  appliedAt: string;
}

const pgCreateMigrationsTable = pgQuery('system/create_migrations_table');
const pgLockMigrations = pgQuery('system/lock_migrations');
const pgListMigrations = pgQuery('system/list_migrations').returns<AppliedMigration>();
const pgRecordMigration = pgQuery('system/record_migration');
const chCreateMigrationsTable = chQuery('system/create_migrations_table');
const chListMigrations = chQuery('system/list_migrations').returns<AppliedMigration>();
const chRecordMigration = chQuery('system/record_migration');

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export function readMigrations(dir: string): Migration[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const seen = new Set<number>();
  return files.map((f) => {
    const m = /^(\d{3})_([a-z0-9_]+)\.sql$/.exec(f);
    if (!m) throw new MigrationError(`${dir}/${f}: a migration is named NNN_name.sql`);
    const version = Number(m[1]);
    if (seen.has(version)) throw new MigrationError(`${dir}/${f}: version ${version} is used twice`);
    seen.add(version);
    const sql = fs.readFileSync(path.join(dir, f), 'utf8');
    return { version, name: m[2]!, sql, checksum: sha256(sql), codeChecksum: sha256(sqlCode(sql)) };
  });
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The code of a migration: `--` and block comments dropped, runs of whitespace outside quotes
 * made one space. Quoted text ('…', "…", `…`; a backslash escapes inside them, as ClickHouse
 * reads it) is kept as written, so `'a -- b'` stays code and a change inside a literal counts.
 */
export function sqlCode(sql: string): string {
  let out = '';
  let i = 0;
  let space = false;
  const emit = (text: string) => {
    if (space && out !== '') out += ' ';
    space = false;
    out += text;
  };
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      space = true;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
      space = true;
    } else if (/\s/.test(c)) {
      space = true;
      i++;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < sql.length && sql[j] !== c) j += sql[j] === '\\' ? 2 : 1;
      emit(sql.slice(i, j + 1));
      i = j + 1;
    } else {
      emit(c);
      i++;
    }
  }
  return out;
}

/** The comment-only edits of one store's applied migrations (queries/migrations/comment-edits.json). */
export function readCommentEdits(root: string, store: 'postgres' | 'clickhouse'): CommentEdits {
  const file = path.join(root, 'comment-edits.json');
  if (!fs.existsSync(file)) return {};
  const all = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, CommentEdit[]>>;
  const edits: CommentEdits = {};
  for (const [version, list] of Object.entries(all[store] ?? {})) edits[Number(version)] = list;
  return edits;
}

/** ClickHouse takes one statement per request: split a file at semicolons that end a line. */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}

/**
 * The statements each ClickHouse migration runs: as written, or rendered for CLICKHOUSE_CLUSTER
 * (every file in order, applied or not: later files refer to tables the earlier ones made).
 */
export function clickhouseStatements(files: Migration[], cluster?: ClusterOptions): (Migration & { statements: string[] })[] {
  const split = files.map((m) => ({ ...m, statements: splitStatements(m.sql) }));
  if (!cluster) return split;
  try {
    return renderMigrations(split, cluster).map(({ rendered, ...m }) => ({ ...m, statements: rendered }));
  } catch (err) {
    if (err instanceof ClusterRenderError) throw new MigrationError(`CLICKHOUSE_CLUSTER: ${err.message}`);
    throw err;
  }
}

/**
 * The versions already applied; throws when an applied file changed. A recorded checksum other
 * than the file's is accepted only as a listed comment-only edit whose code is still the file's.
 */
export function checkUnchanged(store: string, applied: AppliedMigration[], files: Migration[], edits: CommentEdits = {}): Set<number> {
  const byVersion = new Map(files.map((m) => [m.version, m]));
  for (const a of applied) {
    const f = byVersion.get(a.version);
    const commentsOnly = (e: CommentEdit) => e.before === a.checksum && e.code === f?.codeChecksum;
    if (f && f.checksum !== a.checksum && !(edits[a.version] ?? []).some(commentsOnly)) {
      throw new MigrationError(
        `${store} migration ${String(a.version).padStart(3, '0')}_${a.name} was changed after it was applied; add a new migration instead`,
      );
    }
  }
  return new Set(applied.map((a) => a.version));
}

export async function migrate(stores: Stores, root: string, log: Logger): Promise<{ postgres: number; clickhouse: number }> {
  let pgApplied = 0;
  const pgFiles = readMigrations(path.join(root, 'postgres'));
  await stores.pg.exec(pgCreateMigrationsTable, {});
  await stores.pg.tx(async (tx) => {
    await tx.rows(pgLockMigrations, {});
    const done = checkUnchanged('postgres', await tx.rows(pgListMigrations, {}), pgFiles, readCommentEdits(root, 'postgres'));
    for (const m of pgFiles) {
      if (done.has(m.version)) continue;
      log.info({ store: 'postgres', version: m.version, name: m.name }, 'applying migration');
      await tx.script(m.sql);
      await tx.exec(pgRecordMigration, { version: m.version, name: m.name, checksum: m.checksum });
      pgApplied++;
    }
  });

  let chApplied = 0;
  const cluster = stores.ch.handle.cluster;
  // Rendered before anything runs: a statement without a cluster rendering stops start-up first.
  const chFiles = clickhouseStatements(readMigrations(path.join(root, 'clickhouse')), cluster);
  if (cluster) {
    const create = stores.catalog.use('clickhouse', chCreateMigrationsTable.name).text;
    for (const stmt of new ClusterRenderer(cluster).render(create)) await stores.ch.execScriptStatement(stmt);
  } else {
    await stores.ch.command(chCreateMigrationsTable, {});
  }
  const done = checkUnchanged('clickhouse', await stores.ch.rows(chListMigrations, {}), chFiles, readCommentEdits(root, 'clickhouse'));
  for (const m of chFiles) {
    if (done.has(m.version)) continue;
    log.info({ store: 'clickhouse', version: m.version, name: m.name, cluster: cluster?.cluster }, 'applying migration');
    for (const stmt of m.statements) await stores.ch.execScriptStatement(stmt);
    await stores.ch.command(chRecordMigration, { version: m.version, name: m.name, checksum: m.checksum });
    chApplied++;
  }
  return { postgres: pgApplied, clickhouse: chApplied };
}

export async function listMigrations(stores: Stores): Promise<{ postgres: AppliedMigration[]; clickhouse: AppliedMigration[] }> {
  const [postgres, clickhouse] = await Promise.all([stores.pg.rows(pgListMigrations, {}), stores.ch.rows(chListMigrations, {})]);
  return {
    postgres: postgres.map((m) => ({ ...m, appliedAt: new Date(m.appliedAt).toISOString() })),
    clickhouse,
  };
}
