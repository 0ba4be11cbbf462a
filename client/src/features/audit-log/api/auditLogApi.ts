import { apiGet } from '../../../lib/api';
import type { Id } from '../../auth/api/authApi';

export interface AuditEntry {
  id: Id;
  at: string;
  actorId: Id | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: Id | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

export interface AuditLogPage {
  items: AuditEntry[];
  /** Opaque; null on the last page. */
  nextCursor: string | null;
}

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
export function fetchAuditLog(query: AuditLogQuery, cursor: string | undefined, signal: AbortSignal): Promise<AuditLogPage> {
  const params = new URLSearchParams();
  for (const key of ['actor', 'action', 'from', 'to'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  params.set('limit', String(AUDIT_PAGE_SIZE));
  if (cursor) params.set('cursor', cursor);
  return apiGet<AuditLogPage>(`/api/admin/audit-log?${params.toString()}`, signal);
}
