-- Serialises migrations between console instances starting at once (transaction-scoped
-- advisory lock, released at COMMIT). The key is an arbitrary constant of this product.
SELECT pg_advisory_xact_lock(7218311001)
