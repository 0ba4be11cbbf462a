// Starts `server/main.ts` as a user would (its own process: chDB binds one data directory per
// process) and times it to a healthy /api/health.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

export interface Started {
  child: ChildProcess;
  port: number;
  secondsToHealthy: number;
  stop(): Promise<void>;
}

export async function startAndWaitHealthy(env: Record<string, string>, timeoutMs = 30 * 60_000): Promise<Started> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, LOG_FORMAT: 'json', LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error('the console exited before it was healthy');
    if (performance.now() - t0 > timeoutMs) {
      // Stopped here, or it would go on writing into a DATA_DIR the caller is about to remove
      // (the removal then failed with ENOTEMPTY and hid this error).
      child.kill('SIGKILL');
      throw new Error(`not healthy in ${timeoutMs / 1000} s`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const secondsToHealthy = (performance.now() - t0) / 1000;
  return {
    child,
    port,
    secondsToHealthy,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
