// Keeps `npm ci` working with a registry that lacks some platform-only optional packages.
//
// Why: npm 11's `npm ci` checks that every optional dependency named in the lockfile has an entry
// of its own. When the registry a lockfile is written against does not serve a platform binary
// (seen here for @chdb/lib-darwin-*, and for most @rollup/rollup-<platform> builds), `npm install`
// quietly leaves that entry out, and `npm ci` then refuses the lockfile ("Missing: … from lock
// file"). This adds, for each such name, the entry npm would have written: optional, with the
// os/cpu/libc of its platform, so that `npm ci` on linux-x64-glibc skips it without fetching it.
// Run after any `npm install`: `node scripts/fix-lockfile.mjs`.
import fs from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const pkgs = lock.packages;

function platformOf(name) {
  const s = name.split('/').pop();
  const os = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'openharmony', 'netbsd', 'sunos', 'aix'].find((o) => s.includes(o));
  const cpu = ['arm64', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'arm'].find(
    (c) => new RegExp(`(^|-)${c}(-|$)`).test(s.replace(/-eabi$|-gnueabihf|-musleabihf/, (m) => m)) || s.includes(`-${c}-`) || s.endsWith(`-${c}`),
  );
  const libc = os === 'linux' ? (s.includes('musl') ? 'musl' : 'glibc') : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [path, entry] of Object.entries(pkgs)) {
  for (const [dep, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/` : 'node_modules/';
    if (pkgs[`${base}${dep}`] || pkgs[`node_modules/${dep}`]) continue;
    const { os, cpu, libc } = platformOf(dep);
    if (!os || !cpu) {
      console.error(`fix-lockfile: cannot tell the platform of ${dep}; leaving it`);
      continue;
    }
    const stub = { version: String(spec).replace(/^[\^~]/, ''), optional: true, os: [os], cpu: [cpu] };
    if (libc) stub.libc = [libc];
    pkgs[`node_modules/${dep}`] = stub;
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`fix-lockfile: ${added} platform-only optional entries added`);
