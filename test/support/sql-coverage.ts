// Preloaded into every test process by test/run.ts: at exit, writes the names of the SQL files
// this process ran, so the runner can check that every file under queries/ ran at least once.
import fs from 'node:fs';
import path from 'node:path';
import { usedQueries } from '../../server/db/catalog.js';

const dir = process.env.PULSE_SQL_COVERAGE_DIR;
if (dir) {
  process.on('exit', () => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify([...usedQueries]));
  });
}
