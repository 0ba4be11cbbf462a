-- The users holding any of a batch's usernames or emails (both unique): a user row whose
-- username or email belongs to another user is rejected as a conflict instead of failing the
-- whole batch on the unique index. Relies on the unique indexes on users (username) and (email).
-- @param usernames text[]
-- @param emails text[]
SELECT id, username, email
FROM users
WHERE username = ANY (:usernames) OR email = ANY (:emails)
