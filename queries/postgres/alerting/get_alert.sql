-- One alert instance by id (primary key).
-- @param id bigint
SELECT id, rule_id AS "ruleId", fingerprint, labels, annotations, severity, state, value,
       active_since AS "activeSince", firing_since AS "firingSince", last_eval_at AS "lastEvalAt",
       acknowledged_by AS "acknowledgedBy", acknowledged_by_name AS "acknowledgedByName", acknowledged_at AS "acknowledgedAt"
FROM alert_instances
WHERE id = :id
