// Issue 17, thumbnails (docs/hardening.md#thumbnails), on PGlite and on the PostgreSQL at
// TEST_DATABASE_URL. Before: any same-origin thumbnail_url reached the pages (trending passed it
// unfiltered; the moderation pages let anything under /media/ through, `/media/../api/…`
// included), so a video whose thumbnail_url was an export URL made every viewer's browser fetch
// that export with the viewer's cookie. Now only MEDIA_ORIGINS and the console's own two media
// routes (`/media/thumb/<id>.svg`, `/media/video/<id>.webm`) reach a page; anything else is ''.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';
import { insertQueueFixture } from '../support/moderation-fixture.js';

const CDN = 'https://cdn.media.test';
// Video id → its stored thumbnail_url and what a page may get (written by hand).
const THUMBS: [number, string, string][] = [
  [101, '/api/campaigns/1/events.csv', ''],
  [102, '/media/../api/admin/accounts', ''],
  [103, '/media/thumb/103.svg', '/media/thumb/103.svg'],
  [104, '/media/thumb/104.svg?export=1', ''],
  [105, `${CDN}/t/105.jpg`, `${CDN}/t/105.jpg`],
  [106, `https://user:secret@${CDN.slice('https://'.length)}/t/106.jpg`, ''],
];

describe(`thumbnails from the media allowlist only, on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  let admin: TestSession;

  before(async () => {
    c = await startTestConsole({ ...bootstrapAdminEnv, MEDIA_ORIGINS: CDN, MODERATION_NOTICES: '0' });
    await c.ready;
    admin = await login(c, ADMIN.email, ADMIN.password);
    await insertQueueFixture(c);
    for (const [id, url] of THUMBS) await c.stores.pg.handle.pool.query('UPDATE videos SET thumbnail_url = $2 WHERE id = $1', [id, url]);
    // One view per video an hour ago, through ingest, so trending lists them.
    const key = ((await (await admin.call('POST', '/api/admin/api-keys', { name: 'media', scopes: ['ingest'] })).json()) as { key: string }).key;
    const at = new Date(Date.now() - 3600_000).toISOString();
    const body = THUMBS.map(([id], i) =>
      JSON.stringify({
        event_id: `00000000-0000-4000-8000-00000000010${i}`,
        ts: at,
        type: 'view',
        video_id: id,
        creator_id: 1,
        user_id: 11,
        watch_ms: 5000,
        region: 'FR',
        device: 'web',
      }),
    ).join('\n');
    const res = await c.get('/api/v1/ingest/video-events', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body,
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await res.json()).accepted, THUMBS.length);
  });
  after(async () => c?.stop());

  const expected = Object.fromEntries(THUMBS.map(([id, , shown]) => [id, shown]));

  test('trending: a thumbnail_url outside the allowlist reaches the page as null', async () => {
    const from = new Date(Date.now() - 6 * 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    const res = await admin.call('GET', `/api/metrics/trending-videos?from=${from}&to=${to}&limit=50`);
    assert.equal(res.status, 200, await res.clone().text());
    const rows = ((await res.json()) as { rows: { videoId: number; thumbnailUrl: string | null }[] }).rows;
    const got = Object.fromEntries(rows.filter((r) => r.videoId in expected).map((r) => [r.videoId, r.thumbnailUrl]));
    assert.deepEqual(got, Object.fromEntries(THUMBS.map(([id, , shown]) => [id, shown || null])));
  });

  test('moderation queue and case page: only allowed URLs', async () => {
    const queue = ((await (await admin.call('GET', '/api/moderation/queue?limit=50')).json()) as any).items as { videoId: number; thumbnailUrl: string }[];
    const got = Object.fromEntries(queue.filter((i) => i.videoId in expected).map((i) => [i.videoId, i.thumbnailUrl]));
    // The fixture's unresolved cases are on videos 101-105 (106's case is resolved).
    assert.deepEqual(got, Object.fromEntries(THUMBS.filter(([id]) => id !== 106).map(([id, , shown]) => [id, shown])));
    const case1 = ((await (await admin.call('GET', '/api/moderation/cases/1')).json()) as any).case;
    assert.equal(case1.videoId, 101);
    assert.equal(case1.thumbnailUrl, '');
  });
});
