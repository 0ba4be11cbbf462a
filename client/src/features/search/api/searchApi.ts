import { apiGet } from '../../../lib/api';
import type { SearchQuery, SearchResult } from '../../../../../contract/search';

export type { CampaignHit, CaseHit, SearchGroup, SearchResult, UserHit, VideoHit } from '../../../../../contract/search';

/** GET /api/search?q: each kind only for the roles whose pages it opens. */
export function search(q: SearchQuery['q'], signal: AbortSignal): Promise<SearchResult> {
  return apiGet<SearchResult>(`/api/search?q=${encodeURIComponent(q)}`, signal);
}
