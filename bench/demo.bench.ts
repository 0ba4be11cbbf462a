// Demo data load per scale: seconds from process start to healthy with the demo loaded, on a
// new DATA_DIR, and the warm restart on that loaded DATA_DIR. `--sizes small,default,large`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchContext } from './run.js';
import { startAndWaitHealthy } from './process.js';

export const description = 'seconds to a healthy console with demo data, per size (new DATA_DIR), and warm restart';

export default async function (ctx: BenchContext) {
  const sizes = String(ctx.args.sizes ?? 'small,default').split(',');
  for (const size of sizes) {
    const runs = size === 'large' ? 1 : ctx.runs;
    for (let i = 0; i < runs; i++) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pulse-bench-demo-${size}-`));
      try {
        const s = await startAndWaitHealthy({ DATA_DIR: dir, DEMO_DATA: '1', DEMO_SIZE: size });
        ctx.record(`demo ${size}: start to healthy`, 's', s.secondsToHealthy);
        await s.stop();
        const warm = await startAndWaitHealthy({ DATA_DIR: dir });
        ctx.record(`demo ${size}: warm restart to healthy`, 's', warm.secondsToHealthy);
        await warm.stop();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }
}
