import { useCursorQuery } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { fetchAuditLog, type AuditLogQuery } from '../api/auditLogApi';

/**
 * GET /api/admin/audit-log, page by page: the first page for each applied `query` (its key),
 * then loadMore() appends the page after `nextCursor`; reload() asks the loaded pages again.
 */
export function useAuditLog(query: AuditLogQuery) {
  return useCursorQuery({ key: queryKeys.auditLog(query), fetchPage: (cursor, signal) => fetchAuditLog(query, cursor, signal) });
}
