-- One rule by id, to refuse editing a file rule and to tell a new UI rule from an edit.
-- @param id text
SELECT id, source FROM alert_rules WHERE id = :id
