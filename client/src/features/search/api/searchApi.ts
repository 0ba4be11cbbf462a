import { apiGet } from '../../../lib/api';

export interface VideoHit {
  id: number;
  title: string;
  visibility: string;
  thumbnailUrl: string;
  creatorUsername: string;
  caseId: number | null;
  caseStatus: string | null;
}
export interface UserHit {
  id: number;
  username: string;
  displayName: string;
  role: string;
  standing: 'suspended' | 'banned' | null;
  email: string | null;
}
export interface CampaignHit {
  id: number;
  name: string;
  status: string;
  advertiserId: number;
  advertiserName: string;
}
export interface CaseHit {
  id: number;
  status: string;
  videoId: number;
  title: string;
}

export type SearchGroup =
  | { kind: 'videos'; items: VideoHit[] }
  | { kind: 'users'; items: UserHit[] }
  | { kind: 'campaigns'; items: CampaignHit[] }
  | { kind: 'cases'; items: CaseHit[] };

export interface SearchResult {
  query: string;
  groups: SearchGroup[];
}

/** GET /api/search?q: each kind only for the roles whose pages it opens. */
export function search(q: string, signal: AbortSignal): Promise<SearchResult> {
  return apiGet<SearchResult>(`/api/search?q=${encodeURIComponent(q)}`, signal);
}
