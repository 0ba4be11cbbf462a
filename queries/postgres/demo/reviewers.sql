-- The reviewers of the demo's moderation history: the enabled moderator accounts (the demo
-- creates three), or the admins when there is no moderator. Ordered by id, so the history is
-- the same for the same accounts.
SELECT id FROM accounts
WHERE NOT disabled AND role = CASE WHEN EXISTS (SELECT 1 FROM accounts WHERE role = 'moderator' AND NOT disabled) THEN 'moderator' ELSE 'admin' END
ORDER BY id
