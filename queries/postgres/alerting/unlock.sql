-- Gives up the evaluator role on shutdown, so another console takes over at its next try.
-- @param key bigint
SELECT pg_advisory_unlock(:key) AS unlocked
