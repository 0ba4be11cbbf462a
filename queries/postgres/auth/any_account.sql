-- Demo start-up: demo accounts are created only on a console without any account yet.
SELECT EXISTS (SELECT 1 FROM accounts) AS "any"
