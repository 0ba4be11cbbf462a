-- Exact row counts of the platform and console tables for the status page. Sequential scans,
-- fine at demo sizes; a production-size deployment reads the status page rarely.
SELECT 'users' AS name, count(*) AS rows FROM users
UNION ALL SELECT 'follows', count(*) FROM follows
UNION ALL SELECT 'videos', count(*) FROM videos
UNION ALL SELECT 'content_reports', count(*) FROM content_reports
UNION ALL SELECT 'moderation_cases', count(*) FROM moderation_cases
UNION ALL SELECT 'moderation_decisions', count(*) FROM moderation_decisions
UNION ALL SELECT 'advertisers', count(*) FROM advertisers
UNION ALL SELECT 'campaigns', count(*) FROM campaigns
UNION ALL SELECT 'transactions', count(*) FROM transactions
UNION ALL SELECT 'accounts', count(*) FROM accounts
UNION ALL SELECT 'api_keys', count(*) FROM api_keys
UNION ALL SELECT 'audit_log', count(*) FROM audit_log
UNION ALL SELECT 'alert_rules', count(*) FROM alert_rules
UNION ALL SELECT 'alert_instances', count(*) FROM alert_instances
UNION ALL SELECT 'notification_outbox', count(*) FROM notification_outbox
UNION ALL SELECT 'ingest_rejections', count(*) FROM ingest_rejections
