// `npm run dev`: the API under `tsx watch` (restarts when a server file changes) and Vite with hot
// module reload on http://127.0.0.1:5173, which proxies /api and /metrics to the API on PORT
// (vite.config.ts). One Ctrl-C stops both; if either exits, the other is stopped too.
import { spawn, type ChildProcess } from 'node:child_process';

const children: ChildProcess[] = [];
let stopping = false;

function start(name: string, args: string[]): void {
  const child = spawn(process.execPath, args, { stdio: 'inherit', env: process.env });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`dev: ${name} exited (${signal ?? code}); stopping`);
      stop(code ?? 1);
    }
  });
}

function stop(code: number): void {
  stopping = true;
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
  Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => c.once('exit', r))))).then(() =>
    process.exit(code),
  );
}

start('api', ['node_modules/tsx/dist/cli.mjs', 'watch', '--clear-screen=false', 'server/main.ts']);
start('vite', ['node_modules/vite/bin/vite.js', '--host', '127.0.0.1', '--port', '5173', '--strictPort']);
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
