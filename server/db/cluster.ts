// Renders the ClickHouse migrations for a cluster (CLICKHOUSE_CLUSTER; docs/clickhouse.md).
// The migration files are written for one server; this turns each statement into its cluster
// form, generically, so a new migration needs no cluster twin:
//   - a *MergeTree table `t` becomes `t_local` (Replicated…MergeTree, ON CLUSTER) on every shard
//     and `t` a Distributed table over them: queries and inserts keep using `t`;
//   - `non_replicated_deduplication_window` becomes `replicated_deduplication_window`, so a retried
//     insert with the same dedup token still counts once (raw table and rollups);
//   - a materialized view reads the local table of its source and writes the local table of its
//     target (each shard aggregates its own rows; reads merge the shards through `Distributed`);
//   - ALTER, DROP, OPTIMIZE, TRUNCATE go to the table(s) they concern, ON CLUSTER.
// A statement it has no rule for stops the rendering with the statement named: never a silent
// single-node statement on a cluster. Pure text work (no engine is loaded here).

export class ClusterRenderError extends Error {
  override name = 'ClusterRenderError';
}

export interface ClusterOptions {
  /** The cluster's name in the servers' remote_servers (or a macro such as `{cluster}`). */
  cluster: string;
  /** The database the console uses (from CLICKHOUSE_URL), named in Distributed engines. */
  database: string;
}

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
export const LOCAL_SUFFIX = '_local';
/** What a cluster or database name may hold: it is written into DDL between single quotes. */
export const CLUSTER_NAME = /^[A-Za-z0-9_.{}-]+$/;

/**
 * The statement with string literals, quoted identifiers and comments blanked out (same length,
 * so offsets match the original) and, when `topOnly`, everything inside parentheses too.
 */
export function mask(sql: string, topOnly = true): string {
  let out = '';
  let depth = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === '\\') j += 2;
        else if (sql[j] === c && sql[j + 1] === c) j += 2;
        else if (sql[j] === c) break;
        else j++;
      }
      out += ' '.repeat(Math.min(j + 1, sql.length) - i);
      i = j + 1;
      continue;
    }
    if (sql.startsWith('--', i) || sql.startsWith('/*', i)) {
      const end = sql.startsWith('--', i) ? sql.indexOf('\n', i) : sql.indexOf('*/', i) + 2;
      const j = end <= i ? sql.length : end;
      out += ' '.repeat(j - i);
      i = j;
      continue;
    }
    if (c === '(') {
      out += depth === 0 || !topOnly ? c : ' ';
      depth++;
    } else if (c === ')') {
      depth--;
      out += depth === 0 || !topOnly ? c : ' ';
    } else {
      out += depth > 0 && topOnly ? ' ' : c;
    }
    i++;
  }
  return out;
}

/** Index of the parenthesis closing the one at `open`. */
function closing(sql: string, open: number): number {
  const m = mask(sql.slice(open), true);
  const close = m.indexOf(')');
  if (close < 0) throw new ClusterRenderError(`unbalanced parentheses in: ${preview(sql)}`);
  return open + close;
}

function preview(sql: string): string {
  return sql.replace(/\s+/g, ' ').slice(0, 120);
}

/** Replaces [start, end) of text with a string. */
function splice(text: string, start: number, end: number, value: string): string {
  return text.slice(0, start) + value + text.slice(end);
}

/** The expression list of a sorting key without its outer tuple parentheses. */
function keyColumns(orderBy: string): string {
  let key = orderBy.trim();
  if (key.startsWith('(') && closing(key, 0) === key.length - 1) key = key.slice(1, -1).trim();
  if (!key || /^tuple\s*\(\s*\)$/i.test(key)) return '';
  return key;
}

const TABLE_CLAUSE = /\b(PRIMARY\s+KEY|SAMPLE\s+BY|TTL|SETTINGS|COMMENT|PARTITION\s+BY|ORDER\s+BY)\b/gi;

const COLUMN_ACTION = /^(ADD|DROP|MODIFY|RENAME|COMMENT)\s+COLUMN\b/i;

/** Keywords that may follow a table name in FROM (so the name carries no alias yet). */
const AFTER_TABLE = new Set([
  'WHERE',
  'PREWHERE',
  'GROUP',
  'ORDER',
  'LIMIT',
  'HAVING',
  'WINDOW',
  'QUALIFY',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'SETTINGS',
  'FORMAT',
  'FINAL',
  'SAMPLE',
  'ARRAY',
  'LEFT',
  'RIGHT',
  'INNER',
  'OUTER',
  'FULL',
  'CROSS',
  'JOIN',
  'GLOBAL',
  'ANY',
  'ALL',
  'ASOF',
  'SEMI',
  'ANTI',
  'PASTE',
  'USING',
  'ON',
]);

/**
 * Renders statements for a cluster, remembering across statements (and files, in order) which
 * tables became local + Distributed pairs. One renderer per ordered list of migrations.
 */
export class ClusterRenderer {
  private readonly sharded = new Set<string>();
  private readonly on: string;

  /** `sharded`: tables already made local + Distributed pairs (by migrations rendered elsewhere). */
  constructor(
    private readonly opts: ClusterOptions,
    sharded: Iterable<string> = [],
  ) {
    for (const t of sharded) this.sharded.add(t);
    for (const [what, v] of [
      ['cluster', opts.cluster],
      ['database', opts.database],
    ] as const) {
      if (!CLUSTER_NAME.test(v)) throw new ClusterRenderError(`${what} name ${JSON.stringify(v)} holds characters other than letters, digits, _ . - { }`);
    }
    this.on = ` ON CLUSTER '${opts.cluster}'`;
  }

  /** Tables rendered as `<name>_local` + Distributed `<name>`, in creation order. */
  get shardedTables(): string[] {
    return [...this.sharded];
  }

  /** One single-server statement → its cluster statements, in the order they must run. */
  render(statement: string): string[] {
    const sql = statement.trim();
    if (/[`"]/.test(sql.replace(/'(?:[^'\\]|\\.|'')*'/g, "''")) || /\b(TABLE|VIEW|TO|FROM|JOIN|DICTIONARY|EXISTS)\s+\w+\.\w+/i.test(mask(sql, false))) {
      throw new ClusterRenderError(`quoted or database-qualified names are not rendered for a cluster: ${preview(sql)}`);
    }
    if (/^CREATE\s+TABLE\b/i.test(sql)) return this.createTable(sql);
    if (/^CREATE\s+MATERIALIZED\s+VIEW\b/i.test(sql)) return [this.createMaterializedView(sql)];
    if (/^CREATE\s+(OR\s+REPLACE\s+)?(VIEW|DICTIONARY|FUNCTION)\b/i.test(sql))
      return [this.afterName(sql, new RegExp(`^CREATE\\s+(OR\\s+REPLACE\\s+)?(VIEW|DICTIONARY|FUNCTION)\\s+(IF\\s+NOT\\s+EXISTS\\s+)?${NAME}`, 'i'))];
    if (/^ALTER\s+TABLE\b/i.test(sql)) return this.alterTable(sql);
    if (/^DROP\s+(TABLE|VIEW|DICTIONARY|FUNCTION)\b/i.test(sql)) return this.drop(sql);
    if (/^(OPTIMIZE|TRUNCATE)\s+TABLE\b/i.test(sql))
      return [this.onLocal(sql, new RegExp(`^(OPTIMIZE|TRUNCATE)\\s+TABLE\\s+(IF\\s+EXISTS\\s+)?(${NAME})`, 'i'))];
    // Data statements run once, through the Distributed tables, which route each row to its shard.
    if (/^INSERT\s+INTO\b/i.test(sql)) return [sql];
    throw new ClusterRenderError(`no cluster rendering for this kind of statement: ${preview(sql)}`);
  }

  private head(sql: string, re: RegExp): RegExpExecArray {
    const m = re.exec(sql);
    if (!m) throw new ClusterRenderError(`cannot read the statement's head: ${preview(sql)}`);
    return m;
  }

  /** Inserts ON CLUSTER right after the object name matched by `re` (which ends at the name). */
  private afterName(sql: string, re: RegExp): string {
    const m = this.head(sql, re);
    return splice(sql, m[0].length, m[0].length, this.on);
  }

  /** Renames the table matched as the last group of `re` to its local table (if sharded) + ON CLUSTER. */
  private onLocal(sql: string, re: RegExp): string {
    const m = this.head(sql, re);
    const name = m[m.length - 1]!;
    const local = this.sharded.has(name) ? name + LOCAL_SUFFIX : name;
    return splice(sql, m[0].length - name.length, m[0].length, local + this.on);
  }

  private createTable(sql: string): string[] {
    const m = this.head(sql, new RegExp(`^CREATE\\s+TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?(${NAME})`, 'i'));
    const name = m[2]!;
    const top = mask(sql);
    const engine = /\bENGINE\s*=\s*([A-Za-z_]\w*)/i.exec(top);
    if (!engine) throw new ClusterRenderError(`CREATE TABLE ${name} names no ENGINE`);
    const engineName = engine[1]!;
    const family = /^(\w*)MergeTree$/.exec(engineName);
    if (!family || engineName.startsWith('Replicated')) {
      // Not a MergeTree (Null, Memory, Dictionary, Buffer…) or already replicated: one per server.
      return [splice(sql, m[0].length, m[0].length, this.on)];
    }
    if (/^\s*AS\s+SELECT\b/i.test(top.slice(engine.index)))
      throw new ClusterRenderError(`CREATE TABLE ${name} … AS SELECT is not rendered for a cluster: create the table, then INSERT … SELECT`);

    // Clauses at the top level, in the statement's own order.
    const clauses = [...top.matchAll(TABLE_CLAUSE)].map((c) => ({
      word: c[1]!.replace(/\s+/g, ' ').toUpperCase(),
      at: c.index!,
      body: c.index! + c[0].length,
    }));
    const order = clauses.find((c) => c.word === 'ORDER BY');
    const orderEnd = order ? (clauses.find((c) => c.at > order.at)?.at ?? sql.length) : -1;
    const key = order ? keyColumns(sql.slice(order.body, orderEnd)) : '';
    if (!key) throw new ClusterRenderError(`CREATE TABLE ${name} has no sorting key to shard by (ORDER BY)`);

    // Edits from the end backwards so that earlier offsets stay valid.
    let local = sql;
    const settings = clauses.find((c) => c.word === 'SETTINGS');
    if (settings) {
      const end = clauses.find((c) => c.at > settings.at)?.at ?? sql.length;
      const body = local.slice(settings.body, end).replace(/\bnon_replicated_deduplication_window\b/g, 'replicated_deduplication_window');
      local = splice(local, settings.body, end, body);
    }
    const nameEnd = engine.index + engine[0].length;
    const argsOpen = /^\s*\(/.exec(sql.slice(nameEnd));
    const argsEnd = argsOpen ? closing(sql, nameEnd + argsOpen[0].length - 1) + 1 : nameEnd;
    const args = argsOpen ? sql.slice(nameEnd + argsOpen[0].length, argsEnd - 1).trim() : '';
    const path = `'/clickhouse/tables/{shard}/${this.opts.database}/${name}${LOCAL_SUFFIX}'`;
    const replicated = `Replicated${family[1]}MergeTree(${[path, "'{replica}'", ...(args ? [args] : [])].join(', ')})`;
    local = splice(local, engine.index + engine[0].length - engineName.length, argsEnd, replicated);
    local = splice(local, m[0].length, m[0].length, LOCAL_SUFFIX + this.on);

    const ifNotExists = m[1] ? 'IF NOT EXISTS ' : '';
    const distributed =
      `CREATE TABLE ${ifNotExists}${name}${this.on} AS ${name}${LOCAL_SUFFIX}\n` +
      `ENGINE = Distributed('${this.opts.cluster}', '${this.opts.database}', '${name}${LOCAL_SUFFIX}', cityHash64(${key}))`;
    this.sharded.add(name);
    return [local, distributed];
  }

  private createMaterializedView(sql: string): string {
    const m = this.head(sql, new RegExp(`^(CREATE\\s+MATERIALIZED\\s+VIEW\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(${NAME}))\\s+TO\\s+(${NAME})`, 'i'));
    const [head, , view, target] = m as unknown as [string, string, string, string];
    if (!this.sharded.has(target))
      throw new ClusterRenderError(`materialized view ${view} writes to ${target}, which is not a sharded table of the migrations`);
    const as = /\bAS\b/i.exec(mask(sql).slice(head.length));
    if (!as) throw new ClusterRenderError(`materialized view ${view} has no AS SELECT`);
    const source = this.sourceTable(sql, head.length + as.index + as[0].length);
    if (!source) throw new ClusterRenderError(`materialized view ${view}: cannot find the table it reads`);
    let out = sql;
    if (this.sharded.has(source.name)) {
      // The view fires on inserts into the table it reads: the shard's local table. Aliased to the
      // original name so that qualified columns (`video_events.watch_ms`) still resolve.
      const rename = source.aliased ? `${source.name}${LOCAL_SUFFIX}` : `${source.name}${LOCAL_SUFFIX} AS ${source.name}`;
      out = splice(out, source.at, source.at + source.name.length, rename);
    }
    return `${m[1]}${this.on} TO ${target}${LOCAL_SUFFIX}${out.slice(head.length)}`;
  }

  /** The table a SELECT reads first (the one a materialized view fires on), descending into subqueries. */
  private sourceTable(sql: string, from: number): { name: string; at: number; aliased: boolean } | undefined {
    const top = mask(sql.slice(from));
    const f = /\bFROM\s+/i.exec(top);
    if (!f) return undefined;
    const at = from + f.index + f[0].length;
    if (sql[at] === '(') {
      const inner = /\bSELECT\b/i.exec(sql.slice(at + 1));
      return inner ? this.sourceTable(sql.slice(0, closing(sql, at)), at + 1) : undefined;
    }
    const name = new RegExp(`^(${NAME})\\s*(${NAME})?`).exec(sql.slice(at));
    if (!name) return undefined;
    const next = name[2]?.toUpperCase();
    return { name: name[1]!, at, aliased: next !== undefined && !AFTER_TABLE.has(next) };
  }

  private alterTable(sql: string): string[] {
    const m = this.head(sql, new RegExp(`^ALTER\\s+TABLE\\s+(${NAME})\\s+`, 'i'));
    const name = m[1]!;
    const actionsText = sql.slice(m[0].length);
    if (/^MODIFY\s+QUERY\b/i.test(actionsText))
      throw new ClusterRenderError(`ALTER TABLE ${name} MODIFY QUERY is not rendered for a cluster: drop and create the view`);
    const withCluster = (table: string) => `ALTER TABLE ${table}${this.on} ${actionsText}`;
    if (!this.sharded.has(name)) return [withCluster(name)];
    const top = mask(actionsText);
    const actions: string[] = [];
    let start = 0;
    for (let i = 0; i <= top.length; i++) {
      if (i === top.length || top[i] === ',') {
        actions.push(actionsText.slice(start, i).trim());
        start = i + 1;
      }
    }
    const columns = actions.filter((a) => COLUMN_ACTION.test(a)).length;
    // Column changes go to both tables (the Distributed table has the columns too); data, index,
    // projection, TTL and setting changes only to the local tables that hold the data.
    if (columns === actions.length) return [withCluster(name + LOCAL_SUFFIX), withCluster(name)];
    if (columns === 0) return [withCluster(name + LOCAL_SUFFIX)];
    throw new ClusterRenderError(`ALTER TABLE ${name} mixes column changes with other changes: write them as two statements`);
  }

  private drop(sql: string): string[] {
    const m = this.head(sql, new RegExp(`^DROP\\s+(TABLE|VIEW|DICTIONARY|FUNCTION)\\s+(IF\\s+EXISTS\\s+)?(${NAME})`, 'i'));
    const name = m[3]!;
    const dropped = splice(sql, m[0].length, m[0].length, this.on);
    if (m[1]!.toUpperCase() !== 'TABLE' || !this.sharded.has(name)) return [dropped];
    this.sharded.delete(name);
    const local = splice(sql, m[0].length - name.length, m[0].length, name + LOCAL_SUFFIX + this.on);
    return [dropped, local];
  }
}

/**
 * One statement on a table named by code (`{table:Identifier}` in its file: TRUNCATE, OPTIMIZE),
 * rendered for a cluster like a migration statement: the name written in, then to the local table
 * when the table is a local + Distributed pair, ON CLUSTER. A `TRUNCATE` of the Distributed table
 * would only drop its queue of pending inserts, and `OPTIMIZE` is refused by it.
 */
export function renderTableStatement(sql: string, table: string, sharded: boolean, opts: ClusterOptions): string[] {
  return new ClusterRenderer(opts, sharded ? [table] : []).render(bindTable(sql, table));
}

/**
 * A statement file's `{table:Identifier}` with the table's name written in (comments dropped): only
 * a plain identifier is, into a text that names the placeholder.
 */
export function bindTable(sql: string, table: string): string {
  if (!new RegExp(`^${NAME}$`).test(table)) throw new ClusterRenderError(`not a table name: ${JSON.stringify(table)}`);
  const text = sql.replace(/^\s*--.*$/gm, '').trim();
  if (!text.includes('{table:Identifier}')) throw new ClusterRenderError(`names no {table:Identifier}: ${preview(text)}`);
  return text.replaceAll('{table:Identifier}', table);
}

/** Every statement of every migration, rendered in order: files keep their statement lists. */
export function renderMigrations<T extends { version: number; name: string; statements: string[] }>(
  files: T[],
  opts: ClusterOptions,
): (T & { rendered: string[] })[] {
  const renderer = new ClusterRenderer(opts);
  return files.map((f) => {
    try {
      return { ...f, rendered: f.statements.flatMap((s) => renderer.render(s)) };
    } catch (err) {
      if (err instanceof ClusterRenderError) err.message = `clickhouse/${String(f.version).padStart(3, '0')}_${f.name}.sql: ${err.message}`;
      throw err;
    }
  });
}
