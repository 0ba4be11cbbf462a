-- Bench data for `npm run bench -- export` (ClickHouse side): {rows} ad events of campaign 1 spread
-- over October 2026 (5M rows: one every ~0.5 s), deterministic but for the event ids.
INSERT INTO ad_events (event_id, ts, type, advertiser_id, campaign_id, user_id, cost_micros, conversion_value_micros, play_ms, region, device)
SELECT generateUUIDv4(number), toDateTime64('2026-10-01 00:00:00', 3, 'UTC') + toIntervalMillisecond(intDiv(number * 2678400000, {rows:UInt64})),
       ['impression', 'impression', 'impression', 'view_2s', 'click'][1 + number % 5], 1, 1, cityHash64(number) % 200000,
       if(number % 5 = 4, 1000000, 2500), 0, if(number % 5 = 3, 3000, 0),
       ['NP', 'IN', 'US', 'DE', 'BR'][1 + cityHash64(number, 1) % 5], ['ios', 'android', 'web'][1 + cityHash64(number, 2) % 3]
FROM numbers({rows:UInt64})
