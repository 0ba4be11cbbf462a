-- Ends a silence now; the row stays so expired silences remain visible. A silence that has not
-- started yet ends at its start (starts_at < ends_at must hold).
-- @param id bigint
-- @param now timestamptz
UPDATE silences
SET ends_at = greatest(:now, starts_at + interval '1 millisecond')
WHERE id = :id AND ends_at > :now
RETURNING id
