// The SQL loader (docs/architecture.md#floors): every statement of the product is a .sql file under queries/,
// read once at boot. A file opens with a comment (why it exists, which key it relies on).
//
// PostgreSQL files declare typed named parameters in that header, `-- @param name type`, and use
// them as `:name`; the loader rewrites them to `$n::type`. ClickHouse files use the engine's own
// `{name:Type}`. Start-up refuses a file that uses an undeclared parameter or declares an unused
// one, and a query handle (see `pgQuery`/`chQuery`) whose file is missing.
import fs from 'node:fs';
import path from 'node:path';
import type { ChParams, PgParams } from './sql-params.gen.js';

export type Store = 'postgres' | 'clickhouse';

export const PG_PARAM_TYPES = ['text', 'int', 'bigint', 'float8', 'bool', 'timestamptz', 'date', 'jsonb', 'uuid', 'text[]', 'int[]', 'bigint[]'] as const;
export type PgParamType = (typeof PG_PARAM_TYPES)[number];

export interface PgParam {
  name: string;
  type: PgParamType;
  nullable: boolean;
}

export interface LoadedQuery {
  store: Store;
  name: string;
  file: string;
  /** Text sent to the engine: pg placeholders rewritten to $n, a name comment prepended. */
  text: string;
  /** pg: declared parameters in $n order. ClickHouse: the {name:Type} placeholders. */
  params: PgParam[] | { name: string; type: string }[];
}

export class CatalogError extends Error {
  override name = 'CatalogError';
}

const PG_PLACEHOLDER = /(?<![:\w]):([a-zA-Z_][a-zA-Z0-9_]*)/g;
const CH_PLACEHOLDER = /\{([a-zA-Z_][a-zA-Z0-9_]*):([^}]+)\}/g;

/** Blanks out comments and string literals so that placeholders are only found in code. */
function codeOnly(sql: string): string {
  return sql.replace(/--[^\n]*|'(?:[^']|'')*'|\/\*[\s\S]*?\*\//g, (m) => ' '.repeat(m.length));
}

export function parsePgQuery(name: string, file: string, source: string): LoadedQuery {
  const declared = new Map<string, PgParam>();
  for (const m of source.matchAll(/^--\s*@param\s+(\w+)\s+([\w[\]]+)(\?)?\s*$/gm)) {
    const [, pname, ptype, q] = m;
    if (!(PG_PARAM_TYPES as readonly string[]).includes(ptype!)) {
      throw new CatalogError(`${file}: parameter ${pname} has unknown type ${ptype} (one of ${PG_PARAM_TYPES.join(', ')})`);
    }
    if (declared.has(pname!)) throw new CatalogError(`${file}: parameter ${pname} declared twice`);
    declared.set(pname!, { name: pname!, type: ptype as PgParamType, nullable: q === '?' });
  }
  const code = codeOnly(source);
  const used = new Set<string>();
  for (const m of code.matchAll(PG_PLACEHOLDER)) used.add(m[1]!);
  for (const u of used) if (!declared.has(u)) throw new CatalogError(`${file}: :${u} is used but not declared (-- @param ${u} <type>)`);
  for (const d of declared.keys()) if (!used.has(d)) throw new CatalogError(`${file}: parameter ${d} is declared but not used`);
  const order = [...declared.values()];
  const index = new Map(order.map((p, i) => [p.name, i + 1]));
  // Rewrite only in code positions: walk the blanked copy to find offsets, edit the original.
  let text = '';
  let last = 0;
  for (const m of code.matchAll(PG_PLACEHOLDER)) {
    const p = declared.get(m[1]!)!;
    text += source.slice(last, m.index) + `$${index.get(p.name)}::${p.type}`;
    last = m.index! + m[0].length;
  }
  text += source.slice(last);
  return { store: 'postgres', name, file, text: `/* pulse:${name} */\n${text}`, params: order };
}

export function parseChQuery(name: string, file: string, source: string): LoadedQuery {
  const code = codeOnly(source);
  const params = new Map<string, string>();
  for (const m of code.matchAll(CH_PLACEHOLDER)) {
    const prev = params.get(m[1]!);
    if (prev && prev !== m[2]) throw new CatalogError(`${file}: {${m[1]}} used with two types (${prev}, ${m[2]})`);
    params.set(m[1]!, m[2]!.trim());
  }
  const text = source.replace(/;\s*$/, '');
  return { store: 'clickhouse', name, file, text, params: [...params].map(([n, t]) => ({ name: n, type: t })) };
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.name.endsWith('.sql') ? [p] : [];
  });
}

/** Statements run by this process (a Set insert per query; read by the test suite). */
export const usedQueries = new Set<string>();

export class QueryCatalog {
  private readonly queries = new Map<string, LoadedQuery>();

  static load(root: string): QueryCatalog {
    const catalog = new QueryCatalog();
    for (const store of ['postgres', 'clickhouse'] as const) {
      const base = path.join(root, store);
      for (const file of walk(base)) {
        const name = path
          .relative(base, file)
          .replace(/\\/g, '/')
          .replace(/\.sql$/, '');
        const source = fs.readFileSync(file, 'utf8');
        if (!/^\s*--\s*\S/.test(source)) {
          throw new CatalogError(`${file}: a query file opens with a comment saying why it exists and which key it relies on`);
        }
        catalog.queries.set(`${store}:${name}`, store === 'postgres' ? parsePgQuery(name, file, source) : parseChQuery(name, file, source));
      }
    }
    return catalog;
  }

  get(store: Store, name: string): LoadedQuery {
    const q = this.queries.get(`${store}:${name}`);
    if (!q) throw new CatalogError(`queries/${store}/${name}.sql is missing`);
    return q;
  }

  /** Marks a statement as run: the test suite checks that every file ran at least once. */
  use(store: Store, name: string): LoadedQuery {
    const q = this.get(store, name);
    usedQueries.add(`${store}/${name}`);
    return q;
  }

  has(store: Store, name: string): boolean {
    return this.queries.has(`${store}:${name}`);
  }

  all(): LoadedQuery[] {
    return [...this.queries.values()];
  }
}

// Query handles: features declare the statements they run at import time; start-up verifies that
// every declared handle has its file, so a missing file stops the console before it serves.
export interface QueryHandle<P extends Record<string, unknown>, R> {
  store: Store;
  name: string;
  /** Phantom fields carrying the parameter and row types. */
  readonly __params?: P;
  readonly __row?: R;
}

/** A handle whose parameter type comes from its .sql file; `.returns<Row>()` names the row type. */
export interface TypedHandle<P extends Record<string, unknown>> extends QueryHandle<P, Record<string, unknown>> {
  returns<R>(): QueryHandle<P, R>;
}

const declaredHandles: QueryHandle<Record<string, unknown>, unknown>[] = [];

function declare<P extends Record<string, unknown>>(store: Store, name: string): TypedHandle<P> {
  const h: TypedHandle<P> = { store, name, returns: <R>() => h as unknown as QueryHandle<P, R> };
  declaredHandles.push(h as unknown as QueryHandle<Record<string, unknown>, unknown>);
  return h;
}

/** A PostgreSQL statement, `queries/postgres/<name>.sql`; parameters typed by server/db/sql-params.gen.ts. */
export function pgQuery<N extends keyof PgParams>(name: N): TypedHandle<PgParams[N]> {
  return declare<PgParams[N]>('postgres', name);
}

/** A ClickHouse statement, `queries/clickhouse/<name>.sql`; parameters typed by server/db/sql-params.gen.ts. */
export function chQuery<N extends keyof ChParams>(name: N): TypedHandle<ChParams[N]> {
  return declare<ChParams[N]>('clickhouse', name);
}

export function verifyHandles(catalog: QueryCatalog): void {
  for (const h of declaredHandles) catalog.get(h.store, h.name);
}
