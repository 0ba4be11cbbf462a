-- Account actions, reporter accuracy and search (docs/moderation.md).
--
-- account_actions is append-only like moderation_decisions: a warning, a suspension (ends_at) or
-- a ban is one row; lifting one is a later row pointing at it (lifts_action_id, at most one lift
-- per action), never an edit. What an account's standing is now is read from the rows
-- (user_standing below): banned while a ban is not lifted; suspended while a suspension is
-- neither lifted nor over. users.status stays the platform's own field (ingest writes it).
CREATE TABLE IF NOT EXISTS account_actions (
  id               bigserial PRIMARY KEY,
  user_id          bigint NOT NULL REFERENCES users (id),
  kind             text NOT NULL CHECK (kind IN ('warn', 'suspend', 'ban', 'lift')),
  -- The account's part: the creator of reported videos, or a reporter abusing reports.
  subject          text NOT NULL CHECK (subject IN ('creator', 'reporter')),
  policy_reason    text NOT NULL CHECK (length(policy_reason) BETWEEN 1 AND 64),
  note             text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  case_id          bigint REFERENCES moderation_cases (id),
  ends_at          timestamptz,
  lifts_action_id  bigint REFERENCES account_actions (id),
  actor_id         bigint,
  bulk_batch_id    uuid,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'suspend') = (ends_at IS NOT NULL)),
  CHECK ((kind = 'lift') = (lifts_action_id IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS account_actions_user_idx ON account_actions (user_id, created_at, id);
CREATE INDEX IF NOT EXISTS account_actions_case_idx ON account_actions (case_id) WHERE case_id IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS account_actions_one_lift ON account_actions (lifts_action_id) WHERE lifts_action_id IS NOT NULL;

-- The videos a ban hid, with the visibility each had, so that lifting the ban gives it back.
CREATE TABLE IF NOT EXISTS account_action_videos (
  action_id          bigint NOT NULL REFERENCES account_actions (id),
  video_id           bigint NOT NULL REFERENCES videos (id),
  visibility_before  text NOT NULL,
  PRIMARY KEY (action_id, video_id)
);

-- Live restrictions per account: a ban not lifted; a suspension not lifted and not over.
CREATE OR REPLACE VIEW user_standing AS
SELECT a.user_id,
       bool_or(a.kind = 'ban') AS banned,
       max(a.ends_at) FILTER (WHERE a.kind = 'suspend') AS suspended_until
FROM account_actions AS a
WHERE a.kind IN ('suspend', 'ban')
  AND NOT EXISTS (SELECT 1 FROM account_actions AS l WHERE l.lifts_action_id = a.id)
  AND (a.kind = 'ban' OR a.ends_at > now())
GROUP BY a.user_id;

-- A reporter's record: the resolved cases they reported, by the outcome of each case's latest
-- decision (remove and age_restrict uphold the report, dismiss does not). Counted per case, not
-- per report (three reports of one video are one judgement).
CREATE INDEX IF NOT EXISTS content_reports_reporter_idx ON content_reports (reporter_id, case_id) WHERE reporter_id IS NOT NULL;
CREATE OR REPLACE VIEW reporter_accuracy AS
SELECT r.reporter_id AS user_id,
       count(DISTINCT r.case_id) FILTER (WHERE d.outcome IN ('remove', 'age_restrict')) AS upheld,
       count(DISTINCT r.case_id) FILTER (WHERE d.outcome = 'dismiss') AS dismissed
FROM content_reports AS r
JOIN moderation_cases AS c ON c.id = r.case_id AND c.status = 'resolved'
JOIN LATERAL (SELECT x.outcome FROM moderation_decisions AS x WHERE x.case_id = c.id ORDER BY x.id DESC LIMIT 1) AS d ON true
WHERE r.reporter_id IS NOT NULL
GROUP BY r.reporter_id;

-- Search (queries/postgres/search): full-text on titles and campaign names ('simple'
-- configuration: no stemming, any language), prefix on lower-cased usernames and emails.
CREATE INDEX IF NOT EXISTS videos_title_search_idx ON videos USING gin (to_tsvector('simple', title));
CREATE INDEX IF NOT EXISTS campaigns_name_search_idx ON campaigns USING gin (to_tsvector('simple', name));
CREATE INDEX IF NOT EXISTS users_username_prefix_idx ON users (lower(username) text_pattern_ops);
CREATE INDEX IF NOT EXISTS users_email_prefix_idx ON users (lower(email) text_pattern_ops);
-- Words typed in the search box → a tsquery where every word is a prefix, all required
-- ("cook past" → 'cook':* & 'past':*); NULL when there is no word (matches nothing).
CREATE OR REPLACE FUNCTION search_prefix_query(q text) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT to_tsquery('simple', nullif(array_to_string(ARRAY(
    SELECT quote_literal(l) || ':*' FROM unnest(tsvector_to_array(to_tsvector('simple', q))) AS l), ' & '), ''))
$$;
