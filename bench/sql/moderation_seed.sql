-- Bench data for `npm run bench -- moderation`: 100k open cases (one per video), 2 reports each,
-- deterministic (setseed). Priorities have 2 decimals, so many ties exercise the age/id order.
SELECT setseed(0.42);
INSERT INTO users (id, username, email, role, region)
SELECT g, 'bench_user_' || g, 'bench_user_' || g || '@bench.example', CASE WHEN g <= 2000 THEN 'creator' ELSE 'viewer' END, 'FR'
FROM generate_series(1, 20000) AS g;
INSERT INTO videos (id, creator_id, title, duration_ms, region)
SELECT g, 1 + g % 2000, 'Bench video ' || g, 15000, 'FR'
FROM generate_series(1, 100000) AS g;
INSERT INTO moderation_cases (id, video_id, status, priority, priority_parts, report_count, distinct_reporters, reasons,
                              first_reported_at, last_reported_at, sla_due_at)
SELECT g, g, 'open', round((random() * 100)::numeric, 2)::float8, '{}', 2, 2,
       ARRAY[(ARRAY['spam', 'nudity', 'violence', 'hate', 'harassment', 'self_harm', 'misinformation', 'copyright', 'other'])[1 + g % 9]],
       now() - (g % 10080) * interval '1 minute', now() - (g % 10080) * interval '1 minute',
       now() - (g % 10080) * interval '1 minute' + interval '24 hours'
FROM generate_series(1, 100000) AS g;
INSERT INTO content_reports (id, video_id, reporter_id, source, reason, case_id, created_at)
SELECT g * 2 + k, g, 2001 + (g * 2 + k) % 18000, 'user',
       (ARRAY['spam', 'nudity', 'violence', 'hate', 'harassment', 'self_harm', 'misinformation', 'copyright', 'other'])[1 + g % 9],
       g, now() - (g % 10080) * interval '1 minute'
FROM generate_series(1, 100000) AS g, generate_series(0, 1) AS k;
SELECT setval('moderation_cases_id_seq', 100000);
ANALYZE;
