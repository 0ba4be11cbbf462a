-- Moves a demo load to its next phase ('history' once the data committed, 'done' at the end),
-- with the loaded row counts when known.
-- @param id bigint
-- @param phase text
-- @param counts jsonb?
UPDATE demo_loads SET phase = :phase, updated_at = now(), counts = coalesce(:counts, counts)
WHERE id = :id
