-- Bench data for `npm run bench -- export` (PostgreSQL side): the one advertiser and campaign whose
-- ad events bench/sql/export_events.sql writes.
INSERT INTO advertisers (id, name, timezone, currency) VALUES (1, 'Bench Ads', 'UTC', 'USD');
INSERT INTO campaigns (id, advertiser_id, name, objective, status, budget_micros, bid_micros, start_date)
VALUES (1, 1, 'Bench campaign', 'traffic', 'active', 1000000000, 1000000, '2026-09-30');
