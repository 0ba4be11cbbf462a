-- Platform entities fed by the ingest API (docs/architecture.md "Data model"; README "Ingest API").
-- Ids come from the platform, so they are plain bigints, not sequences; every entity carries
-- updated_at so that upserts can refuse a replayed or older row.

CREATE TABLE IF NOT EXISTS users (
  id            bigint PRIMARY KEY,
  username      text NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 64),
  email         text NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 254),
  display_name  text NOT NULL DEFAULT '' CHECK (length(display_name) <= 128),
  role          text NOT NULL DEFAULT 'viewer' CHECK (role IN ('viewer', 'creator')),
  region        text NOT NULL CHECK (length(region) BETWEEN 2 AND 8),
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'banned')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS users_created_at_idx ON users (created_at);

CREATE TABLE IF NOT EXISTS follows (
  follower_id  bigint NOT NULL REFERENCES users (id),
  followee_id  bigint NOT NULL REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (follower_id, followee_id),
  CHECK (follower_id <> followee_id)
);
-- Top creators count followers per followee and growth in a window.
CREATE INDEX IF NOT EXISTS follows_followee_created_idx ON follows (followee_id, created_at);

CREATE TABLE IF NOT EXISTS videos (
  id             bigint PRIMARY KEY,
  creator_id     bigint NOT NULL REFERENCES users (id),
  title          text NOT NULL CHECK (length(title) <= 300),
  description    text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
  tags           text[] NOT NULL DEFAULT '{}',
  duration_ms    integer NOT NULL CHECK (duration_ms > 0),
  region         text NOT NULL CHECK (length(region) BETWEEN 2 AND 8),
  visibility     text NOT NULL DEFAULT 'public'
                 CHECK (visibility IN ('public', 'private', 'age_restricted', 'removed')),
  video_url      text NOT NULL DEFAULT '',
  thumbnail_url  text NOT NULL DEFAULT '',
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS videos_creator_idx ON videos (creator_id);

-- One open case per video gathers all its reports (README "Moderation").
CREATE TABLE IF NOT EXISTS moderation_cases (
  id                  bigserial PRIMARY KEY,
  video_id            bigint NOT NULL REFERENCES videos (id),
  status              text NOT NULL DEFAULT 'open'
                      CHECK (status IN ('open', 'in_review', 'escalated', 'resolved')),
  priority            double precision NOT NULL DEFAULT 0,
  priority_parts      jsonb NOT NULL DEFAULT '{}',
  report_count        integer NOT NULL DEFAULT 0,
  distinct_reporters  integer NOT NULL DEFAULT 0,
  reasons             text[] NOT NULL DEFAULT '{}',
  first_reported_at   timestamptz NOT NULL,
  last_reported_at    timestamptz NOT NULL,
  assignee_id         bigint,
  claimed_at          timestamptz,
  claim_expires_at    timestamptz,
  version             integer NOT NULL DEFAULT 1,
  sla_due_at          timestamptz NOT NULL,
  resolved_at         timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS moderation_cases_one_open_per_video
  ON moderation_cases (video_id) WHERE status <> 'resolved';
-- The queue sorts unresolved cases by priority, then age.
CREATE INDEX IF NOT EXISTS moderation_cases_queue_idx
  ON moderation_cases (priority DESC, first_reported_at, id) WHERE status <> 'resolved';

CREATE TABLE IF NOT EXISTS content_reports (
  id           bigint PRIMARY KEY,
  video_id     bigint NOT NULL REFERENCES videos (id),
  reporter_id  bigint REFERENCES users (id),
  source       text NOT NULL CHECK (source IN ('user', 'automated')),
  reason       text NOT NULL CHECK (reason IN ('spam', 'nudity', 'violence', 'hate', 'harassment',
                                               'self_harm', 'misinformation', 'copyright', 'other')),
  details      text NOT NULL DEFAULT '' CHECK (length(details) <= 2000),
  case_id      bigint REFERENCES moderation_cases (id),
  resolved_at  timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((source = 'user') = (reporter_id IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS content_reports_case_idx ON content_reports (case_id);
CREATE INDEX IF NOT EXISTS content_reports_video_idx ON content_reports (video_id, created_at);

-- Append-only (docs/architecture.md "Data model"): a reversal is a later decision pointing at the
-- one it reverses.
CREATE TABLE IF NOT EXISTS moderation_decisions (
  id                    bigserial PRIMARY KEY,
  case_id               bigint NOT NULL REFERENCES moderation_cases (id),
  video_id              bigint NOT NULL REFERENCES videos (id),
  reviewer_id           bigint NOT NULL,
  claimed_at            timestamptz,
  decided_at            timestamptz NOT NULL DEFAULT now(),
  outcome               text NOT NULL CHECK (outcome IN ('dismiss', 'remove', 'age_restrict', 'escalate')),
  policy_reason         text NOT NULL,
  note                  text NOT NULL DEFAULT '',
  state_before          jsonb NOT NULL,
  state_after           jsonb NOT NULL,
  bulk_batch_id         uuid,
  reverses_decision_id  bigint REFERENCES moderation_decisions (id)
);
CREATE INDEX IF NOT EXISTS moderation_decisions_case_idx ON moderation_decisions (case_id);
CREATE INDEX IF NOT EXISTS moderation_decisions_reviewer_idx ON moderation_decisions (reviewer_id, decided_at);

CREATE TABLE IF NOT EXISTS advertisers (
  id          bigint PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  timezone    text NOT NULL,
  currency    char(3) NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Money is never a float: budget and bid in integer micros of the advertiser's currency.
CREATE TABLE IF NOT EXISTS campaigns (
  id             bigint PRIMARY KEY,
  advertiser_id  bigint NOT NULL REFERENCES advertisers (id),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  objective      text NOT NULL CHECK (objective IN ('awareness', 'traffic', 'conversions', 'video_views')),
  status         text NOT NULL CHECK (status IN ('active', 'paused', 'ended')),
  budget_micros  bigint NOT NULL CHECK (budget_micros >= 0),
  bid_micros     bigint NOT NULL CHECK (bid_micros >= 0),
  start_date     date NOT NULL,
  end_date       date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX IF NOT EXISTS campaigns_advertiser_idx ON campaigns (advertiser_id);

CREATE TABLE IF NOT EXISTS transactions (
  id             bigint PRIMARY KEY,
  kind           text NOT NULL CHECK (kind IN ('subscription', 'ad_payment', 'gift', 'payout')),
  amount_minor   bigint NOT NULL CHECK (amount_minor >= 0),
  currency       char(3) NOT NULL,
  user_id        bigint REFERENCES users (id),
  advertiser_id  bigint REFERENCES advertisers (id),
  occurred_at    timestamptz NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((user_id IS NULL) <> (advertiser_id IS NULL))
);
-- Revenue per day reads a time range, then groups by kind.
CREATE INDEX IF NOT EXISTS transactions_occurred_idx ON transactions (occurred_at, kind);
