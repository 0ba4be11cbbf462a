-- The state machine's memory for the rules of one batch (rules sharing a query): one read per
-- batch instead of one per rule (alert_instances_rule_idx on rule_id).
-- @param rule_ids text[]
SELECT id, rule_id AS "ruleId", fingerprint, labels, state, value, active_since AS "activeSince", firing_since AS "firingSince",
       recovering_since AS "recoveringSince", missed_evals AS "missedEvals"
FROM alert_instances
WHERE rule_id = ANY(:rule_ids)
