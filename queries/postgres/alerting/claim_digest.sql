-- Records that the digest of a day was written to the outbox; answers a row only the first
-- time, so two consoles or a restart never send it twice.
-- @param day date
INSERT INTO alert_digests (day) VALUES (:day) ON CONFLICT DO NOTHING RETURNING day
