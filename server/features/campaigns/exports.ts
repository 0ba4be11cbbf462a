// File writers of campaign exports (README#campaigns): CSV (RFC 4180 via csv-stringify, UTF-8 with BOM,
// CRLF, a header comment naming the timezone) and XLSX (exceljs streaming writer, typed numeric
// cells with formats, a new sheet past 1,048,575 data rows). Every text cell that starts with
// = + - @ tab or CR is neutralised against formula injection by a leading apostrophe (OWASP).
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

export const BOM = '\uFEFF';
export const CRLF = '\r\n';
/** Excel's row limit is 1,048,576; one row of each sheet is the header. */
export const XLSX_MAX_DATA_ROWS = 1_048_575;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell that a spreadsheet could read as a formula gets a leading apostrophe. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type Cell = string | number | null;
export type ColumnKind = 'text' | 'date' | 'id' | 'count' | 'ratio' | 'money' | 'ms';

export interface ExportColumn {
  header: string;
  kind: ColumnKind;
}

/** CSV text of rows (numbers raw, null empty, text neutralised), CRLF line ends. */
export function csvRows(rows: Cell[][]): string {
  return stringify(
    rows.map((r) => r.map((v) => (v === null ? '' : typeof v === 'number' ? String(v) : neutralise(v)))),
    { record_delimiter: 'windows' },
  );
}

/** The first lines of every CSV export: BOM, one `#` comment line (facts, no free text), header. */
export function csvPreamble(comment: Record<string, string | number>, columns: ExportColumn[]): string {
  const facts = Object.entries(comment)
    .map(([k, v]) => `${k}=${String(v).replace(/[\r\n;]/g, ' ')}`)
    .join('; ');
  return `${BOM}# ${facts}${CRLF}${csvRows([columns.map((c) => c.header)])}`;
}

/** Digits after the decimal point of a currency (JPY 0, USD 2, KWD 3), from ICU. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** A file name safe in a Content-Disposition header that carries the timezone (README#campaigns). */
export function exportFileName(parts: (string | number)[], timezone: string, ext: 'csv' | 'xlsx'): string {
  const safe = [...parts, timezone.replace(/\//g, '-')].map((p) => String(p).replace(/[^A-Za-z0-9_+-]+/g, '-')).join('_');
  return `${safe}.${ext}`;
}

export function attachmentHeaders(fileName: string, ext: 'csv' | 'xlsx'): Record<string, string> {
  return {
    'Content-Type': ext === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}

function numFmt(kind: ColumnKind, currency: string): string | undefined {
  switch (kind) {
    case 'count':
      return '#,##0';
    case 'ratio':
      return '0.00%';
    case 'money': {
      const d = currencyDigits(currency);
      return `#,##0${d ? '.' + '0'.repeat(d) : ''} "${currency}"`;
    }
    case 'ms':
      return '#,##0';
    case 'id':
      return '0';
    case 'date':
      return 'yyyy-mm-dd';
    default:
      return undefined;
  }
}

/**
 * Whether a write was refused until 'drain'. The zip's entry streams are readable-stream 2
 * PassThroughs (archiver's), which have no `writableNeedDrain`: their state says it. Read only
 * `writableNeedDrain`, the wait between XLSX pages never waited (measured: every row's XML queued,
 * +554 MB of RSS on a 968k-row export; docs/exports.md).
 */
function needsDrain(w: Writable): boolean {
  return w.writableNeedDrain ?? (w as unknown as { _writableState?: { needDrain?: boolean } })._writableState?.needDrain ?? false;
}

/** Waits for the output to drain when it asked to (backpressure between pages). */
export async function drained(out: Writable): Promise<void> {
  if (!needsDrain(out)) return;
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      out.off('error', reject);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
    out.once('error', reject);
  });
}

export interface XlsxOptions {
  sheetName: string;
  columns: ExportColumn[];
  currency: string;
  /** Shown on an "About" sheet: timezone, currency, campaign, range. */
  about: Record<string, string | number>;
  /** Data rows per sheet before a new sheet starts (Excel's limit unless a test says less). */
  maxRowsPerSheet?: number;
}

/**
 * Writes an XLSX workbook to `out` from pages of rows. Money cells arrive in micros and are
 * written in the currency's major unit with its minor digits; dates arrive as YYYY-MM-DD and are
 * written as date cells; text is neutralised. Between pages it waits for `out` to drain.
 */
export async function writeXlsx(out: Writable, opts: XlsxOptions, pages: AsyncIterable<Cell[][]>): Promise<number> {
  // Deflate level 1: compression is the writer's bottleneck, and rows queue in memory while it
  // lags (exceljs has no backpressure from the zip to addRow); docs/exports.md has the figures.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  const max = opts.maxRowsPerSheet ?? XLSX_MAX_DATA_ROWS;
  let sheetNo = 0;
  let inSheet = 0;
  let total = 0;
  const newSheet = () => {
    sheetNo++;
    inSheet = 0;
    const ws = wb.addWorksheet(sheetNo === 1 ? opts.sheetName : `${opts.sheetName} ${sheetNo}`.slice(0, 31));
    ws.columns = opts.columns.map((c) => ({
      header: xlsxHeader(c),
      key: c.header,
      width: Math.max(10, c.header.length + 2),
      style: { numFmt: numFmt(c.kind, opts.currency) },
    }));
    return ws;
  };
  let ws = newSheet();
  const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
  for await (const page of pages) {
    for (const row of page) {
      if (inSheet === max) {
        ws.commit();
        ws = newSheet();
      }
      ws.addRow(row.map((v, i) => xlsxValue(v, opts.columns[i]!.kind))).commit();
      inSheet++;
      total++;
    }
    // A client that went away destroys `out`: stop here (the pages' source is then closed too).
    await Promise.race([zipCaughtUp(ws), closed]);
    if (out.destroyed) return total;
    await drained(out);
  }
  ws.commit();
  const about = wb.addWorksheet('About');
  about.columns = [
    { header: 'field', key: 'k', width: 20 },
    { header: 'value', key: 'v', width: 50 },
  ];
  for (const [k, v] of Object.entries(opts.about)) about.addRow([k, typeof v === 'string' ? neutralise(v) : v]).commit();
  about.commit();
  await wb.commit();
  return total;
}

/**
 * exceljs hands a sheet's XML to the zip's deflate stream without waiting for it (its StreamBuf
 * ignores `write`'s answer), so rows added faster than they compress queue in memory: measured,
 * +520 MB on a 968k-row export. Between pages, wait until the deflate stream has taken them.
 */
async function zipCaughtUp(ws: ExcelJS.Worksheet): Promise<void> {
  const pipes = (ws as unknown as { stream?: { pipes?: Writable[] } }).stream?.pipes ?? [];
  for (const p of pipes) await drained(p);
}

/** Money is written in major units in XLSX, so its header drops the _micros suffix. */
function xlsxHeader(c: ExportColumn): string {
  return c.kind === 'money' ? c.header.replace(/_micros$/, '') : c.header;
}

function xlsxValue(v: Cell, kind: ColumnKind): ExcelJS.CellValue {
  if (v === null) return null;
  if (kind === 'money' && typeof v === 'number') return v / 1_000_000;
  // A sum of micros as digits (exact in CSV); a spreadsheet cell is a double either way.
  if (kind === 'money' && typeof v === 'string' && /^\d+$/.test(v)) return Number(v) / 1_000_000;
  if (kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00Z`);
  if (typeof v === 'string') return neutralise(v);
  return v;
}
