-- Progress of `npm run rollups -- rebuild`: one row per finished (view, monthly partition) step
-- of a run, so an interrupted run resumes where it stopped (docs/scale.md).
CREATE TABLE IF NOT EXISTS rollup_rebuilds
(
    run        String,
    view       String,
    partition  String,
    done_at    DateTime64(6, 'UTC')
)
ENGINE = MergeTree
ORDER BY (run, done_at);
