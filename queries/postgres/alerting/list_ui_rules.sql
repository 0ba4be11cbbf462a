-- Rules edited in the UI (the evaluator merges them with the YAML rules). Primary key scan.
SELECT id, definition, enabled, created_by AS "createdBy", updated_at AS "updatedAt"
FROM alert_rules
WHERE source = 'ui'
ORDER BY id
