// The ingest API's HTTP answers (issue 4, README#ingest-api) over real HTTP on real stores: gzip
// bodies, 413 on the size and line limits, 415 on other types and encodings, 400, 404, and 401/403
// before the body is read.
// Expectations are written out by hand; the entities the tests refer to (users U1-U3, video V1,
// advertiser A1, campaign C1) are seeded by test/support/ingest-fixture.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import zlib from 'node:zlib';
import { NDJSON, ingestConsole, ingestIds, iso, lines, ok, seedEntities } from '../support/ingest-fixture.js';

describe(`ingest: HTTP answers on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  const ing = ingestConsole();
  const { post, ch } = ing;
  const ids = ingestIds();
  const { U1, U3, V1 } = ids;

  before(async () => {
    await ing.start();
    await seedEntities(ing, ids);
  });
  after(() => ing.stop());

  test('gzip bodies are accepted; 413 over 16 MiB sent, 64 MiB decompressed or 100,000 lines; 415 on other types', async () => {
    const ev = {
      event_id: randomUUID(),
      ts: iso(Date.now() - 5000),
      type: 'view',
      video_id: V1,
      creator_id: U1,
      user_id: U3,
      watch_ms: 1,
      region: 'IN',
      device: 'web',
    };
    const gz = await ok(await post('video-events', zlib.gzipSync(lines([ev])), { 'content-encoding': 'gzip' }));
    assert.equal(gz.accepted, 1);
    assert.equal(Number((await ch('SELECT count() AS n FROM video_events WHERE event_id = {id:UUID}', { id: ev.event_id }))[0]!.n), 1);

    const big = Buffer.alloc(16 * 1024 * 1024 + 1, 0x20);
    const r1 = await post('video-events', big);
    assert.equal(r1.status, 413);
    assert.equal((await r1.json()).error.code, 'payload_too_large');
    // A gzip body may decompress past 16 MiB (a full 100,000-line batch is ~20 MB), up to 64 MiB.
    const padded = zlib.gzipSync(Buffer.concat([Buffer.from(JSON.stringify({ ...ev, event_id: randomUUID() })), Buffer.alloc(17 * 1024 * 1024, 0x20)]));
    assert.deepEqual(await ok(await post('video-events', padded, { 'content-encoding': 'gzip' })).then((r) => [r.accepted, r.rejected]), [1, 0]);
    // 65 MiB of spaces gzip to ~65 KB: refused on the decompressed size.
    const bomb = zlib.gzipSync(Buffer.alloc(65 * 1024 * 1024, 0x20));
    assert.ok(bomb.length < 200_000);
    const r2 = await post('video-events', bomb, { 'content-encoding': 'gzip' });
    assert.equal(r2.status, 413);
    assert.match((await r2.json()).error.message, /once decompressed/);
    const r3 = await post('video-events', '{}\n'.repeat(100_001));
    assert.equal(r3.status, 413);
    assert.match((await r3.json()).error.message, /more than 100000 lines/);
    // Exactly 100,000 lines is allowed (blank lines count as lines, and are skipped).
    const r4 = await ok(await post('video-events', '\n'.repeat(99_999) + JSON.stringify({ ...ev, event_id: randomUUID() })));
    assert.deepEqual([r4.accepted, r4.rejected], [1, 0]);

    const r5 = await post('video-events', JSON.stringify(ev), { 'content-type': 'application/json' });
    assert.equal(r5.status, 415);
    assert.equal((await r5.json()).error.code, 'unsupported_media_type');
    assert.equal((await post('video-events', lines([ev]), { 'content-type': 'text/plain' })).status, 415);
    assert.equal((await post('video-events', lines([ev]), { 'content-encoding': 'zstd' })).status, 415);
    assert.equal((await post('video-events', lines([ev]), { 'content-type': 'application/x-ndjson; charset=latin1' })).status, 415);
    const bad = await post('video-events', Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error.code, 'bad_encoding');
    assert.equal((await post('comments', lines([ev]))).status, 404);
    assert.equal((await post('video-events', lines([ev]), { 'idempotency-key': 'has space' })).status, 400);
    // The server keeps serving after all of that.
    assert.equal((await ing.c.get('/api/health')).status, 200);
  });

  test('401 without a valid key, 403 without the ingest scope, before the body is read', async () => {
    const body = lines([{ id: 1 }]);
    const anon = await ing.c.get('/api/v1/ingest/users', { method: 'POST', headers: { 'content-type': NDJSON }, body });
    assert.equal(anon.status, 401);
    assert.equal((await anon.json()).error.code, 'unauthorized');
    assert.equal((await post('users', body, { authorization: 'Bearer pk_000000000000_nope' })).status, 401);
    // A session is not an API key.
    assert.equal((await ing.admin.call('POST', '/api/v1/ingest/users', undefined, { 'content-type': NDJSON })).status, 401);
    // 401 comes before 413 and 415: the body is never looked at.
    assert.equal(
      (await ing.c.get('/api/v1/ingest/users', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: Buffer.alloc(17 * 1024 * 1024, 0x20) }))
        .status,
      401,
    );

    const created = await (await ing.admin.call('POST', '/api/admin/api-keys', { name: 'scopeless', scopes: ['ingest'] })).json();
    await ing.c.stores.pg.handle.pool.query("UPDATE api_keys SET scopes = '{}' WHERE id = $1", [created.id]);
    const noScope = await ing.c.get('/api/v1/ingest/users', {
      method: 'POST',
      headers: { authorization: `Bearer ${created.key}`, 'content-type': 'text/plain' },
      body,
    });
    assert.equal(noScope.status, 403);
    assert.equal((await noScope.json()).error.code, 'forbidden');
    await ing.c.stores.pg.handle.pool.query("UPDATE api_keys SET scopes = '{ingest}' WHERE id = $1", [created.id]);
    assert.equal((await ing.admin.call('DELETE', `/api/admin/api-keys/${created.id}`)).status, 204);
    const revoked = await ing.c.get('/api/v1/ingest/users', {
      method: 'POST',
      headers: { authorization: `Bearer ${created.key}`, 'content-type': NDJSON },
      body,
    });
    assert.equal(revoked.status, 401);

    // The OpenAPI document says how to call it.
    const op = (await (await ing.c.get('/api/openapi.json')).json()).paths['/api/v1/ingest/{stream}'].post;
    assert.deepEqual(op.security, [{ apiKey: ['ingest'] }]);
    assert.deepEqual(Object.keys(op.requestBody.content), ['application/x-ndjson']);
  });
});
