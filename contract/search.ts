// GET /api/search: the header search box's answer, grouped by kind (docs/moderation.md#search).
import { z } from 'zod';
import { zSanction } from './moderation.js';

export const SEARCH_KINDS = ['videos', 'users', 'campaigns', 'cases'] as const;
export const zSearchKind = z.enum(SEARCH_KINDS);
export type SearchKind = z.infer<typeof zSearchKind>;

export const zVideoHit = z.object({
  id: z.number(),
  title: z.string(),
  visibility: z.string(),
  /** '' when the URL is not on an allowed media origin. */
  thumbnailUrl: z.string(),
  creatorUsername: z.string(),
  caseId: z.number().nullable(),
  caseStatus: z.string().nullable(),
});
export type VideoHit = z.infer<typeof zVideoHit>;
export const zUserHit = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  standing: zSanction.nullable(),
  /** Only for roles that see personal data. */
  email: z.string().nullable(),
});
export type UserHit = z.infer<typeof zUserHit>;
export const zCampaignHit = z.object({ id: z.number(), name: z.string(), status: z.string(), advertiserId: z.number(), advertiserName: z.string() });
export type CampaignHit = z.infer<typeof zCampaignHit>;
export const zCaseHit = z.object({ id: z.number(), status: z.string(), videoId: z.number(), title: z.string() });
export type CaseHit = z.infer<typeof zCaseHit>;

export const zSearchGroup = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('videos'), items: z.array(zVideoHit) }),
  z.object({ kind: z.literal('users'), items: z.array(zUserHit) }),
  z.object({ kind: z.literal('campaigns'), items: z.array(zCampaignHit) }),
  z.object({ kind: z.literal('cases'), items: z.array(zCaseHit) }),
]);
export type SearchGroup = z.infer<typeof zSearchGroup>;
export const zSearchResult = z.object({ query: z.string(), groups: z.array(zSearchGroup) });
export type SearchResult = z.infer<typeof zSearchResult>;

/** GET /api/search: the query string. */
export const zSearchQuery = z.object({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(20).default(6),
});
export type SearchQuery = z.infer<typeof zSearchQuery>;
