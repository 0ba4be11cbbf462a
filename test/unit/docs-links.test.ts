// Every link of README.md, docs/*.md, bench/README.md and bench/history/*.md resolves: the file exists and, for an
// anchor, the heading does (GitHub's slugs). Source comments cite `README#<section>` and
// `docs/<file>.md#<section>` too; those must resolve as well. Documentation files stay at 400 lines at most.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const DOCS = [
  'README.md',
  'bench/README.md',
  ...fs.readdirSync('bench/history').flatMap((f) => (f.endsWith('.md') ? [`bench/history/${f}`] : [])),
  ...fs.readdirSync('docs').flatMap((f) => (f.endsWith('.md') ? [`docs/${f}`] : [])),
];

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fenced = false;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = m[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

/** Markdown links outside fenced code: `[text](target)`, targets that are not absolute URLs. */
function links(file: string): string[] {
  const out: string[] = [];
  let fenced = false;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced) continue;
    for (const m of line.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)) {
      if (!/^[a-z]+:/i.test(m[1]!)) out.push(m[1]!);
    }
  }
  return out;
}

function broken(from: string, target: string): string | null {
  const [rel, anchor] = target.split('#') as [string, string | undefined];
  const file = rel ? path.normalize(path.join(path.dirname(from), rel)) : from;
  if (!fs.existsSync(file)) return `${from}: ${target} (no such file)`;
  if (anchor && file.endsWith('.md') && !anchors(file).has(anchor)) return `${from}: ${target} (no such heading)`;
  return null;
}

test('the slugs follow GitHub', () => {
  const a = anchors('docs/clickhouse.md');
  assert.ok(a.has('clickhouse_clustername'), [...a].join(' '));
  assert.ok(anchors('docs/architecture.md').has('path-of-an-ingested-row'));
});

test('every link of README.md, docs/*.md and the bench notes resolves', () => {
  const wrong: string[] = [];
  let count = 0;
  for (const doc of DOCS) {
    for (const target of links(doc)) {
      count++;
      const why = broken(doc, target);
      if (why) wrong.push(why);
    }
  }
  assert.deepEqual(wrong, []);
  assert.ok(count > 20, `only ${count} links found`);
});

test('README#<section> and docs/<file>.md#<section> cited in the source tree resolve', () => {
  const wrong: string[] = [];
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'golden' || e.name === 'results' ? [] : walk(p);
      return /\.(ts|tsx|sql|yaml|md|mjs)$/.test(e.name) ? [p] : [];
    });
  let count = 0;
  for (const file of ['server', 'client', 'contract', 'queries', 'alerts', 'test', 'bench', 'scripts', 'docs'].flatMap(walk)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/README#([\w-]+)/g)) {
      count++;
      if (!anchors('README.md').has(m[1]!)) wrong.push(`${file}: README#${m[1]}`);
    }
    for (const m of text.matchAll(/(?<![\w/.])docs\/([\w-]+\.md)(?:#([\w-]+))?/g)) {
      count++;
      const doc = `docs/${m[1]}`;
      if (!fs.existsSync(doc)) wrong.push(`${file}: ${m[0]} (no such file)`);
      else if (m[2] && !anchors(doc).has(m[2])) wrong.push(`${file}: ${m[0]} (no such heading)`);
    }
  }
  assert.deepEqual(wrong, []);
  assert.ok(count > 50, `only ${count} citations found`);
});

test('README.md, docs/*.md and the bench notes are at most 400 lines each', () => {
  const long = DOCS.flatMap((f) => {
    const lines = fs.readFileSync(f, 'utf8').split('\n').length - 1;
    return lines > 400 ? [`${f}: ${lines} lines`] : [];
  });
  assert.deepEqual(long, []);
});
