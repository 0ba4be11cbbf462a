// Run-time checks of query parameters against the declared types: a wrong key or value is a
// programming error caught before the statement reaches the engine.
import type { LoadedQuery, PgParam } from './catalog.js';

export class QueryParamError extends Error {
  override name = 'QueryParamError';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isInt = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v)) || typeof v === 'bigint' || (typeof v === 'string' && /^-?\d+$/.test(v));

function checkPgValue(q: LoadedQuery, p: PgParam, v: unknown): unknown {
  const fail = (what: string) => new QueryParamError(`${q.name}: parameter ${p.name} must be ${what}, got ${typeof v}`);
  if (v === null || v === undefined) {
    if (p.nullable) return null;
    throw fail(`a non-null ${p.type}`);
  }
  switch (p.type) {
    case 'text':
      if (typeof v !== 'string') throw fail('a string');
      return v;
    case 'int':
      if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) > 2 ** 31) throw fail('a 32-bit integer');
      return v;
    case 'bigint':
      if (!isInt(v)) throw fail('an integer');
      return String(v);
    case 'float8':
      if (typeof v !== 'number' || !Number.isFinite(v)) throw fail('a finite number');
      return v;
    case 'bool':
      if (typeof v !== 'boolean') throw fail('a boolean');
      return v;
    case 'timestamptz':
      if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString();
      if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return v;
      throw fail('a Date or ISO timestamp');
    case 'date':
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw fail('a YYYY-MM-DD string');
      return v;
    case 'jsonb':
      return JSON.stringify(v);
    case 'uuid':
      if (typeof v !== 'string' || !UUID.test(v)) throw fail('a UUID');
      return v;
    case 'text[]':
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw fail('an array of strings');
      return v;
    case 'int[]':
    case 'bigint[]':
      if (!Array.isArray(v) || !v.every(isInt)) throw fail('an array of integers');
      return v.map(String);
  }
}

function checkKeys(q: LoadedQuery, given: Record<string, unknown>): void {
  const declared = new Set(q.params.map((p) => p.name));
  for (const k of Object.keys(given)) if (!declared.has(k)) throw new QueryParamError(`${q.name}: parameter ${k} is passed but not declared`);
  for (const k of declared) if (!(k in given)) throw new QueryParamError(`${q.name}: parameter ${k} is declared but not passed`);
}

export function pgValues(q: LoadedQuery, given: Record<string, unknown>): unknown[] {
  checkKeys(q, given);
  return (q.params as PgParam[]).map((p) => checkPgValue(q, p, given[p.name]));
}

export function chValues(q: LoadedQuery, given: Record<string, unknown>): Record<string, unknown> {
  checkKeys(q, given);
  return Object.fromEntries(Object.entries(given).map(([k, v]) => [k, v instanceof Date ? formatChDateTime(v) : v]));
}

/** ClickHouse DateTime64(3) parameter text for a UTC instant. */
export function formatChDateTime(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}
