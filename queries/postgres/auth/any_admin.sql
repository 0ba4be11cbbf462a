-- Start-up: is there an enabled admin already? (the bootstrap admin is created only when not).
-- A sequential scan of a small table.
SELECT EXISTS (SELECT 1 FROM accounts WHERE role = 'admin' AND NOT disabled) AS "any"
