-- Mute timings attached to a route from the console (issue 15). routing.yaml's routes stay the
-- base (their own mute_time_intervals); the console adds timings to a route, named by its place
-- in the tree (`route.routes[0]`, as in group keys). The route's receiver and matchers when the
-- timing was attached are kept: an attachment mutes only while the route at that place still has
-- them, so editing routing.yaml never moves a mute onto another team's route. The timing is a
-- name, of routing.yaml or of mute_timings (no foreign key: YAML timings are not rows); a console
-- timing still attached cannot be deleted.
CREATE TABLE IF NOT EXISTS route_mute_timings (
  route_path  text NOT NULL,
  timing      text NOT NULL,
  receiver    text NOT NULL,
  matchers    jsonb NOT NULL DEFAULT '{}',
  created_by  bigint REFERENCES accounts (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (route_path, timing)
);
CREATE INDEX IF NOT EXISTS route_mute_timings_timing_idx ON route_mute_timings (timing);
