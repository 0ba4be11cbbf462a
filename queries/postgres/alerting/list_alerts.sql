-- The alerts page: instances not normal (or all with include_normal), rule and labels, newest first.
-- @param include_normal bool
SELECT id, rule_id AS "ruleId", fingerprint, labels, annotations, severity, state, value,
       active_since AS "activeSince", firing_since AS "firingSince", last_eval_at AS "lastEvalAt",
       acknowledged_by AS "acknowledgedBy", acknowledged_by_name AS "acknowledgedByName", acknowledged_at AS "acknowledgedAt"
FROM alert_instances
WHERE :include_normal OR state <> 'normal'
ORDER BY CASE state WHEN 'firing' THEN 0 WHEN 'recovering' THEN 1 WHEN 'pending' THEN 2 ELSE 3 END, updated_at DESC
LIMIT 1000
