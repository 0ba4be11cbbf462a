// GET /api/search: the header search box, for every signed-in role (each sees its own kinds).
import { route, signedIn } from '../../http/route.js';
import { ROLES } from '../../../contract/auth.js';
import { zSearchQuery, zSearchResult } from '../../../contract/search.js';
import type { SearchService } from './search.service.js';

export function searchRoutes(search: SearchService) {
  return [
    route({
      method: 'get',
      path: '/search',
      summary:
        'Videos (id, title words), users (id, username; email for roles that see personal data), campaigns (id, name; advertisers their own) and cases (id), grouped by kind; each kind only for the roles that open its page.',
      access: { kind: 'session', roles: [...ROLES] },
      query: zSearchQuery,
      response: zSearchResult,
      handler: (ctx) => search.search(signedIn(ctx), ctx.query.q, ctx.query.limit),
    }),
  ];
}
