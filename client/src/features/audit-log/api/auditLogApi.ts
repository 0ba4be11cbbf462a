import { apiGet } from '../../../lib/api';
import type { AuditPage } from '../../../../../contract/admin';

export type { AuditEntry, AuditPage as AuditLogPage } from '../../../../../contract/admin';

export interface AuditLogQuery {
  /** Email or account id. */
  actor?: string;
  action?: string;
  /** ISO-8601 UTC. */
  from?: string;
  to?: string;
}

export const AUDIT_PAGE_SIZE = 50;

/** GET /api/admin/audit-log?actor&action&from&to&limit&cursor, newest first. */
export function fetchAuditLog(query: AuditLogQuery, cursor: string | undefined, signal: AbortSignal): Promise<AuditPage> {
  const params = new URLSearchParams();
  for (const key of ['actor', 'action', 'from', 'to'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  params.set('limit', String(AUDIT_PAGE_SIZE));
  if (cursor) params.set('cursor', cursor);
  return apiGet<AuditPage>(`/api/admin/audit-log?${params.toString()}`, signal);
}
