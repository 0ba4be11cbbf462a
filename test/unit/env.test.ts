import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseEnv } from '../../server/env.js';

test('defaults follow the README configuration table', () => {
  const e = parseEnv({});
  assert.equal(e.PORT, 8080);
  assert.equal(e.HOST, '127.0.0.1');
  assert.equal(e.DATA_DIR, './data');
  assert.equal(e.DEMO_DATA, undefined);
  assert.equal(e.PAGERDUTY_EVENTS_HOST, 'events.pagerduty.com');
  // Issue 13: the queues are pulse.ingest.<stream> and pulse.ingest.dead unless renamed.
  assert.equal(e.AMQP_QUEUE_PREFIX, 'pulse.ingest');
  assert.equal(e.AMQP_PREFETCH, 4);
  assert.equal(e.INGEST_DEDUP_HORIZON_DAYS, 30);
});

test('a bad setting is named with its cause', () => {
  const cases: [Record<string, string>, string, RegExp][] = [
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL', /postgres:\/\//],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', /postgres:\/\//],
    [{ CLICKHOUSE_URL: 'tcp://x:9000' }, 'CLICKHOUSE_URL', /http:\/\//],
    [{ PORT: '70000' }, 'PORT', /65535/],
    [{ DEMO_DATA: 'yes' }, 'DEMO_DATA', /'0' \| '1'/],
    [{ DEMO_SIZE: 'huge' }, 'DEMO_SIZE', /small/],
    [{ EXPORT_CONCURRENCY: '0' }, 'EXPORT_CONCURRENCY', /1/],
    [{ EXPORT_ENGINE_THREADS: '9' }, 'EXPORT_ENGINE_THREADS', /8/],
    [{ EXPORT_FILE_WRITES: '-1' }, 'EXPORT_FILE_WRITES', /0/],
    // Retired: accepted once, now it would do nothing, so it stops start-up instead of being ignored.
    [{ EXPORT_PAGE_ROWS: '25000' }, 'EXPORT_PAGE_ROWS', /no longer used/],
    [{ CLICKHOUSE_CLUSTER: "a' b" }, 'CLICKHOUSE_CLUSTER', /cluster name/],
  ];
  for (const [input, setting, cause] of cases) {
    assert.throws(
      () => parseEnv(input),
      (e: Error) => e instanceof ConfigError && e.setting === setting && cause.test(e.message),
      JSON.stringify(input),
    );
  }
});

test('empty values count as unset', () => {
  assert.equal(parseEnv({ DATABASE_URL: '' }).DATABASE_URL, undefined);
});

test('MODERATION_SLA_HOURS: hours per reason, * for the rest; bad entries named', () => {
  assert.deepEqual(parseEnv({}).MODERATION_SLA_HOURS, {
    spam: 24,
    nudity: 4,
    violence: 4,
    hate: 24,
    harassment: 24,
    self_harm: 4,
    misinformation: 24,
    copyright: 24,
    other: 24,
  });
  assert.deepEqual(parseEnv({ MODERATION_SLA_HOURS: 'spam=1.5,*=12' }).MODERATION_SLA_HOURS, {
    spam: 1.5,
    nudity: 12,
    violence: 12,
    hate: 12,
    harassment: 12,
    self_harm: 12,
    misinformation: 12,
    copyright: 12,
    other: 12,
  });
  for (const bad of ['spam=2', 'gore=2,*=24', 'spam=0,*=24', 'spam=two,*=24', '*=1000']) {
    assert.throws(
      () => parseEnv({ MODERATION_SLA_HOURS: bad }),
      (e: Error) => e instanceof ConfigError && e.setting === 'MODERATION_SLA_HOURS',
      bad,
    );
  }
});
