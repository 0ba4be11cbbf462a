// Pure parts of issue 15: mute timing semantics (Alertmanager's time_intervals) checked against
// instants whose local time was worked out by hand, routing.yaml refusing literal secrets, and the
// PagerDuty signature check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { activeMuteTiming, intervalActive, zTimeInterval } from '../../server/features/alerting/mute-timings.js';
import { parseRouting } from '../../server/features/alerting/rules.js';
import { verifyPagerDutySignature } from '../../server/features/alerting/pagerduty-webhook.js';

const at = (iso: string) => new Date(iso);

test('weekdays and times of day in a zone across the DST change (Europe/Berlin, 2026-03-29)', () => {
  const office = zTimeInterval.parse({ times: [{ start_time: '09:00', end_time: '17:00' }], weekdays: ['monday:friday'], location: 'Europe/Berlin' });
  assert.equal(intervalActive(office, at('2026-03-27T07:00:00Z')), false, 'Friday 08:00 CET');
  assert.equal(intervalActive(office, at('2026-03-27T08:00:00Z')), true, 'Friday 09:00 CET');
  assert.equal(intervalActive(office, at('2026-03-27T16:00:00Z')), false, 'Friday 17:00 CET: end is exclusive');
  assert.equal(intervalActive(office, at('2026-03-28T10:00:00Z')), false, 'Saturday');
  assert.equal(intervalActive(office, at('2026-03-30T07:00:00Z')), true, 'Monday 09:00 CEST (UTC+2 now)');
  assert.equal(intervalActive(office, at('2026-03-30T06:59:00Z')), false, 'Monday 08:59 CEST');
});

test('days of month from the end, in a zone ahead of UTC (Pacific/Auckland, UTC+13 in February)', () => {
  const last = zTimeInterval.parse({ days_of_month: ['-1'], location: 'Pacific/Auckland' });
  assert.equal(intervalActive(last, at('2026-02-27T12:00:00Z')), true, '2026-02-28 01:00 local: the last day of a 28-day February');
  assert.equal(intervalActive(last, at('2026-02-27T10:00:00Z')), false, '2026-02-27 23:00 local');
  const firstWeek = zTimeInterval.parse({ days_of_month: ['1:7'] });
  assert.equal(intervalActive(firstWeek, at('2026-04-07T23:59:00Z')), true);
  assert.equal(intervalActive(firstWeek, at('2026-04-08T00:00:00Z')), false);
});

test('months, years, 24:00 and a +05:45 zone', () => {
  const winter = zTimeInterval.parse({ months: ['january:march', '12'], years: ['2026'] });
  assert.equal(intervalActive(winter, at('2026-12-15T00:00:00Z')), true);
  assert.equal(intervalActive(winter, at('2026-06-01T00:00:00Z')), false);
  assert.equal(intervalActive(winter, at('2027-01-15T00:00:00Z')), false, 'another year');
  const lastHour = zTimeInterval.parse({ times: [{ start_time: '23:00', end_time: '24:00' }] });
  assert.equal(intervalActive(lastHour, at('2026-01-01T23:59:00Z')), true);
  assert.equal(intervalActive(lastHour, at('2026-01-01T00:00:00Z')), false);
  const kathmandu = zTimeInterval.parse({ times: [{ start_time: '00:00', end_time: '00:15' }], location: 'Asia/Kathmandu' });
  assert.equal(intervalActive(kathmandu, at('2026-01-01T18:15:00Z')), true, '00:00 on Jan 2 in Kathmandu');
  assert.equal(intervalActive(kathmandu, at('2026-01-01T18:30:00Z')), false, '00:15 in Kathmandu');
  const timings = new Map([
    ['night', [lastHour]],
    ['never', [zTimeInterval.parse({ years: ['1999'] })]],
  ]);
  assert.equal(activeMuteTiming(['never', 'night'], timings, at('2026-01-01T23:30:00Z')), 'night');
  assert.equal(activeMuteTiming(['never', 'missing'], timings, at('2026-01-01T23:30:00Z')), undefined);
  assert.equal(zTimeInterval.safeParse({ weekdays: ['friday:monday'] }).success, false, 'a range must go forward');
  assert.equal(zTimeInterval.safeParse({ location: 'Mars/Olympus' }).success, false);
});

const ROUTING = (receiver: string) => `receivers:\n  - name: h\n${receiver}\nroute:\n  receiver: h\n`;

test('routing.yaml: contact-point secrets only as ${ALERT_SECRET_…} settings', () => {
  assert.throws(
    () => parseRouting(ROUTING('    webhook: { url: https://hooks.example.com/x, secret: literal-secret-1234567890 }'), 'routing.yaml', {}),
    /^ConfigError: routing\.yaml: receivers\[0\]\.webhook\.secret: must be \$\{ALERT_SECRET_…\}/,
  );
  assert.throws(
    () => parseRouting(ROUTING('    slack: { url: https://hooks.slack.com/services/T/B/X }'), 'routing.yaml', {}),
    /receivers\[0\]\.slack\.url: must be \$\{ALERT_SECRET_…\}/,
  );
  assert.throws(
    () => parseRouting(ROUTING('    slack: { url: ${ALERT_SECRET_SLACK} }'), 'routing.yaml', {}),
    /\$\{ALERT_SECRET_SLACK\} is used but the setting ALERT_SECRET_SLACK is not set/,
  );
  const r = parseRouting(
    ROUTING('    webhook: { url: https://hooks.example.com/x, secret: ${ALERT_SECRET_HOOK} }\n    slack: { url: ${ALERT_SECRET_SLACK} }'),
    'routing.yaml',
    { secrets: { ALERT_SECRET_HOOK: 'a-long-enough-secret', ALERT_SECRET_SLACK: 'https://hooks.slack.com/services/T/B/X' } },
  );
  assert.deepEqual(r.receivers.get('h'), {
    name: 'h',
    webhook: { url: 'https://hooks.example.com/x', secret: 'a-long-enough-secret' },
    slack: { url: 'https://hooks.slack.com/services/T/B/X' },
  });
});

test('X-PagerDuty-Signature: any v1 signature under any configured secret', () => {
  const body = Buffer.from('{"event":{"id":"e1"}}');
  const sig = (s: string) => `v1=${createHmac('sha256', s).update(body).digest('hex')}`;
  assert.equal(verifyPagerDutySignature(body, sig('new'), ['old', 'new']), true);
  assert.equal(verifyPagerDutySignature(body, `${sig('unknown')}, ${sig('old')}`, ['old']), true);
  assert.equal(verifyPagerDutySignature(body, sig('unknown'), ['old', 'new']), false);
  assert.equal(verifyPagerDutySignature(body, sig('old'), []), false, 'no secret configured: nothing is accepted');
  assert.equal(verifyPagerDutySignature(body, undefined, ['old']), false);
  assert.equal(verifyPagerDutySignature(Buffer.from('{"event":{"id":"e2"}}'), sig('old'), ['old']), false);
});
