// `npm run accounts -- create --email a@b.c --role analyst [--advertiser-id N] [--timezone Europe/Paris]`
// `npm run accounts -- reset-password a@b.c`
// Creates a console account in the stores that DATABASE_URL / DATA_DIR point at, or resets one's
// password: a one-time password is printed once, every session of the account ends, and the next
// sign-in must choose a new password (docs/hardening.md#passwords). A new account's password is
// read from PULSE_NEW_PASSWORD or typed on a terminal (never an argument: it would land in the
// shell history and the process list). With embedded stores, stop the console first: PGlite and
// chDB open their data directory in one process at a time.
import { parseArgs } from 'node:util';
import readline from 'node:readline';
import path from 'node:path';
import pino from 'pino';
import { z } from 'zod';
import { env } from '../server/env.js';
import { openStores, QUERIES_DIR, type Stores } from '../server/db/index.js';
import { migrate } from '../server/db/migrate.js';
import { AuthService } from '../server/features/auth/auth.service.js';
import { loginThrottleSettings } from '../server/features/auth/login-throttle.js';
import { PasswordService } from '../server/features/auth/passwords.js';
import { ROLES } from '../contract/auth.js';

const USAGE =
  'usage: npm run accounts -- create --email <email> --role <admin|moderator|oncall|analyst|advertiser> [--advertiser-id N] [--timezone Zone]\n' +
  '       npm run accounts -- reset-password <email>\n' +
  'The password comes from PULSE_NEW_PASSWORD, or is asked for on a terminal; reset-password prints a one-time password.';

const CLI_ACTOR = { id: null, email: 'cli', requestId: null, ip: null };

async function withStores<T>(work: (stores: Stores) => Promise<T>): Promise<T> {
  const config = env();
  const stores = await openStores({
    databaseUrl: config.DATABASE_URL,
    clickhouseUrl: config.CLICKHOUSE_URL,
    dataDir: path.resolve(config.DATA_DIR),
    queriesDir: QUERIES_DIR,
  });
  try {
    await migrate(stores, path.join(QUERIES_DIR, 'migrations'), pino({ level: 'warn' }));
    return await work(stores);
  } finally {
    await stores.close();
  }
}

async function resetPassword(email: string | undefined): Promise<number> {
  if (!email || !z.string().email().safeParse(email).success) {
    console.error(`accounts: reset-password needs the account's email\n${USAGE}`);
    return 2;
  }
  try {
    const done = await withStores((stores) =>
      new PasswordService(stores, new AuthService(stores, loginThrottleSettings(env()))).resetByEmail(CLI_ACTOR, email),
    );
    console.log(`one-time password for ${done.email}: ${done.oneTimePassword}`);
    console.log(`(${done.sessionsEnded} session(s) ended; the next sign-in must choose a new password)`);
    return 0;
  } catch (err) {
    console.error(`accounts: ${(err as Error).message}`);
    return 1;
  }
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void };
    let asked = false;
    out._writeToOutput = (s: string) => {
      if (!asked) {
        process.stdout.write(s);
        asked = true;
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      'advertiser-id': { type: 'string' },
      timezone: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (positionals[0] === 'reset-password' && !values.help) return resetPassword(positionals[1]);
  if (values.help || positionals[0] !== 'create') {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const args = z
    .object({
      email: z.string().email(),
      role: z.enum(ROLES),
      advertiserId: z.coerce.number().int().positive().optional(),
      timezone: z.string().optional(),
    })
    .safeParse({ email: values.email, role: values.role, advertiserId: values['advertiser-id'], timezone: values.timezone });
  if (!args.success) {
    console.error(`accounts: ${args.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}\n${USAGE}`);
    return 2;
  }
  // The one place outside env.ts that reads the environment: a secret meant for this command only.
  let password = process.env.PULSE_NEW_PASSWORD ?? '';
  if (!password) {
    if (!process.stdin.isTTY) {
      console.error('accounts: set PULSE_NEW_PASSWORD or run on a terminal to type the password');
      return 2;
    }
    password = await promptHidden('Password (12 characters or more): ');
    if ((await promptHidden('Again: ')) !== password) {
      console.error('accounts: the passwords differ');
      return 2;
    }
  }
  if (password.length < 12) {
    console.error('accounts: the password needs 12 characters or more');
    return 2;
  }
  try {
    const row = await withStores((stores) =>
      new AuthService(stores, loginThrottleSettings(env())).createAccount(CLI_ACTOR, {
        email: args.data.email,
        password,
        role: args.data.role,
        advertiserId: args.data.advertiserId ?? null,
        timezone: args.data.timezone,
      }),
    );
    console.log(`created account ${row.id}: ${row.email} (${row.role}${row.advertiserId ? `, advertiser ${row.advertiserId}` : ''})`);
    return 0;
  } catch (err) {
    console.error(`accounts: ${(err as Error).message}`);
    return 1;
  }
}

process.exit(await main());
