-- After the demo load, the tables panels count by index are vacuumed so their pages are marked
-- all-visible: counts by index (followers after a window's end, moderation KPIs) then read the
-- index alone instead of one heap page per row (an embedded PGlite has no autovacuum daemon;
-- docs/scale.md, "Demo load"). Not the raw fact tables: panels read those only for a few rows.
VACUUM creator_followers, creator_follows_daily, creator_follows_hourly, revenue_15m, revenue_1h, revenue_1d, moderation_cases, moderation_decisions,
  moderation_decision_times
