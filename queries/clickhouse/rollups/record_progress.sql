-- One finished step of a rebuild run (view '' and partition '': the run is complete).
INSERT INTO rollup_rebuilds (run, view, partition, done_at)
VALUES ({run:String}, {view:String}, {partition:String}, now64(6))
