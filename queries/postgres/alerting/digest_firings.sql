-- Info alerts that fired in a window, for the daily digest email (alert_history by time).
-- @param from timestamptz
-- @param to timestamptz
SELECT i.id, i.rule_id AS "ruleId", i.labels, i.annotations, h.at, h.value
FROM alert_history h JOIN alert_instances i ON i.id = h.instance_id
WHERE h.at >= :from AND h.at < :to AND h.to_state = 'firing' AND h.from_state <> 'firing' AND i.severity = 'info'
ORDER BY h.at
