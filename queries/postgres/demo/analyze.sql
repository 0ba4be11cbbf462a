-- Fresh planner statistics once the demo data and its history are written: an embedded PGlite
-- has no autovacuum daemon, and plans made on the empty tables' estimates (nested loops over
-- what are now hundreds of thousands of rows) stay that way until something analyzes them.
ANALYZE
