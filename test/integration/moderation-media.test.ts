// Media that plays (docs/moderation.md): the demo clips are served with HTTP range requests, the CSP
// allows video and images from MEDIA_ORIGINS and nothing else, and a case's media URL on an
// origin outside the allowlist is not passed to the page.
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';
import { insertQueueFixture } from '../support/moderation-fixture.js';

const CDN = 'https://cdn.media.test';
const CLIPS = path.resolve('media/clips');

describe(`moderation media on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  let admin: TestSession;
  before(async () => {
    // Outcome notices are off in this console (MODERATION_NOTICES=0): the last test checks it.
    c = await startTestConsole({ ...bootstrapAdminEnv, MEDIA_ORIGINS: `${CDN},http://127.0.0.1:9999`, MODERATION_NOTICES: '0' });
    await c.ready;
    admin = await login(c, ADMIN.email, ADMIN.password);
    await insertQueueFixture(c);
    const q = (text: string) => c.stores.pg.handle.pool.query(text);
    await q(`UPDATE videos SET video_url = '${CDN}/v/101.webm', thumbnail_url = '${CDN}/t/101.jpg' WHERE id = 101`);
    await q(`UPDATE videos SET video_url = 'https://elsewhere.test/v/102.webm', thumbnail_url = 'https://elsewhere.test/t/102.jpg' WHERE id = 102`);
    await q(`UPDATE videos SET video_url = '/media/video/103.webm', thumbnail_url = '/media/thumb/103.svg' WHERE id = 103`);
  });
  after(async () => c?.stop());

  test('a demo clip: whole file, then a byte range answered 206 with exactly those bytes', async () => {
    // Video 103 plays clip 1 + 103 % 4 = clip-4.webm.
    const file = fs.readFileSync(path.join(CLIPS, 'clip-4.webm'));
    const whole = await admin.call('GET', '/media/video/103.webm');
    assert.equal(whole.status, 200);
    assert.equal(whole.headers.get('content-type'), 'video/webm');
    assert.equal(whole.headers.get('accept-ranges'), 'bytes');
    assert.deepEqual(Buffer.from(await whole.arrayBuffer()), file);
    const part = await admin.call('GET', '/media/video/103.webm', undefined, { range: 'bytes=100-199' });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 100-199/${file.length}`);
    assert.deepEqual(Buffer.from(await part.arrayBuffer()), file.subarray(100, 200));
    const tail = await admin.call('GET', '/media/video/103.webm', undefined, { range: `bytes=${file.length}-` });
    assert.equal(tail.status, 416);
    // Every clip is a small WebM file (EBML magic 1A 45 DF A3), well under 100 KB.
    for (const f of fs.readdirSync(CLIPS)) {
      const b = fs.readFileSync(path.join(CLIPS, f));
      assert.deepEqual([...b.subarray(0, 4)], [0x1a, 0x45, 0xdf, 0xa3], f);
      assert.ok(b.length < 100_000, `${f}: ${b.length} bytes`);
    }
    assert.equal((await c.get('/media/video/103.webm')).status, 401);
  });

  test('the CSP lets video and images come from MEDIA_ORIGINS only', async () => {
    const res = await c.get('/login');
    const csp = res.headers.get('content-security-policy') ?? '';
    const directive = (name: string) =>
      csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith(`${name} `));
    assert.equal(directive('media-src'), `media-src 'self' ${CDN} http://127.0.0.1:9999`);
    assert.equal(directive('img-src'), `img-src 'self' ${CDN} http://127.0.0.1:9999 data:`);
    assert.equal(directive('default-src'), "default-src 'self'");
  });

  test('the case page gets media URLs on allowed origins and the console’s own, never others', async () => {
    const media = async (caseId: number) => ((await (await admin.call('GET', `/api/moderation/cases/${caseId}`)).json()) as any).case;
    const c1 = await media(1);
    assert.deepEqual([c1.videoUrl, c1.thumbnailUrl], [`${CDN}/v/101.webm`, `${CDN}/t/101.jpg`]);
    const c2 = await media(2);
    assert.deepEqual([c2.videoUrl, c2.thumbnailUrl], ['', '']);
    const c3 = await media(3);
    assert.deepEqual([c3.videoUrl, c3.thumbnailUrl], ['/media/video/103.webm', '/media/thumb/103.svg']);
    const queue = ((await (await admin.call('GET', '/api/moderation/queue')).json()) as any).items as { caseId: number; thumbnailUrl: string }[];
    const thumbs = Object.fromEntries(queue.map((i) => [i.caseId, i.thumbnailUrl]));
    assert.deepEqual([thumbs[1], thumbs[2], thumbs[3]], [`${CDN}/t/101.jpg`, '', '/media/thumb/103.svg']);
  });

  test('MODERATION_NOTICES=0: a decision queues no outcome email', async () => {
    // Case 1 has reporters 11, 12, 13 and creator 1: with notices on, 4 emails would be queued.
    const res = await admin.call('POST', '/api/moderation/cases/1/decision', { outcome: 'remove', reason: 'violence', version: 1 });
    assert.equal(res.status, 200, await res.text());
    const rows = (await c.stores.pg.handle.pool.query("SELECT count(*)::int AS n FROM notification_outbox WHERE receiver = 'moderation-notice'")).rows;
    assert.equal(rows[0].n, 0);
  });
});

test('MEDIA_ORIGINS refuses something that is not an origin, naming the setting', async () => {
  const { parseEnv } = await import('../../server/env.js');
  assert.deepEqual(parseEnv({ MEDIA_ORIGINS: 'https://a.test, https://b.test:8443/' }).MEDIA_ORIGINS, ['https://a.test', 'https://b.test:8443']);
  assert.throws(() => parseEnv({ MEDIA_ORIGINS: 'https://a.test/videos' }), /MEDIA_ORIGINS: "https:\/\/a.test\/videos" is not an origin/);
  assert.throws(() => parseEnv({ MEDIA_ORIGINS: 'ftp://a.test' }), /MEDIA_ORIGINS/);
});
