-- The notification group whose PagerDuty incident a webhook names (alert_groups_dedup_idx).
-- @param dedup_key text
SELECT group_key AS "groupKey", receiver, dedup_key AS "dedupKey", firing FROM alert_groups WHERE dedup_key = :dedup_key
