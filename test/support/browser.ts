// Debian's Chromium driven by playwright-core (no browser download): CHROME_PATH or
// /usr/bin/chromium, with the flags this machine's closed network needs.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Saves a screenshot under test-results/ (kept by CI for a person to look at). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.resolve('test-results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Collects console errors and uncaught page errors (a CSP violation included). A console error
 * about a resource ends with its path in brackets: "…status of 401 (Unauthorized) [/api/auth/me]".
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location().url;
    errors.push(url ? `${m.text()} [${new URL(url).pathname}]` : m.text());
  });
  return errors;
}

/**
 * The errors left once the expected failed requests are taken out, each named exactly as
 * "<status> <path>" (e.g. "401 /api/auth/me": the login page asks who is signed in).
 */
export function unexpectedErrors(errors: string[], ...expected: `${number} /${string}`[]): string[] {
  return errors.filter(
    (e) =>
      !expected.some((x) => {
        const [status, path] = x.split(' ');
        return e.includes(`status of ${status} `) && e.endsWith(`[${path}]`);
      }),
  );
}

/** Signs in through the login page as a person would, and waits for the signed-in shell. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('user-menu').waitFor();
}

/**
 * Signs `admin` in on a fresh page, opens the audit log and answers the text of the rows whose
 * action contains `action` (after a screenshot named `shot`).
 */
export async function auditLogRows(
  browser: Browser,
  baseUrl: string,
  admin: { email: string; password: string },
  action: string,
  shot: string,
): Promise<string[]> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await signIn(page, baseUrl, admin.email, admin.password);
  await page.goto(`${baseUrl}/admin/audit-log`);
  await page.getByTestId('audit-table').waitFor();
  const rows = await page.getByTestId('audit-table').locator('tr', { hasText: action }).allInnerTexts();
  await screenshot(page, shot);
  await context.close();
  return rows;
}
