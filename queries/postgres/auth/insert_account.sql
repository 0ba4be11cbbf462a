-- Creates a console account (admin route, bootstrap admin, demo accounts, CLI). A duplicate email
-- fails on accounts_email_idx (lower(email)) with a unique violation the caller maps to 409.
-- @param email text
-- @param password_hash text
-- @param role text
-- @param advertiser_id bigint?
-- @param timezone text
INSERT INTO accounts (email, password_hash, role, advertiser_id, timezone)
VALUES (:email, :password_hash, :role, :advertiser_id, :timezone)
RETURNING id, email, role, advertiser_id AS "advertiserId", timezone, disabled, created_at AS "createdAt"
