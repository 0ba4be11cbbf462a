// Cold start (new DATA_DIR: PGlite initdb, chDB open, migrations) and warm start (same DATA_DIR
// again) to a healthy /api/health, with no demo data so only start-up itself is measured.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchContext } from './run.js';
import { startAndWaitHealthy } from './process.js';

export const description = 'seconds from process start to a healthy /api/health, cold and warm, embedded stores';

export default async function (ctx: BenchContext) {
  for (let i = 0; i < ctx.runs; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-bench-start-'));
    try {
      const cold = await startAndWaitHealthy({ DATA_DIR: dir, DEMO_DATA: '0' });
      ctx.record('cold start (new DATA_DIR)', 's', cold.secondsToHealthy);
      await cold.stop();
      const warm = await startAndWaitHealthy({ DATA_DIR: dir, DEMO_DATA: '0' });
      ctx.record('warm start (same DATA_DIR)', 's', warm.secondsToHealthy);
      await warm.stop();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
