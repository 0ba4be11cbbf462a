-- The demo load's progress (docs/architecture.md#demo-data): one row per load, written outside
-- the load's own transaction. `phase` is where it got: 'data' (both stores being loaded),
-- 'history' (the data committed; accounts and moderation history being written), 'done'. A row
-- not 'done' at the next start is a load that was interrupted (kill -9, power loss): the console
-- clears the demo's partial data in both stores and loads again (redo_of names the row it redoes).
CREATE TABLE IF NOT EXISTS demo_loads (
  id          bigserial PRIMARY KEY,
  size        text NOT NULL,
  seed        bigint NOT NULL,
  demo_now    timestamptz NOT NULL,
  phase       text NOT NULL CHECK (phase IN ('data', 'history', 'done')),
  redo_of     bigint REFERENCES demo_loads (id),
  started_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  counts      jsonb
);
