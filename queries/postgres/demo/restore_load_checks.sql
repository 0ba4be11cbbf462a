-- Ends the bulk-load mode of suspend_load_checks.sql (docs/scale.md#demo-load): adds back each
-- primary key and unique constraint set aside (one sorted build; a duplicate fails the load here),
-- rebuilds each secondary index (one sorted build instead of a row-by-row insertion) and adds each
-- foreign key back, which checks every row at once (one join per key; a demo row without its
-- parent fails the load here, as the per-row check would have). Indexes come first, so the
-- key checks and the statements after the load have them.
DO $$
DECLARE
  s record;
BEGIN
  FOR s IN SELECT * FROM demo_suspended_checks WHERE kind = 'key' ORDER BY ord LOOP
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', s.tbl, s.name, s.def);
  END LOOP;
  FOR s IN SELECT * FROM demo_suspended_checks WHERE kind = 'index' ORDER BY ord LOOP
    EXECUTE s.def;
  END LOOP;
  FOR s IN SELECT * FROM demo_suspended_checks WHERE kind = 'fk' ORDER BY ord LOOP
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', s.tbl, s.name, s.def);
  END LOOP;
  DROP TABLE demo_suspended_checks;
END
$$
