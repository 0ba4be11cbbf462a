-- One account by id (admin edits, the CLI). Relies on the primary key.
-- @param id bigint
SELECT id, email, role, advertiser_id AS "advertiserId", timezone, disabled, created_at AS "createdAt"
FROM accounts
WHERE id = :id
