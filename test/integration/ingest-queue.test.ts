// RabbitMQ ingest (issue 13) on the machine's broker and real stores: a message is an NDJSON batch
// validated like an HTTP one (bad lines recorded, good ones kept, message_id as the
// Idempotency-Key); undecodable messages go to the dead-letter queue with their reason; 10,000
// events as overlapping messages count once through a broker restart, and through a console
// killed with SIGKILL halfway and started again. Without a broker every test here is skipped with
// a loud line; under CI=true that is a failure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { Channel, ChannelModel } from 'amqplib';
import { createTestDatabase, startTestConsole, tempDataDir, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';
import { checkDashboards, EVENTS, makeFixture, ndjson, type DedupFixture } from '../support/dedup-fixture.js';
import {
  connectBroker,
  declareQueues,
  deleteQueues,
  loudSkip,
  metric,
  publish,
  rabbitmqctl,
  ready,
  sleep,
  uniquePrefix,
  BROKER_URL,
} from '../support/broker.js';
import { spawnConsole, stopConsole, type ChildConsole } from '../support/child-console.js';

const BASE = 9_000_000 + Math.floor(Math.random() * 100_000) * 100;
const SEED = Number(process.env.DEDUP_SEED ?? Math.floor(Math.random() * 2 ** 31));
const iso = (ms: number) => new Date(ms).toISOString();
const LINES_PER_MESSAGE = 500;
/** /metrics takes an admin session or this bearer token; /api/status shows the queue to admins. */
const METRICS_TOKEN = 'queue-test-metrics-token';
const bearer = { authorization: `Bearer ${METRICS_TOKEN}` };

const broker = await connectBroker();
if (!broker) {
  loudSkip('QUEUE INGEST TESTS');
  if (process.env.CI === 'true') test('RabbitMQ is required under CI=true', () => assert.fail(`no broker at ${BROKER_URL}`));
}

/** The fixture's four batches as messages of at most LINES_PER_MESSAGE lines, shuffled per batch order. */
function messages(f: DedupFixture): string[] {
  const out: string[] = [];
  for (const b of f.batches) for (let i = 0; i < b.length; i += LINES_PER_MESSAGE) out.push(ndjson(b.slice(i, i + LINES_PER_MESSAGE)));
  return out;
}

/** Polls until `done` answers true twice in a row (a message in transit shows up in between). */
async function until(what: string, done: () => Promise<boolean>, limitMs = 300_000): Promise<void> {
  const t0 = Date.now();
  let streak = 0;
  while (streak < 2) {
    streak = (await done()) ? streak + 1 : 0;
    if (streak < 2) {
      if (Date.now() - t0 > limitMs) throw new Error(`gave up waiting for ${what}`);
      await sleep(300);
    }
  }
}

describe(`queue ingest on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'} (seed ${SEED})`, { skip: broker ? false : 'no RabbitMQ broker' }, () => {
  let c: TestConsole;
  let ch: Channel;
  const prefix = uniquePrefix();
  const q = (stream: string) => `${prefix}.${stream}`;
  const pg = async (sql: string, params: unknown[] = []) => (await c.stores.pg.handle.pool.query(sql, params)).rows;
  async function chCount(sql: string, params: Record<string, unknown> = {}) {
    const rs = await c.stores.ch.handle.client.query({ query: sql, query_params: params, format: 'JSONEachRow' });
    return Number(((await rs.json()) as { n: string }[])[0]!.n);
  }
  let admin: TestSession;
  /** The connection opened after the broker restart (closed at the end, or the process stays up). */
  let reopened: ChannelModel | undefined;
  const status = async () => (await (await admin.call('GET', '/api/status')).json()).queue;
  const metrics = async () => (await c.get('/metrics', { headers: bearer })).text();

  before(async () => {
    ch = await (broker as ChannelModel).createChannel();
    await declareQueues(ch, prefix);
    c = await startTestConsole({ ...bootstrapAdminEnv, AMQP_URL: BROKER_URL, AMQP_QUEUE_PREFIX: prefix, AMQP_PREFETCH: '2', METRICS_TOKEN });
    await c.ready;
    admin = await login(c, ADMIN.email, ADMIN.password);
    await until('the consumer to connect', async () => (await status())?.connected === true);
  });
  after(async () => {
    await c?.stop();
    if (ch) await deleteQueues(ch, prefix);
    await broker?.close().catch(() => {}); // closed by the broker restart already
    await reopened?.close().catch(() => {});
  });

  test('a message is an NDJSON batch: bad lines recorded, good ones kept and acknowledged; message_id is the Idempotency-Key', async () => {
    const t = Date.now() - 2 * 86_400_000;
    const ev = (i: number) => ({
      event_id: randomUUID(),
      ts: iso(t + i),
      type: 'view',
      video_id: BASE + 800,
      creator_id: BASE + 1,
      user_id: i,
      watch_ms: 1000,
      region: 'IN',
      device: 'web',
    });
    const body = [JSON.stringify(ev(1)), '{"event_id": ', JSON.stringify(ev(2)), JSON.stringify({ ...ev(3), type: 'vew' })].join('\n') + '\n';
    const key = `msg-${randomUUID()}`;
    publish(ch, q('video-events'), zlib.gzipSync(body), { contentEncoding: 'gzip', messageId: key });
    await until(
      'the batch record',
      async () => (await pg("SELECT 1 FROM ingest_batches WHERE idempotency_key = $1 AND response <> '{}'::jsonb", [key])).length === 1,
    );
    const [batch] = await pg(
      'SELECT id::int, stream, transport, lines, accepted, rejected, orphans, duplicates, api_key_id FROM ingest_batches WHERE idempotency_key = $1',
      [key],
    );
    assert.deepEqual(
      { ...batch, id: 0 },
      { id: 0, stream: 'video-events', transport: 'amqp', lines: 4, accepted: 2, rejected: 2, orphans: 2, duplicates: 0, api_key_id: null },
    );
    assert.deepEqual(
      (await pg('SELECT line, reason, field FROM ingest_rejections WHERE batch_id = $1 ORDER BY line', [batch.id])).map((r) => [r.line, r.reason, r.field]),
      [
        [2, 'malformed_json', null],
        [4, 'invalid_enum', 'type'],
      ],
    );
    assert.equal(await chCount('SELECT count() AS n FROM video_events WHERE video_id = {v:UInt64}', { v: BASE + 800 }), 2);
    // Acknowledged: nothing ready, nothing held.
    await until('the acknowledgement', async () => (await ready(ch, q('video-events'))) === 0 && (await status()).inFlight === 0);

    // The same message again (a publisher retry): replayed by its key, stored once.
    publish(ch, q('video-events'), zlib.gzipSync(body), { contentEncoding: 'gzip', messageId: key });
    await until('the retry', async () => metric(await metrics(), 'pulse_amqp_messages_total', { stream: 'video-events', outcome: 'stored' }) === 2);
    assert.equal((await pg('SELECT count(*)::int AS n FROM ingest_batches WHERE idempotency_key = $1', [key]))[0].n, 1);
    assert.equal(await chCount('SELECT count() AS n FROM video_events WHERE video_id = {v:UInt64}', { v: BASE + 800 }), 2);
    // The same events without a key: duplicates by event_id.
    publish(ch, q('video-events'), body);
    await until('the keyless copy', async () => metric(await metrics(), 'pulse_amqp_messages_total', { stream: 'video-events', outcome: 'stored' }) === 3);
    assert.deepEqual(
      (await pg("SELECT accepted, duplicates FROM ingest_batches WHERE transport = 'amqp' AND idempotency_key IS NULL ORDER BY id DESC LIMIT 1"))[0],
      { accepted: 0, duplicates: 2 },
    );
    assert.equal(metric(await metrics(), 'pulse_amqp_rows_total', { stream: 'video-events', kind: 'duplicates' }), 2);
  });

  test('undecodable messages go to the dead-letter queue with their reason, once, and are not requeued', async () => {
    const good =
      JSON.stringify({
        event_id: randomUUID(),
        ts: iso(Date.now() - 86_400_000),
        type: 'view',
        video_id: BASE + 801,
        creator_id: BASE + 1,
        user_id: 1,
        region: 'IN',
        device: 'web',
      }) + '\n';
    publish(ch, q('video-events'), Buffer.from('this is not gzip'), { contentEncoding: 'gzip', messageId: 'corrupt-gzip' });
    publish(ch, q('video-events'), Buffer.concat([Buffer.from(good.slice(0, 20)), Buffer.from([0xff, 0xfe, 0x00]), Buffer.from(good.slice(20))]), {
      messageId: 'not-utf8',
    });
    publish(ch, q('ad-events'), good, { contentType: 'application/json', messageId: 'json-type' });
    publish(ch, q('request-metrics'), '{}\n'.repeat(100_001), { messageId: 'too-many-lines' });
    publish(ch, q('users'), good, { messageId: 'has space' });
    const dead: Record<string, string> = {};
    await until('five dead letters', async () => {
      for (;;) {
        const m = await ch.get(q('dead'), { noAck: true });
        if (!m) break;
        dead[String(m.properties.messageId)] = `${m.properties.headers?.['x-pulse-queue']} ${m.properties.headers?.['x-pulse-reason']}`;
      }
      return Object.keys(dead).length === 5;
    });
    assert.match(dead['corrupt-gzip']!, new RegExp(`^${q('video-events')} bad_encoding: The body is not valid gzip data\\.$`));
    assert.match(dead['not-utf8']!, /video-events not_utf8: The body is not valid UTF-8\.$/);
    assert.match(dead['json-type']!, /ad-events unsupported_media_type: The body must be NDJSON/);
    assert.match(dead['too-many-lines']!, /request-metrics payload_too_large: The body has more than 100000 lines/);
    assert.match(dead['has space']!, /users bad_message_id: message_id is used as the Idempotency-Key/);
    // Taken off their queues (acknowledged), counted, shown on the status page.
    for (const s of ['video-events', 'ad-events', 'request-metrics', 'users']) assert.equal(await ready(ch, q(s)), 0, s);
    assert.equal(metric(await metrics(), 'pulse_amqp_dead_letters_total'), 5);
    assert.equal(metric(await metrics(), 'pulse_amqp_dead_letters_total', { stream: 'video-events', reason: 'bad_encoding' }), 1);
    assert.equal((await status()).deadLetters, 5);
    assert.equal(await chCount('SELECT count() AS n FROM video_events WHERE video_id = {v:UInt64}', { v: BASE + 801 }), 0);
  });

  test('10,000 events as overlapping messages through a broker restart: the console reconnects and counts every event once', async () => {
    const f = makeFixture(BASE, SEED);
    const key = (await (await admin.call('POST', '/api/admin/api-keys', { name: 'queue test', scopes: ['ingest'] })).json()).key as string;
    for (const [stream, rows] of [
      ['users', f.users],
      ['videos', f.videos],
    ] as const) {
      const res = await c.get(`/api/v1/ingest/${stream}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
        body: ndjson(rows),
      });
      assert.equal((await res.json()).accepted, rows.length);
    }
    const bodies = messages(f);
    const stored = async () => metric(await metrics(), 'pulse_amqp_messages_total', { stream: 'video-events', outcome: 'stored' });
    const before0 = await stored();
    // This test's batches are the ones recorded from now on (the database's own clock, as the rows' created_at).
    const since = (await pg('SELECT now() AS t'))[0].t as Date;
    for (const b of bodies) publish(ch, q('video-events'), zlib.gzipSync(b), { contentEncoding: 'gzip' });
    await until('a few messages consumed', async () => (await stored()) - before0 >= 4);
    await rabbitmqctl('stop_app');
    try {
      await until('the console to see the broker gone', async () => (await status()).connected === false, 60_000);
    } finally {
      await rabbitmqctl('start_app');
    }
    await rabbitmqctl('await_startup');
    // The test's own channel died with the broker: a new connection.
    const again = await connectBroker();
    assert.ok(again, 'the broker is back');
    reopened = again;
    const ch2 = await again.createChannel();
    try {
      await until('the console to reconnect', async () => (await status()).connected === true, 120_000);
      assert.ok((await status()).reconnects >= 1);
      assert.ok(metric(await metrics(), 'pulse_amqp_reconnects_total') >= 1);
      await until(
        'every message consumed',
        async () =>
          (await ready(ch2, q('video-events'))) === 0 &&
          (await status()).inFlight === 0 &&
          (await chCount('SELECT count() AS n FROM video_events WHERE video_id IN {v:Array(UInt64)}', { v: f.videoIds })) >= EVENTS,
      );
      assert.equal(await chCount('SELECT count() AS n FROM video_events WHERE video_id IN {v:Array(UInt64)}', { v: f.videoIds }), EVENTS);
      assert.equal(await chCount('SELECT uniqExact(event_id) AS n FROM video_events WHERE video_id IN {v:Array(UInt64)}', { v: f.videoIds }), EVENTS);
      assert.equal(
        await chCount('SELECT sum(views) AS n FROM video_stats_15m WHERE video_id IN {v:Array(UInt64)}', { v: f.videoIds }),
        f.events.filter((e) => e.type === 'view').length,
      );
      await checkDashboards(f, async (p) => (await admin.call('GET', p)).json());
      const rows = (
        await pg(
          "SELECT sum(accepted)::int AS a, sum(duplicates)::int AS d, sum(lines)::int AS l FROM ingest_batches WHERE transport = 'amqp' AND stream = 'video-events' AND created_at >= $1",
          [since],
        )
      )[0];
      assert.equal(rows.a, EVENTS);
      // Messages handled before the restart whose acknowledgement died with the connection came
      // back and were handled again: every line of theirs is then a duplicate.
      assert.ok(rows.a + rows.d >= f.batches.reduce((n, b) => n + b.length, 0));
    } finally {
      ch = ch2; // for the clean-up
    }
  });
});

describe(`queue ingest: a console killed with SIGKILL halfway (seed ${SEED})`, { skip: broker ? false : 'no RabbitMQ broker' }, () => {
  test('every event counted once and nothing lost after SIGKILL and a restart on the same stores', async () => {
    const conn = (await connectBroker())!;
    const ch = await conn.createChannel();
    const prefix = uniquePrefix();
    const queue = `${prefix}.video-events`;
    const dataDir = tempDataDir();
    const db = process.env.TEST_DATABASE_URL ? await createTestDatabase(process.env.TEST_DATABASE_URL) : undefined;
    const env = {
      ...bootstrapAdminEnv,
      METRICS_TOKEN,
      DATA_DIR: dataDir,
      AMQP_URL: BROKER_URL,
      AMQP_QUEUE_PREFIX: prefix,
      AMQP_PREFETCH: '2',
      ...(db ? { DATABASE_URL: db.url } : {}),
    };
    let child: ChildConsole | undefined;
    try {
      await declareQueues(ch, prefix);
      const f = makeFixture(BASE + 50_000, SEED + 1);
      child = await spawnConsole(env);
      const get = (c: ChildConsole, p: string, init?: RequestInit) => fetch(`${c.url}${p}`, init);
      const signIn = async (c: ChildConsole) => {
        const res = await get(c, '/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
        });
        const { csrfToken } = await res.json();
        return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrfToken };
      };
      let s = await signIn(child);
      const key = (
        await (
          await get(child, '/api/admin/api-keys', {
            method: 'POST',
            headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' },
            body: JSON.stringify({ name: 'kill test', scopes: ['ingest'] }),
          })
        ).json()
      ).key;
      for (const [stream, rows] of [
        ['users', f.users],
        ['videos', f.videos],
      ] as const) {
        const res = await get(child, `/api/v1/ingest/${stream}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
          body: ndjson(rows),
        });
        assert.equal((await res.json()).accepted, rows.length);
      }
      const bodies = messages(f);
      for (const b of bodies) publish(ch, queue, b);
      // Halfway: kill the console while it holds unacknowledged messages.
      await until(
        'half the messages consumed',
        async () =>
          metric(await (await get(child!, '/metrics', { headers: bearer })).text(), 'pulse_amqp_messages_total', {
            stream: 'video-events',
            outcome: 'stored',
          }) >=
          bodies.length / 2,
      );
      child.child.kill('SIGKILL');
      await child.exited;
      assert.ok((await ready(ch, queue)) > 0, 'messages left for the restarted console');

      child = await spawnConsole(env);
      const c2 = child;
      s = await signIn(c2);
      // Table sizes on the status page are recounted every 30 s: the wait may see an old count.
      const adminStatus = async () => (await get(c2, '/api/status', { headers: { cookie: s.cookie } })).json();
      const rawRows = async () => ((await adminStatus()).clickhouse.tables as { name: string; rows: number }[]).find((t) => t.name === 'video_events')!.rows;
      await until(
        'every message consumed after the restart',
        async () => (await ready(ch, queue)) === 0 && (await adminStatus()).queue.inFlight === 0 && (await rawRows()) >= EVENTS,
      );
      // Nothing lost, nothing twice: the raw table, the rollups behind the dashboards, the video page.
      assert.equal(await rawRows(), EVENTS);
      await checkDashboards(f, async (p) => {
        const res = await get(c2, p, { headers: { cookie: s.cookie } });
        assert.equal(res.status, 200, p);
        return res.json();
      });
    } finally {
      if (child) await stopConsole(child);
      await deleteQueues(ch, prefix);
      await conn.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      await db?.drop();
    }
  });
});
