-- Empties what a demo load writes to PostgreSQL, before an interrupted load is loaded again
-- (server/features/demo/demo.resume.ts): the platform tables, their pre-aggregates and the
-- moderation history. Only run when demo_loads holds an unfinished load: the console has not been
-- ready since that load started (the API answers 503 until then), so these rows are the demo's.
TRUNCATE users, follows, videos, moderation_cases, content_reports, moderation_decisions, advertisers, campaigns,
  transactions, ingest_rejections, revenue_15m, revenue_1h, revenue_1d, creator_followers, creator_follows_daily, creator_follows_hourly,
  moderation_cases_daily, moderation_decision_times, account_actions,
  account_action_videos
RESTART IDENTITY CASCADE
