-- Login: the account for an email, case-insensitively. Relies on accounts_email_idx (lower(email)).
-- @param email text
SELECT id, email, password_hash AS "passwordHash", role, advertiser_id AS "advertiserId", timezone, disabled,
       must_change_password AS "mustChangePassword"
FROM accounts
WHERE lower(email) = lower(:email)
