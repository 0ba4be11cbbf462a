-- What PagerDuty last said about a group's incident (primary key group_key); the status and the
-- assignees are kept unless the event sets them (a reassignment changes only the assignees).
-- @param group_key text
-- @param status text?
-- @param actor text?
-- @param at timestamptz
-- @param assignees jsonb?
UPDATE alert_groups
SET pagerduty_status = coalesce(:status, pagerduty_status), pagerduty_actor = :actor, pagerduty_at = :at,
    pagerduty_assignees = coalesce(:assignees, pagerduty_assignees), updated_at = now()
WHERE group_key = :group_key
