// The header search box (docs/moderation.md#search): videos by id or title words, platform users
// by id, username or (roles that may see personal data only) email, campaigns by id or name
// (advertisers: their own only, in the SQL), cases by id. Each kind appears only for the roles
// that may open its page; results are grouped by kind, best first.
import { SEARCH_KINDS, type SearchKind, type SearchResult } from '../../../contract/search.js';
import { pgQuery, type Stores } from '../../db/index.js';
import { allowedMediaUrl } from '../../http/media.js';
import type { Account, Role } from '../../../contract/auth.js';
import { scopeOf, seesPersonalData } from '../../../contract/auth.js';
import type { Sanction } from '../../../contract/moderation.js';

export { SEARCH_KINDS, type SearchKind } from '../../../contract/search.js';

/** Who gets each kind of result: the roles whose pages they open. */
const KIND_ROLES: Record<SearchKind, readonly Role[]> = {
  videos: ['admin', 'moderator', 'oncall', 'analyst'],
  users: ['admin', 'moderator'],
  campaigns: ['admin', 'analyst', 'advertiser'],
  cases: ['admin', 'moderator'],
};

const pgVideos = pgQuery('search/videos').returns<{
  id: string;
  title: string;
  visibility: string;
  thumbnailUrl: string;
  creatorUsername: string;
  caseId: string | null;
  caseStatus: string | null;
}>();
const pgUsers = pgQuery('search/users').returns<{ id: string; username: string; displayName: string; email: string; role: string; standing: string | null }>();
const pgCampaigns = pgQuery('search/campaigns').returns<{ id: string; name: string; status: string; advertiserId: string; advertiserName: string }>();
const pgCases = pgQuery('search/cases').returns<{ id: string; status: string; videoId: string; title: string }>();

/** "#123", "123" → 123; anything else → null. */
export function idOf(q: string): number | null {
  const m = /^#?(\d{1,15})$/.exec(q.trim());
  return m ? Number(m[1]) : null;
}

/** Lower-cased, LIKE wildcards escaped (the SQL appends the %). */
export function likePrefix(q: string): string {
  return q
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function kindsFor(role: Role): SearchKind[] {
  return SEARCH_KINDS.filter((k) => KIND_ROLES[k].includes(role));
}

export class SearchService {
  constructor(
    private readonly stores: Stores,
    private readonly opts: { mediaOrigins: string[] },
  ) {}

  async search(viewer: Account, q: string, max: number): Promise<SearchResult> {
    const kinds = kindsFor(viewer.role);
    const id = idOf(q);
    const personal = seesPersonalData(viewer.role);
    const run = async (kind: SearchKind) => {
      switch (kind) {
        case 'videos':
          return (await this.stores.pg.rows(pgVideos, { q, id, max })).map((v) => ({
            ...v,
            id: Number(v.id),
            caseId: v.caseId === null ? null : Number(v.caseId),
            thumbnailUrl: allowedMediaUrl(v.thumbnailUrl, this.opts.mediaOrigins),
          }));
        case 'users':
          return (await this.stores.pg.rows(pgUsers, { prefix: likePrefix(q), id, by_email: personal, max })).map((u) => ({
            id: Number(u.id),
            username: u.username,
            displayName: u.displayName,
            role: u.role,
            standing: u.standing as Sanction | null,
            email: personal ? u.email : null,
          }));
        case 'campaigns':
          return (await this.stores.pg.rows(pgCampaigns, { q, id, scope_advertiser_id: scopeOf(viewer), max })).map((c) => ({
            ...c,
            id: Number(c.id),
            advertiserId: Number(c.advertiserId),
          }));
        case 'cases':
          return id === null ? [] : (await this.stores.pg.rows(pgCases, { id })).map((c) => ({ ...c, id: Number(c.id), videoId: Number(c.videoId) }));
      }
    };
    // One query at a time: the embedded pool has one connection anyway.
    const groups: SearchResult['groups'] = [];
    for (const kind of kinds) groups.push({ kind, items: await run(kind) } as SearchResult['groups'][number]);
    return { query: q, groups };
  }
}
