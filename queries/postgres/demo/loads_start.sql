-- Records the start of a demo load (committed before the load's own transaction begins).
-- @param size text
-- @param seed bigint
-- @param demo_now timestamptz
-- @param redo_of bigint?
INSERT INTO demo_loads (size, seed, demo_now, phase, redo_of)
VALUES (:size, :seed, :demo_now, 'data', :redo_of)
RETURNING id::int AS id
