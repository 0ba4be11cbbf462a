-- On-call (issue 15): two-way PagerDuty, webhook and Slack contact points, mute timings.
--
-- Webhook and Slack notifications share the outbox, its retries and dead letters.
ALTER TABLE notification_outbox DROP CONSTRAINT IF EXISTS notification_outbox_channel_check;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_channel_check
  CHECK (channel IN ('email', 'pagerduty', 'webhook', 'slack'));

-- Who acknowledged when it was not a console account (a PagerDuty user, from the webhook).
ALTER TABLE alert_instances ADD COLUMN IF NOT EXISTS acknowledged_by_name text;

-- What PagerDuty last said about a group's incident (webhooks v3): status, who, when, assignees.
ALTER TABLE alert_groups ADD COLUMN IF NOT EXISTS pagerduty_status text;
ALTER TABLE alert_groups ADD COLUMN IF NOT EXISTS pagerduty_actor text;
ALTER TABLE alert_groups ADD COLUMN IF NOT EXISTS pagerduty_at timestamptz;
ALTER TABLE alert_groups ADD COLUMN IF NOT EXISTS pagerduty_assignees jsonb;
CREATE INDEX IF NOT EXISTS alert_groups_dedup_idx ON alert_groups (dedup_key);

-- Every PagerDuty webhook event once, by PagerDuty's event id: a replayed event finds its row
-- and changes nothing.
CREATE TABLE IF NOT EXISTS pagerduty_webhook_events (
  event_id     text PRIMARY KEY,
  event_type   text NOT NULL,
  incident_key text,
  group_key    text,
  agent        text,
  outcome      text NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now()
);

-- Mute timings made in the console (those of routing.yaml live there): recurring windows in
-- Alertmanager's time_intervals shape, referenced by name from routes' mute_time_intervals.
CREATE TABLE IF NOT EXISTS mute_timings (
  name            text PRIMARY KEY,
  time_intervals  jsonb NOT NULL,
  created_by      bigint REFERENCES accounts (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
