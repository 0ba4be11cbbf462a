-- A disabled account loses every session at once. Relies on sessions_account_idx.
-- @param account_id bigint
DELETE FROM sessions WHERE account_id = :account_id
