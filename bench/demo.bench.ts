// Demo data load per scale: seconds from process start to healthy with the demo loaded, on a
// new DATA_DIR, and the warm restart on that loaded DATA_DIR. `--sizes small,default,large`.
// `--keep-dir D` (one size, one run) loads into D (new or empty) and keeps it, for
// `npm run bench -- dashboards --sizes <size> --data-dir D`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchContext } from './run.js';
import { startAndWaitHealthy } from './process.js';

export const description = 'seconds to a healthy console with demo data, per size (new DATA_DIR), and warm restart';

export default async function (ctx: BenchContext) {
  const sizes = String(ctx.args.sizes ?? 'small,default').split(',');
  const keep = ctx.args['keep-dir'] ? path.resolve(String(ctx.args['keep-dir'])) : null;
  if (keep && sizes.length > 1) throw new Error('--keep-dir takes one size');
  for (const size of sizes) {
    const runs = size === 'large' || keep ? 1 : ctx.runs;
    for (let i = 0; i < runs; i++) {
      if (keep && fs.existsSync(keep) && fs.readdirSync(keep).length > 0) throw new Error(`--keep-dir ${keep} is not empty`);
      const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), `pulse-bench-demo-${size}-`));
      if (keep) fs.mkdirSync(keep, { recursive: true });
      try {
        const s = await startAndWaitHealthy({ DATA_DIR: dir, DEMO_DATA: '1', DEMO_SIZE: size });
        ctx.record(`demo ${size}: start to healthy`, 's', s.secondsToHealthy);
        await s.stop();
        const warm = await startAndWaitHealthy({ DATA_DIR: dir });
        ctx.record(`demo ${size}: warm restart to healthy`, 's', warm.secondsToHealthy);
        await warm.stop();
      } finally {
        if (!keep) fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }
}
