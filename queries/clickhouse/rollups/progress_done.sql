-- The (view, partition) steps a rebuild run with these arguments finished since its last complete
-- run: what a resumed run skips. A row with view '' marks a complete run.
SELECT view, partition
FROM rollup_rebuilds
WHERE run = {run:String}
  AND done_at > (SELECT max(done_at) FROM rollup_rebuilds WHERE run = {run:String} AND view = '')
  AND view != ''
