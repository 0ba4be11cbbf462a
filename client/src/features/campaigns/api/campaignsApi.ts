import { apiGet, apiRequest, apiStream } from '../../../lib/api';
import type { Breakdown, CampaignList, CampaignListItem, CampaignReport, ReportSchedule, SendNowAnswer } from '../../../../../contract/campaigns';
import type { NewScheduleBody, ScheduleChangeBody } from '../../../../../contract/campaigns.requests';

export { BREAKDOWNS } from '../../../../../contract/campaigns';
export type {
  AdvertiserOption,
  Breakdown,
  CampaignMetrics,
  CampaignReport,
  CampaignStatus,
  Delivery,
  Frequency,
  ReportFormat,
  ReportSchedule,
} from '../../../../../contract/campaigns';
/** A campaign as the list shows it: with its spend and impressions. */
export type Campaign = CampaignListItem;

export interface ReportRange {
  /** Local dates in the advertiser's timezone; `to` is the last day shown (inclusive). */
  from: string;
  to: string;
}

/** The day after a YYYY-MM-DD date (the API's `to` is exclusive). */
export function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export function rangeQuery(range: ReportRange): string {
  return `from=${range.from}&to=${nextDay(range.to)}`;
}

/** GET /api/campaigns (advertisers: their own; admins and analysts: all, or one advertiser's). */
export function fetchCampaigns(advertiserId: number | undefined, signal: AbortSignal) {
  const q = advertiserId ? `?advertiserId=${advertiserId}` : '';
  return apiGet<CampaignList>(`/api/campaigns${q}`, signal);
}

/** GET /api/campaigns/:id/report */
export function fetchCampaignReport(id: string, range: ReportRange | undefined, breakdown: Breakdown, signal: AbortSignal) {
  const q = `${range ? `${rangeQuery(range)}&` : ''}granularity=day&breakdown=${breakdown}`;
  return apiGet<CampaignReport>(`/api/campaigns/${encodeURIComponent(id)}/report?${q}`, signal);
}

export function fetchSchedules(campaignId: string, signal: AbortSignal) {
  return apiGet<{ items: ReportSchedule[] }>(`/api/report-schedules?campaignId=${encodeURIComponent(campaignId)}`, signal);
}

export function createSchedule(body: NewScheduleBody) {
  return apiRequest<{ schedule: ReportSchedule }>('/api/report-schedules', { method: 'POST', body });
}

export function updateSchedule({ id, changes }: { id: number; changes: ScheduleChangeBody }) {
  return apiRequest<{ schedule: ReportSchedule }>(`/api/report-schedules/${id}`, { method: 'PATCH', body: changes });
}

export function deleteSchedule(id: number) {
  return apiRequest<undefined>(`/api/report-schedules/${id}`, { method: 'DELETE' });
}

export function sendScheduleNow(id: number) {
  return apiRequest<SendNowAnswer>(`/api/report-schedules/${id}/send`, { method: 'POST' });
}

export interface DownloadProgress {
  bytes: number;
  rows: number;
  totalRows: number | undefined;
}

/**
 * Downloads an export with fetch so the page can show progress (rows counted by line ends against
 * X-Total-Rows), then hands the file to the browser under the server's file name.
 */
export async function downloadExport(path: string, onProgress: (p: DownloadProgress) => void, signal: AbortSignal): Promise<string> {
  const response = await apiStream(path, signal);
  const total = response.headers.get('X-Total-Rows');
  const progress: DownloadProgress = { bytes: 0, rows: 0, totalRows: total === null ? undefined : Number(total) };
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    progress.bytes += value.byteLength;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) progress.rows++;
    onProgress({ ...progress });
  }
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'export';
  const blob = new Blob(chunks as BlobPart[], { type: response.headers.get('Content-Type') ?? 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
