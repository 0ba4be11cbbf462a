-- Ends the bulk-load mode of suspend_load_checks.sql (docs/demo-load.md) one saved item per call:
-- the caller runs it once per row of suspended_checks_count.sql, so that no single PGlite statement
-- holds the event loop's thread for the whole rebuild (~35 s at the large size), during which chDB
-- could not be sent its next statement. Order: primary keys and unique constraints first (one
-- sorted build; a duplicate fails the load here), then each secondary index (one sorted build
-- instead of a row-by-row insertion), then each foreign key, which checks every row at once (one
-- join per key; a demo row without its parent fails the load here, as the per-row check would
-- have). Indexes come before the keys' checks, so the checks and the statements after the load
-- have them. The saved list is dropped with its last item.
DO $$
DECLARE
  s record;
BEGIN
  SELECT * INTO s FROM demo_suspended_checks
  ORDER BY CASE kind WHEN 'key' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, ord
  LIMIT 1;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'restore_load_checks: nothing left to restore';
  END IF;
  IF s.kind = 'index' THEN
    EXECUTE s.def;
  ELSE
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', s.tbl, s.name, s.def);
  END IF;
  DELETE FROM demo_suspended_checks WHERE ord = s.ord;
  IF NOT EXISTS (SELECT 1 FROM demo_suspended_checks) THEN
    DROP TABLE demo_suspended_checks;
  END IF;
END
$$
