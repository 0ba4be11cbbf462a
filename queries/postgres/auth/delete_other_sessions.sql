-- A password change ends the account's other sessions and keeps the one that made it.
-- Relies on sessions_account_idx.
-- @param account_id bigint
-- @param keep_id_hash text
DELETE FROM sessions WHERE account_id = :account_id AND id_hash <> :keep_id_hash
