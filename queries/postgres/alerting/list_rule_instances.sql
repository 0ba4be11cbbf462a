-- The state machine's memory for one rule (alert_instances unique (rule_id, fingerprint)).
-- @param rule_id text
SELECT id, fingerprint, labels, state, value, active_since AS "activeSince", firing_since AS "firingSince",
       recovering_since AS "recoveringSince", missed_evals AS "missedEvals"
FROM alert_instances
WHERE rule_id = :rule_id
