-- Deletes a UI rule (file rules are read-only). Its instances and history stay for the record.
-- @param id text
DELETE FROM alert_rules WHERE id = :id AND source = 'ui'
