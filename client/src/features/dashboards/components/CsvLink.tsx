import { csvUrl, type WindowParams } from '../api/dashboardsApi';

/** Downloads the server's CSV of a table (same window, timezone and parameters as on screen). */
export function CsvLink({ table, window: w, extra }: { table: string; window: WindowParams; extra?: Record<string, string | number | undefined> }) {
  return (
    <a className="button button--small button--ghost" href={csvUrl(table, w, extra)} download data-testid={`csv-${table}`}>
      Download CSV
    </a>
  );
}
