-- One notification group (primary key group_key): its dedup_key for PagerDuty acknowledge, and
-- what PagerDuty last said about its incident for the alert page.
-- @param group_key text
SELECT group_key AS "groupKey", receiver, dedup_key AS "dedupKey", firing,
       pagerduty_status AS "pagerdutyStatus", pagerduty_actor AS "pagerdutyActor", pagerduty_at AS "pagerdutyAt",
       pagerduty_assignees AS "pagerdutyAssignees"
FROM alert_groups WHERE group_key = :group_key
