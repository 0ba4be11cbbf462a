// Process entry: settings, the console, and a clean shutdown on SIGINT/SIGTERM.
import { env, ConfigError } from './env.js';
import { createLogger } from './log.js';
import { startConsole } from './server.js';
import { CatalogError } from './db/catalog.js';
import { MigrationError } from './db/migrate.js';

function fatal(err: unknown): never {
  // One clear line naming the setting and the cause; no stack for configuration mistakes.
  if (err instanceof ConfigError) console.error(`pulse: cannot start: ${err.message}`);
  else if (err instanceof CatalogError || err instanceof MigrationError) console.error(`pulse: cannot start: ${err.message}`);
  else console.error('pulse: cannot start:', err);
  process.exit(1);
}

let config;
try {
  config = env();
} catch (err) {
  fatal(err);
}
const log = createLogger(config);
const t0 = Date.now();
const consoleApp = await startConsole(config, { log }).catch(fatal);
log.info(`Pulse Console listening on ${consoleApp.url} (postgres ${consoleApp.stores.pg.mode}, clickhouse ${consoleApp.stores.ch.mode})`);
void consoleApp.ready.then(() => log.info(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: open ${consoleApp.url}`));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info(`${signal}: shutting down`);
  const force = setTimeout(() => {
    console.error('pulse: shutdown took over 20 s; exiting');
    process.exit(1);
  }, 20_000);
  force.unref();
  try {
    await consoleApp.close();
    log.info('stores closed; bye');
    process.exit(0);
  } catch (err) {
    console.error('pulse: error during shutdown:', err);
    process.exit(1);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
