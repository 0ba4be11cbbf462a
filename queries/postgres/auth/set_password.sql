-- A new password hash: the account's own change (must_change false) or an admin's reset to a
-- one-time password (must_change true). Relies on the accounts primary key.
-- @param id bigint
-- @param password_hash text
-- @param must_change bool
UPDATE accounts
SET password_hash = :password_hash, must_change_password = :must_change, updated_at = now()
WHERE id = :id
RETURNING id, email, role, advertiser_id AS "advertiserId", timezone, disabled, created_at AS "createdAt"
