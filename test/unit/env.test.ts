import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseEnv } from '../../server/env.js';

test('defaults follow DESIGN §14', () => {
  const e = parseEnv({});
  assert.equal(e.PORT, 8080);
  assert.equal(e.HOST, '127.0.0.1');
  assert.equal(e.DATA_DIR, './data');
  assert.equal(e.DEMO_DATA, undefined);
  assert.equal(e.PAGERDUTY_EVENTS_HOST, 'events.pagerduty.com');
});

test('a bad setting is named with its cause', () => {
  const cases: [Record<string, string>, string, RegExp][] = [
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL', /postgres:\/\//],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', /postgres:\/\//],
    [{ CLICKHOUSE_URL: 'tcp://x:9000' }, 'CLICKHOUSE_URL', /http:\/\//],
    [{ PORT: '70000' }, 'PORT', /65535/],
    [{ DEMO_DATA: 'yes' }, 'DEMO_DATA', /'0' \| '1'/],
    [{ DEMO_SIZE: 'huge' }, 'DEMO_SIZE', /small/],
  ];
  for (const [input, setting, cause] of cases) {
    assert.throws(() => parseEnv(input), (e: Error) => e instanceof ConfigError && e.setting === setting && cause.test(e.message), JSON.stringify(input));
  }
});

test('empty values count as unset', () => {
  assert.equal(parseEnv({ DATABASE_URL: '' }).DATABASE_URL, undefined);
});
