// Two conventions of docs/architecture.md checked over the source tree: SQL handles are named
// after their file, and no feature imports another feature.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.gen.ts') ? [p] : [];
  });
}

/** The one naming scheme: the store's prefix, then the file's base name in PascalCase. */
function expectedName(store: string, file: string): string {
  const base = file.split('/').pop()!;
  return (
    store +
    base
      .split('_')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join('')
  );
}

test('the scheme itself: queries/postgres/moderation/claim_case.sql is pgClaimCase, clickhouse/system/freshness.sql chFreshness', () => {
  assert.equal(expectedName('pg', 'moderation/claim_case'), 'pgClaimCase');
  assert.equal(expectedName('ch', 'system/freshness'), 'chFreshness');
  assert.equal(expectedName('pg', 'ingest/video_views_24h'), 'pgVideoViews24h');
});

test('every SQL handle under server/ is a const named pg|ch + its file name in PascalCase', () => {
  const wrong: string[] = [];
  let handles = 0;
  for (const file of sources('server')) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:export )?const (\w+) = (pg|ch)Query\('([\w/-]+)'\)/gm)) {
      handles++;
      const want = expectedName(m[2]!, m[3]!);
      if (m[1] !== want) wrong.push(`${file}: ${m[1]} should be ${want}`);
    }
    // The retired object form: `const q = { name: pgQuery(…) }` used as q.name.
    for (const m of text.matchAll(/^\s+(\w+): (?:pg|ch)Query\('/gm)) wrong.push(`${file}: handle '${m[1]}' inside an object`);
  }
  assert.deepEqual(wrong, []);
  // The scan saw the handles (a broken pattern would pass on nothing): more than a hundred today.
  assert.ok(handles > 100, `only ${handles} handles found`);
});

test('no feature imports another feature (what they share lives in contract/, http/, metrics/, audit.ts, db/)', () => {
  const wrong: string[] = [];
  for (const file of sources('server/features')) {
    const feature = file.split(path.sep)[2]!;
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/from '([^']+)'/g)) {
      const target = path.normalize(path.join(path.dirname(file), m[1]!));
      const parts = target.split(path.sep);
      if (parts[0] === 'server' && parts[1] === 'features' && parts[2] !== feature) wrong.push(`${file} imports ${m[1]}`);
    }
  }
  assert.deepEqual(wrong, []);
});
