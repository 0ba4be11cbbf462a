// The PostgreSQL of `npm run test:year-ahead` (test/year-ahead.ts): a throwaway server of the
// machine's own PostgreSQL binaries, started under libfaketime like the tests, so its now() is a
// year ahead too. The shared server at TEST_DATABASE_URL keeps the real clock (restarting it under
// libfaketime would move everyone's), and with it the console's and the database's clocks would
// disagree by a year, which no machine with a moved clock shows.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface FakedPostgres {
  url: string;
  version: string;
  /** now() of the server minus the real clock, in days. */
  aheadDays: number;
  stop(): void;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres'))) : [];
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`no PostgreSQL server binaries under ${root}/<version>/bin (apt-get install postgresql)`);
  return path.join(root, newest, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Starts the server with `clockEnv` (LD_PRELOAD of libfaketime, FAKETIME…) and checks its now(). */
export async function startFakedPostgres(clockEnv: Record<string, string>): Promise<FakedPostgres> {
  const bin = binDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-year-ahead-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  // initdb and postgres refuse to run as root: as root, the server runs as the postgres user.
  if (asRoot) spawnSync('chown', ['postgres:postgres', dir]);
  const run = (cmd: string, args: string[], env: Record<string, string> = {}) => {
    const vars = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    const argv = asRoot ? ['runuser', '-u', 'postgres', '--', 'env', ...vars, cmd, ...args] : ['env', ...vars, cmd, ...args];
    const [exe, ...rest] = argv as [string, ...string[]];
    const r = spawnSync(exe, rest, { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr || r.stdout}\n${readLog(dir)}`);
    return r.stdout;
  };
  run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  // fsync off: a throwaway database, dropped when the run ends.
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  run(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '120', '-o', opts, 'start'], clockEnv);
  const stop = () => {
    spawnSync(asRoot ? 'runuser' : path.join(bin, 'pg_ctl'), [
      ...(asRoot ? ['-u', 'postgres', '--', path.join(bin, 'pg_ctl')] : []),
      ...['-D', data, '-m', 'fast', '-w', 'stop'],
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  try {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query<{ ms: string; version: string }>('SELECT (extract(epoch FROM now()) * 1000)::text AS ms, current_setting($1) AS version', [
      'server_version',
    ]);
    await c.end();
    const [row] = rows;
    if (!row) throw new Error('SELECT now() answered no row');
    return { url, version: row.version, aheadDays: (Number(row.ms) - Date.now()) / 86_400_000, stop };
  } catch (e) {
    stop();
    throw e;
  }
}

function readLog(dir: string): string {
  const log = path.join(dir, 'server.log');
  return fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : '';
}
