-- One notification group, to send PagerDuty acknowledge with its dedup_key.
-- @param group_key text
SELECT group_key AS "groupKey", receiver, dedup_key AS "dedupKey", firing FROM alert_groups WHERE group_key = :group_key
