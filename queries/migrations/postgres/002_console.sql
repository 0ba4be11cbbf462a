-- Console side (docs/architecture.md: "Data model", "Roles", "HTTP"): logins, sessions, API keys
-- and the append-only audit log.

CREATE TABLE IF NOT EXISTS accounts (
  id             bigserial PRIMARY KEY,
  email          text NOT NULL,
  password_hash  text NOT NULL,
  role           text NOT NULL CHECK (role IN ('admin', 'moderator', 'oncall', 'analyst', 'advertiser')),
  advertiser_id  bigint REFERENCES advertisers (id),
  timezone       text NOT NULL DEFAULT 'UTC',
  disabled       boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'advertiser') = (advertiser_id IS NOT NULL))
);
CREATE UNIQUE INDEX IF NOT EXISTS accounts_email_idx ON accounts (lower(email));

-- Sessions live in PostgreSQL so that any number of console instances can serve them (§11).
CREATE TABLE IF NOT EXISTS sessions (
  id_hash       text PRIMARY KEY,
  account_id    bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  ip            text,
  user_agent    text
);
CREATE INDEX IF NOT EXISTS sessions_account_idx ON sessions (account_id);

CREATE TABLE IF NOT EXISTS api_keys (
  id           bigserial PRIMARY KEY,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  prefix       text NOT NULL UNIQUE,
  key_hash     text NOT NULL,
  scopes       text[] NOT NULL,
  created_by   bigint REFERENCES accounts (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);

CREATE TABLE IF NOT EXISTS audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    bigint,
  actor_email text,
  action      text NOT NULL,
  target_type text,
  target_id   text,
  before      jsonb,
  after       jsonb,
  request_id  text,
  ip          text
);
CREATE INDEX IF NOT EXISTS audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX IF NOT EXISTS audit_log_actor_idx ON audit_log (actor_id, at DESC);
CREATE INDEX IF NOT EXISTS audit_log_action_idx ON audit_log (action, at DESC);

-- Scheduled campaign reports (README "Campaigns"), sent in the advertiser's morning.
CREATE TABLE IF NOT EXISTS report_schedules (
  id             bigserial PRIMARY KEY,
  advertiser_id  bigint NOT NULL REFERENCES advertisers (id),
  campaign_id    bigint REFERENCES campaigns (id),
  frequency      text NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly')),
  format         text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  recipients     text[] NOT NULL CHECK (cardinality(recipients) BETWEEN 1 AND 5),
  paused         boolean NOT NULL DEFAULT false,
  next_run_at    timestamptz NOT NULL,
  last_run_at    timestamptz,
  last_status    text,
  last_error     text,
  attempts       integer NOT NULL DEFAULT 0,
  created_by     bigint REFERENCES accounts (id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS report_schedules_due_idx ON report_schedules (next_run_at) WHERE NOT paused;

CREATE TABLE IF NOT EXISTS export_jobs (
  id            bigserial PRIMARY KEY,
  account_id    bigint REFERENCES accounts (id),
  kind          text NOT NULL,
  params        jsonb NOT NULL,
  status        text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  rows_written  bigint NOT NULL DEFAULT 0,
  bytes_written bigint NOT NULL DEFAULT 0,
  error         text,
  started_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz
);
