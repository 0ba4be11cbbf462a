-- Records a PagerDuty webhook event once by its id (pagerduty_webhook_events primary key): no
-- row back means a replay, and the caller changes nothing.
-- @param event_id text
-- @param event_type text
-- @param incident_key text?
-- @param group_key text?
-- @param agent text?
-- @param outcome text
INSERT INTO pagerduty_webhook_events (event_id, event_type, incident_key, group_key, agent, outcome)
VALUES (:event_id, :event_type, :incident_key, :group_key, :agent, :outcome)
ON CONFLICT (event_id) DO NOTHING
RETURNING event_id AS "eventId"
