-- How many keys and indexes suspend_load_checks.sql set aside: restore_load_checks.sql runs once per item.
SELECT count(*)::int AS n FROM demo_suspended_checks
