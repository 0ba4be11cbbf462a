-- The admin accounts page: every console account, newest first (a small table, sorted in memory).
SELECT id, email, role, advertiser_id AS "advertiserId", timezone, disabled, created_at AS "createdAt"
FROM accounts
ORDER BY created_at DESC, id DESC
