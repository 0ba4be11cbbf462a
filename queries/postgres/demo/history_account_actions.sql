-- Account actions of the demo history (docs/moderation.md#demo-data), taken by the reviewer of the
-- decision they follow: a warning for a creator at their 2nd removal, a 7-day suspension at their
-- 3rd (the recent ones still in force: the queue marks those creators), the first of those
-- suspensions lifted a day later on appeal, and a warning for abusive reporting to each of the
-- three reporters with the most dismissed cases (at least 2). No bans: a ban hides every video of a
-- creator. Relies on moderation_decisions_case_idx and content_reports_reporter_idx.
WITH removals AS (
  SELECT v.creator_id, d.case_id, d.reviewer_id, d.decided_at, d.policy_reason,
         row_number() OVER (PARTITION BY v.creator_id ORDER BY d.decided_at, d.id) AS n
  FROM moderation_decisions AS d
  JOIN videos AS v ON v.id = d.video_id
  WHERE d.outcome = 'remove'
),
strikes AS (
  INSERT INTO account_actions (user_id, kind, subject, policy_reason, note, case_id, ends_at, actor_id, created_at)
  SELECT creator_id, CASE n WHEN 2 THEN 'warn' ELSE 'suspend' END, 'creator', 'repeat_violations',
         CASE n WHEN 2 THEN 'second removal' ELSE 'third removal: 7 days' END, case_id,
         CASE n WHEN 3 THEN decided_at + interval '7 days' END, reviewer_id, decided_at + interval '2 minutes'
  FROM removals WHERE n IN (2, 3)
  RETURNING id, kind, user_id, actor_id, created_at
),
first_suspension AS (
  SELECT * FROM strikes WHERE kind = 'suspend' ORDER BY created_at, id LIMIT 1
),
lifted AS (
  INSERT INTO account_actions (user_id, kind, subject, policy_reason, note, lifts_action_id, actor_id, created_at)
  SELECT user_id, 'lift', 'creator', 'appeal_granted', 'appeal reviewed: the third removal was borderline', id, actor_id, created_at + interval '1 day'
  FROM first_suspension
  WHERE created_at + interval '1 day' < now()
  RETURNING id
),
abusers AS (
  SELECT r.reporter_id, count(DISTINCT r.case_id) AS dismissed, max(d.decided_at) AS last_at, min(d.reviewer_id) AS reviewer_id
  FROM content_reports AS r
  JOIN moderation_decisions AS d ON d.case_id = r.case_id AND d.outcome = 'dismiss'
  WHERE r.reporter_id IS NOT NULL
  GROUP BY r.reporter_id
  HAVING count(DISTINCT r.case_id) >= 2
  ORDER BY dismissed DESC, r.reporter_id
  LIMIT 3
)
INSERT INTO account_actions (user_id, kind, subject, policy_reason, note, actor_id, created_at)
SELECT reporter_id, 'warn', 'reporter', 'report_abuse', dismissed || ' reports dismissed', reviewer_id, last_at + interval '5 minutes'
FROM abusers
