-- Empties the PostgreSQL pre-aggregates before they are recounted (inside the rebuild's transaction).
TRUNCATE revenue_15m, revenue_1h, revenue_1d, creator_followers, creator_follows_daily, creator_follows_hourly, moderation_cases_daily,
  moderation_decision_times
