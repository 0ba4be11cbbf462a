-- A password change checks the current password of the signed-in account. Relies on the primary key.
-- @param id bigint
SELECT password_hash AS "passwordHash" FROM accounts WHERE id = :id AND NOT disabled
