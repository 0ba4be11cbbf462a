-- The notification groups' memory (primary key group_key), read at every routing flush.
SELECT group_key AS "groupKey", receiver, group_labels AS "groupLabels", dedup_key AS "dedupKey",
       pending_since AS "pendingSince", firing, last_notified_at AS "lastNotifiedAt",
       notified_instance_ids AS "notifiedInstanceIds"
FROM alert_groups
WHERE firing OR pending_since IS NOT NULL
