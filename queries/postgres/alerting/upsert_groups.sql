-- Saves the notification groups one routing flush changed, in one statement (primary key
-- group_key): `rows` is a JSON array of group states.
-- @param rows jsonb
INSERT INTO alert_groups (group_key, receiver, group_labels, dedup_key, pending_since, firing, last_notified_at, notified_instance_ids, updated_at)
SELECT r.group_key, r.receiver, r.group_labels, r.dedup_key, r.pending_since, r.firing, r.last_notified_at,
       ARRAY(SELECT jsonb_array_elements_text(r.notified_instance_ids)), now()
FROM jsonb_to_recordset(:rows) AS r(group_key text, receiver text, group_labels jsonb, dedup_key text, pending_since timestamptz,
                                    firing bool, last_notified_at timestamptz, notified_instance_ids jsonb)
ON CONFLICT (group_key) DO UPDATE
SET pending_since = EXCLUDED.pending_since, firing = EXCLUDED.firing, last_notified_at = EXCLUDED.last_notified_at,
    notified_instance_ids = EXCLUDED.notified_instance_ids, group_labels = EXCLUDED.group_labels, updated_at = now()
