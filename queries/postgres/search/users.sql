-- Header search, platform users: by id, by username prefix, and by email prefix only when
-- :by_email (roles that may see personal data; the service never returns the email otherwise).
-- :prefix is lower-cased with LIKE's wildcards escaped by the service. Relies on the primary key,
-- users_username_prefix_idx and users_email_prefix_idx.
-- @param prefix text
-- @param id bigint?
-- @param by_email bool
-- @param max int
SELECT u.id, u.username, u.display_name AS "displayName", u.email, u.role,
       CASE WHEN s.banned THEN 'banned' WHEN s.suspended_until IS NOT NULL THEN 'suspended' END AS standing
FROM users AS u
LEFT JOIN user_standing AS s ON s.user_id = u.id
WHERE u.id = :id
   OR lower(u.username) LIKE :prefix || '%'
   OR (:by_email AND lower(u.email) LIKE :prefix || '%')
ORDER BY (u.id = :id) IS TRUE DESC, (lower(u.username) = :prefix) DESC, length(u.username), u.id
LIMIT :max
