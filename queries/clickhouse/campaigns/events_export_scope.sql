-- The scope of one event export written by the engine to a file (docs/export-files.md): the
-- bound values of campaigns/events_export_file.sql, under the export's server-made id. Plain
-- insert into the Memory table export_scopes (read back by id).
INSERT INTO export_scopes (id, advertiser_id, campaign_id, from_ts, to_ts, tz, currency)
SELECT {id:String}, {advertiser_id:UInt64}, {campaign_id:UInt64}, {from:DateTime64(3, 'UTC')}, {to:DateTime64(3, 'UTC')}, {tz:String}, {currency:String}
