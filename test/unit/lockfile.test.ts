// `npm ci` refuses a lockfile in which an optional dependency has no entry of its own; this is
// checked here so that an `npm install` that forgot `node scripts/fix-lockfile.mjs` fails fast.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

test('every optional dependency in package-lock.json has its own entry', () => {
  const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { optionalDependencies?: Record<string, string> }> };
  const missing: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) {
      const nested = `${path ? `${path}/` : ''}node_modules/${dep}`;
      if (!lock.packages[nested] && !lock.packages[`node_modules/${dep}`]) missing.push(dep);
    }
  }
  assert.deepEqual(missing, [], 'run `node scripts/fix-lockfile.mjs` after npm install');
});
