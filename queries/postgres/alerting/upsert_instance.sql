-- Writes one instance's state after an evaluation (unique (rule_id, fingerprint)). A new
-- firing episode clears the previous acknowledgement.
-- @param rule_id text
-- @param fingerprint text
-- @param labels jsonb
-- @param annotations jsonb
-- @param severity text
-- @param state text
-- @param value float8?
-- @param active_since timestamptz?
-- @param firing_since timestamptz?
-- @param recovering_since timestamptz?
-- @param last_eval_at timestamptz
-- @param missed_evals int
-- @param new_episode bool
INSERT INTO alert_instances (rule_id, fingerprint, labels, annotations, severity, state, value, active_since, firing_since,
                             recovering_since, last_eval_at, missed_evals, updated_at)
VALUES (:rule_id, :fingerprint, :labels, :annotations, :severity, :state, :value, :active_since, :firing_since,
        :recovering_since, :last_eval_at, :missed_evals, now())
ON CONFLICT (rule_id, fingerprint) DO UPDATE
SET labels = EXCLUDED.labels, annotations = EXCLUDED.annotations, severity = EXCLUDED.severity, state = EXCLUDED.state,
    value = EXCLUDED.value, active_since = EXCLUDED.active_since, firing_since = EXCLUDED.firing_since,
    recovering_since = EXCLUDED.recovering_since, last_eval_at = EXCLUDED.last_eval_at,
    missed_evals = EXCLUDED.missed_evals, updated_at = now(),
    acknowledged_by = CASE WHEN :new_episode THEN NULL ELSE alert_instances.acknowledged_by END,
    acknowledged_at = CASE WHEN :new_episode THEN NULL ELSE alert_instances.acknowledged_at END
RETURNING id
