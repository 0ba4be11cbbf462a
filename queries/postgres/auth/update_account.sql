-- Changes an account's role, timezone or disabled flag; a null leaves the field as it is.
-- The advertiser binding is kept consistent by the table's CHECK. Relies on the primary key.
-- @param id bigint
-- @param role text?
-- @param timezone text?
-- @param disabled bool?
UPDATE accounts
SET role = coalesce(:role, role),
    timezone = coalesce(:timezone, timezone),
    disabled = coalesce(:disabled, disabled),
    updated_at = now()
WHERE id = :id
RETURNING id, email, role, advertiser_id AS "advertiserId", timezone, disabled, created_at AS "createdAt"
