// Signing in over real HTTP for integration tests: a session is its cookie and CSRF token.
import type { TestConsole } from './console.js';

export const ADMIN = { email: 'root@test.local', password: 'root-password-123' };
export const bootstrapAdminEnv = { BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password };

export interface TestSession {
  cookie: string;
  csrfToken: string;
  account: { id: number; email: string; role: string; advertiserId: number | null; timezone: string };
  /** A request with the session's cookie and, unless told otherwise, its CSRF token. */
  call(method: string, pathname: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

export function loginRequest(c: TestConsole, email: string, password: string, ip = '10.0.0.1'): Promise<Response> {
  return c.get('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ email, password }),
  });
}

export function sessionCall(c: TestConsole, cookie: string, csrfToken: string | undefined) {
  return (method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}) =>
    c.get(pathname, {
      method,
      headers: {
        cookie,
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
}

export async function login(c: TestConsole, email: string, password: string, ip?: string): Promise<TestSession> {
  const res = await loginRequest(c, email, password, ip);
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { account: TestSession['account']; csrfToken: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { cookie, csrfToken: body.csrfToken, account: body.account, call: sessionCall(c, cookie, body.csrfToken) };
}

/** Advertisers written straight to the table (the product has no route that creates them). */
export async function insertAdvertisers(c: TestConsole, ids: number[]): Promise<void> {
  for (const id of ids) {
    await c.stores.pg.handle.pool.query('INSERT INTO advertisers (id, name, timezone, currency) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
      id,
      `Advertiser ${id}`,
      'UTC',
      'USD',
    ]);
  }
}
