-- The ids of the unresolved cases (the demo refreshes their reporter-accuracy part once its
-- history exists). Relies on moderation_cases_queue_idx.
SELECT id FROM moderation_cases WHERE status <> 'resolved'
