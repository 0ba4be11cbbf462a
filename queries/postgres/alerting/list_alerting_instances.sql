-- Instances that notify: firing or recovering (alert_instances_state_idx), for the routing flush.
SELECT id, rule_id AS "ruleId", fingerprint, labels, annotations, severity, state, value,
       firing_since AS "firingSince", acknowledged_at AS "acknowledgedAt"
FROM alert_instances
WHERE state IN ('firing', 'recovering')
