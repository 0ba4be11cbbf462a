-- Alerting additions to 003 (README "Alerting"): the recovering clock and annotations of an
-- instance, notification groups (the routing tree's memory: group_wait, group_interval,
-- repeat_interval and the stable PagerDuty dedup_key survive a restart), and the daily digest's
-- ledger.
ALTER TABLE alert_instances ADD COLUMN IF NOT EXISTS recovering_since timestamptz;
ALTER TABLE alert_instances ADD COLUMN IF NOT EXISTS annotations jsonb NOT NULL DEFAULT '{}';
ALTER TABLE alert_instances ADD COLUMN IF NOT EXISTS severity text NOT NULL DEFAULT 'warning';
CREATE INDEX IF NOT EXISTS alert_instances_rule_idx ON alert_instances (rule_id);

CREATE TABLE IF NOT EXISTS alert_groups (
  group_key              text PRIMARY KEY,
  receiver               text NOT NULL,
  group_labels           jsonb NOT NULL,
  dedup_key              text NOT NULL,
  -- Set when the group first has an alert to send; group_wait counts from here.
  pending_since          timestamptz,
  firing                 boolean NOT NULL DEFAULT false,
  last_notified_at       timestamptz,
  -- The instances (alert_instances.id) the last notification named; a change is an update.
  notified_instance_ids  text[] NOT NULL DEFAULT '{}',
  updated_at             timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS notification_outbox_group_idx ON notification_outbox (group_key, created_at);
CREATE INDEX IF NOT EXISTS notification_attempts_outbox_idx ON notification_attempts (outbox_id, at);

CREATE TABLE IF NOT EXISTS alert_digests (
  day      date PRIMARY KEY,
  sent_at  timestamptz NOT NULL DEFAULT now()
);
