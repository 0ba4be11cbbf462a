-- Instances by id (primary key): the alerts a resolve message names, now normal.
-- @param ids bigint[]
SELECT id, rule_id AS "ruleId", fingerprint, labels, annotations, severity, state, value,
       firing_since AS "firingSince", acknowledged_at AS "acknowledgedAt"
FROM alert_instances
WHERE id = ANY(:ids)
ORDER BY id
