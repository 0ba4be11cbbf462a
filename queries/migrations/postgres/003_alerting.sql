-- Alert state, history and the notification outbox (README "Alerting"). Rules from alerts/*.yaml
-- are provisioned here too (source = 'file', read-only in the UI) so that state can reference them.

CREATE TABLE IF NOT EXISTS alert_rules (
  id          text PRIMARY KEY,
  source      text NOT NULL CHECK (source IN ('file', 'ui')),
  definition  jsonb NOT NULL,
  enabled     boolean NOT NULL DEFAULT true,
  created_by  bigint REFERENCES accounts (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per (rule, label set): the state machine's memory across restarts.
CREATE TABLE IF NOT EXISTS alert_instances (
  id              bigserial PRIMARY KEY,
  rule_id         text NOT NULL,
  fingerprint     text NOT NULL,
  labels          jsonb NOT NULL,
  state           text NOT NULL CHECK (state IN ('normal', 'pending', 'firing', 'recovering')),
  value           double precision,
  active_since    timestamptz,
  firing_since    timestamptz,
  last_eval_at    timestamptz,
  missed_evals    integer NOT NULL DEFAULT 0,
  acknowledged_by bigint REFERENCES accounts (id),
  acknowledged_at timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (rule_id, fingerprint)
);
CREATE INDEX IF NOT EXISTS alert_instances_state_idx ON alert_instances (state);

CREATE TABLE IF NOT EXISTS alert_history (
  id           bigserial PRIMARY KEY,
  instance_id  bigint NOT NULL REFERENCES alert_instances (id),
  at           timestamptz NOT NULL,
  from_state   text NOT NULL,
  to_state     text NOT NULL,
  value        double precision,
  detail       jsonb
);
CREATE INDEX IF NOT EXISTS alert_history_instance_idx ON alert_history (instance_id, at);

CREATE TABLE IF NOT EXISTS silences (
  id          bigserial PRIMARY KEY,
  matchers    jsonb NOT NULL,
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL,
  created_by  bigint REFERENCES accounts (id),
  comment     text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);

-- Every notification is written here before delivery; a worker delivers and retries.
CREATE TABLE IF NOT EXISTS notification_outbox (
  id             bigserial PRIMARY KEY,
  channel        text NOT NULL CHECK (channel IN ('email', 'pagerduty')),
  receiver       text NOT NULL,
  group_key      text NOT NULL,
  dedup_key      text,
  payload        jsonb NOT NULL,
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts       integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  delivered_at   timestamptz
);
CREATE INDEX IF NOT EXISTS notification_outbox_due_idx ON notification_outbox (next_attempt_at) WHERE status = 'pending';

CREATE TABLE IF NOT EXISTS notification_attempts (
  id           bigserial PRIMARY KEY,
  outbox_id    bigint NOT NULL REFERENCES notification_outbox (id),
  at           timestamptz NOT NULL DEFAULT now(),
  outcome      text NOT NULL,
  http_status  integer,
  error        text
);

-- The evaluator's heartbeat: one row per instance, read by /api/health.
CREATE TABLE IF NOT EXISTS evaluator_heartbeat (
  instance_id  text PRIMARY KEY,
  last_run_at  timestamptz NOT NULL,
  lag_ms       integer NOT NULL DEFAULT 0
);
