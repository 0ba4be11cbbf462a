-- Interrupted demo loads being redone: closed as 'done' once their redo has finished, so the
-- next start does not redo them again (the redo's own row says redo_of).
-- @param id bigint
UPDATE demo_loads SET phase = 'done', updated_at = now()
WHERE phase <> 'done' AND id < :id
