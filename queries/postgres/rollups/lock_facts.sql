-- A rebuild of the PostgreSQL pre-aggregates holds writers of the facts off until it commits
-- (readers go on), so no change lands between the recount and the switch.
LOCK TABLE transactions, follows, moderation_cases, moderation_decisions IN SHARE MODE
