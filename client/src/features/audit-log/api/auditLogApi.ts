import { apiGet } from '../../../lib/api';
import type { AuditPage } from '../../../../../contract/admin';
import type { AuditQuery } from '../../../../../contract/auth.requests';

export type { AuditEntry, AuditPage as AuditLogPage } from '../../../../../contract/admin';

/** The filters of GET /api/admin/audit-log: actor (email or account id), action, from and to (ISO-8601 UTC). */
export type AuditLogQuery = Pick<AuditQuery, 'actor' | 'action' | 'from' | 'to'>;

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
