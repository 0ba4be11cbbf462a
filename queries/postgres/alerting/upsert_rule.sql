-- Provisions a rule from alerts/*.yaml (source file) or saves one edited in the UI; file rules
-- are rewritten at every start so the YAML stays the source of truth.
-- @param id text
-- @param source text
-- @param definition jsonb
-- @param enabled bool
-- @param created_by bigint?
INSERT INTO alert_rules (id, source, definition, enabled, created_by)
VALUES (:id, :source, :definition, :enabled, :created_by)
ON CONFLICT (id) DO UPDATE
SET source = EXCLUDED.source, definition = EXCLUDED.definition, enabled = EXCLUDED.enabled, updated_at = now()
RETURNING id
