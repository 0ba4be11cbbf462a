// Failed sign-ins counted in PostgreSQL, so several consoles share them (docs/hardening.md#sign-in).
// Two keys per attempt: the account+address pair waits 1, 2, 4 … seconds (capped) after each failure,
// and the address has a budget of failures per window. No key is the account alone: failures from
// an attacker's addresses never hold back the real user's own address. The SQL is one atomic
// upsert per failure (queries/postgres/auth/login_throttle_fail.sql).
import { pgQuery } from '../../db/index.js';
import type { PgRunner } from '../../db/stores.js';
import type { Env } from '../../env.js';

export interface LoginThrottleSettings {
  /** The longest wait of one account+address pair, in seconds (LOGIN_DELAY_CAP_SECONDS). */
  capSeconds: number;
  /** Failures of one address per window before it waits for the window's end (LOGIN_FAILURES_PER_ADDRESS). */
  addressBudget: number;
  /** The address's window, and how long a pair stays idle before it starts over (LOGIN_WINDOW_MINUTES). */
  windowSeconds: number;
  now: () => Date;
}

/** The sign-in limits of the settings; compose.ts and scripts/accounts.ts. */
export function loginThrottleSettings(config: Env, now: () => Date = () => new Date()): LoginThrottleSettings {
  return {
    capSeconds: config.LOGIN_DELAY_CAP_SECONDS,
    addressBudget: config.LOGIN_FAILURES_PER_ADDRESS,
    windowSeconds: config.LOGIN_WINDOW_MINUTES * 60,
    now,
  };
}

const pgLoginThrottleWait = pgQuery('auth/login_throttle_wait').returns<{ waitSeconds: number; byAddress: boolean }>();
const pgLoginThrottleFail = pgQuery('auth/login_throttle_fail').returns<{ pairFailures: number; addressFailures: number }>();
const pgLoginThrottleClear = pgQuery('auth/login_throttle_clear');
const pgLoginThrottlePrune = pgQuery('auth/login_throttle_prune');

export class LoginThrottle {
  constructor(
    private readonly pg: PgRunner,
    private readonly s: LoginThrottleSettings,
  ) {}

  private keys(email: string, ip: string) {
    return { pair_key: `${email.trim().toLowerCase()}|${ip}`, ip_key: ip };
  }

  /** Seconds the attempt must still wait (0: go ahead). */
  async wait(email: string, ip: string): Promise<number> {
    const row = await this.pg.one(pgLoginThrottleWait, { ...this.keys(email, ip), at: this.s.now() });
    return row?.waitSeconds ?? 0;
  }

  async fail(email: string, ip: string): Promise<void> {
    const at = this.s.now();
    await this.pg.one(pgLoginThrottleFail, {
      ...this.keys(email, ip),
      at,
      cap_seconds: this.s.capSeconds,
      ip_budget: this.s.addressBudget,
      window_seconds: this.s.windowSeconds,
    });
    await this.pg.exec(pgLoginThrottlePrune, { at });
  }

  async clear(email: string, ip: string): Promise<void> {
    await this.pg.exec(pgLoginThrottleClear, { pair_key: this.keys(email, ip).pair_key });
  }
}
