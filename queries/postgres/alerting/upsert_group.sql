-- Saves a notification group's state after a routing flush (primary key group_key).
-- @param group_key text
-- @param receiver text
-- @param group_labels jsonb
-- @param dedup_key text
-- @param pending_since timestamptz?
-- @param firing bool
-- @param last_notified_at timestamptz?
-- @param notified_instance_ids text[]
INSERT INTO alert_groups (group_key, receiver, group_labels, dedup_key, pending_since, firing, last_notified_at, notified_instance_ids, updated_at)
VALUES (:group_key, :receiver, :group_labels, :dedup_key, :pending_since, :firing, :last_notified_at, :notified_instance_ids, now())
ON CONFLICT (group_key) DO UPDATE
SET pending_since = EXCLUDED.pending_since, firing = EXCLUDED.firing, last_notified_at = EXCLUDED.last_notified_at,
    notified_instance_ids = EXCLUDED.notified_instance_ids, group_labels = EXCLUDED.group_labels, updated_at = now()
