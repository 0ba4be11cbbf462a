-- Scheduled report sends (README "Campaigns"): each due run of a report_schedules row, or a "send
-- now", queues one delivery for a period of the advertiser's local dates; the worker sends it, and
-- a failed send is retried with backoff (1, 5, 15 min) and then shown as failed.
CREATE TABLE IF NOT EXISTS report_deliveries (
  id               bigserial PRIMARY KEY,
  schedule_id      bigint NOT NULL REFERENCES report_schedules (id) ON DELETE CASCADE,
  period_from      date NOT NULL,
  period_to        date NOT NULL,
  trigger          text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_error       text,
  message_id       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz,
  CHECK (period_to > period_from)
);
CREATE INDEX IF NOT EXISTS report_deliveries_due_idx ON report_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS report_deliveries_schedule_idx ON report_deliveries (schedule_id, id DESC);
