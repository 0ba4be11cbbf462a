// `npm run cluster:golden`: writes test/golden/clickhouse-cluster/<migration>.sql, the rendering
// of every ClickHouse migration for CLICKHOUSE_CLUSTER=pulse on database `pulse` (plus the
// migrations table). test/unit/clickhouse-cluster.test.ts fails when these files are not current.
import fs from 'node:fs';
import path from 'node:path';
import { goldenFiles, GOLDEN_DIR } from '../test/support/cluster-golden.js';

fs.mkdirSync(GOLDEN_DIR, { recursive: true });
const wanted = goldenFiles();
for (const f of fs.readdirSync(GOLDEN_DIR)) if (!wanted.has(f)) fs.rmSync(path.join(GOLDEN_DIR, f));
for (const [file, text] of wanted) fs.writeFileSync(path.join(GOLDEN_DIR, file), text);
console.log(`${wanted.size} files written to ${path.relative(process.cwd(), GOLDEN_DIR)}`);
