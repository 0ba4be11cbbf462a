// The text of ClickHouse inserts built in JavaScript: an NDJSON body a piece at a time and an
// INSERT's SETTINGS clause (used by ChStore in stores.ts).
import type { ClickHouseSettings } from '@clickhouse/client';

/** Rows per piece of an NDJSON insert body written in one go (`insertBatch`). */
export const NDJSON_PART_ROWS = 25_000;

/**
 * Rows `from`..`to` (exclusive) as NDJSON bytes, every line ended by a newline: a piece of
 * `insertBatch`'s body. Written a piece at a time: joining 100,000 row texts into one 32 MB string
 * cost 105-245 ms, four pieces of 25,000 ~15 ms each (shared machine, load 12-14;
 * docs/ingest-speed.md, session 10). An all-ASCII text (its UTF-8 length is its length) is copied
 * as Latin-1, the same bytes without the UTF-8 encoder.
 */
export function ndjsonPart<R>(rows: readonly R[], from: number, to: number, encode: (row: R) => string): Buffer {
  const lines = new Array<string>(to - from + 1);
  for (let i = from; i < to; i++) lines[i - from] = encode(rows[i]!);
  lines[to - from] = '';
  const text = lines.join('\n');
  return Buffer.from(text, Buffer.byteLength(text) === text.length ? 'latin1' : 'utf8');
}

/** `name = value, …` for an INSERT's SETTINGS clause; only plain names and token-like values. */
export function settingsClause(settings: ClickHouseSettings): string {
  return Object.entries(settings)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(k)) throw new Error(`not a ClickHouse setting name: ${k}`);
      if (typeof v === 'number' && Number.isFinite(v)) return `${k} = ${v}`;
      if (typeof v === 'boolean') return `${k} = ${v ? 1 : 0}`;
      if (typeof v === 'string' && /^[A-Za-z0-9_:.-]*$/.test(v)) return `${k} = '${v}'`;
      throw new Error(`setting ${k}: only numbers, booleans and token-like strings are allowed`);
    })
    .join(', ');
}
