-- Overview tile: alert instances firing now (alert_instances_state_idx).
SELECT count(*)::int AS firing FROM alert_instances WHERE state = 'firing'
