-- Row counts of the tables the demo loader fills, for its summary (docs/architecture.md#demo-data). Full counts:
-- run once after a load, not on a request path.
SELECT
  (SELECT count(*) FROM users) AS users,
  (SELECT count(*) FROM follows) AS follows,
  (SELECT count(*) FROM videos) AS videos,
  (SELECT count(*) FROM advertisers) AS advertisers,
  (SELECT count(*) FROM campaigns) AS campaigns,
  (SELECT count(*) FROM transactions) AS transactions,
  (SELECT count(*) FROM content_reports) AS content_reports,
  (SELECT count(*) FROM moderation_cases) AS moderation_cases,
  (SELECT count(*) FROM ingest_rejections) AS ingest_rejections
