-- Writes the instances of a batch of rules after one evaluation, in one statement (unique
-- (rule_id, fingerprint)): `rows` is a JSON array of instance states. A new firing episode
-- clears the previous acknowledgement.
-- @param rows jsonb
INSERT INTO alert_instances (rule_id, fingerprint, labels, annotations, severity, state, value, active_since, firing_since,
                             recovering_since, last_eval_at, missed_evals, updated_at)
SELECT r.rule_id, r.fingerprint, r.labels, r.annotations, r.severity, r.state, r.value, r.active_since, r.firing_since,
       r.recovering_since, r.last_eval_at, r.missed_evals, now()
FROM jsonb_to_recordset(:rows) AS r(rule_id text, fingerprint text, labels jsonb, annotations jsonb, severity text, state text,
                                    value float8, active_since timestamptz, firing_since timestamptz, recovering_since timestamptz,
                                    last_eval_at timestamptz, missed_evals int)
ON CONFLICT (rule_id, fingerprint) DO UPDATE
SET labels = EXCLUDED.labels, annotations = EXCLUDED.annotations, severity = EXCLUDED.severity, state = EXCLUDED.state,
    value = EXCLUDED.value, active_since = EXCLUDED.active_since, firing_since = EXCLUDED.firing_since,
    recovering_since = EXCLUDED.recovering_since, last_eval_at = EXCLUDED.last_eval_at,
    missed_evals = EXCLUDED.missed_evals, updated_at = now(),
    -- normal → pending or firing starts a new episode (the stored row still holds the old state).
    acknowledged_by = CASE WHEN alert_instances.state = 'normal' AND EXCLUDED.state IN ('pending', 'firing') THEN NULL ELSE alert_instances.acknowledged_by END,
    acknowledged_at = CASE WHEN alert_instances.state = 'normal' AND EXCLUDED.state IN ('pending', 'firing') THEN NULL ELSE alert_instances.acknowledged_at END,
    acknowledged_by_name = CASE WHEN alert_instances.state = 'normal' AND EXCLUDED.state IN ('pending', 'firing') THEN NULL ELSE alert_instances.acknowledged_by_name END
RETURNING id, rule_id AS "ruleId", fingerprint
