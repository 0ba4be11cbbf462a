// A person opens the console while it loads its demo data (the first `npm start`): the browser gets
// the start-up page with the load's step and progress bar instead of a JSON 503, the bar moves,
// and the page moves on to sign-in by itself once the console is ready (docs/client.md, "Start-up
// page"). The total is the default demo's row counts from its size table, summed here.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { launchBrowser, screenshot, collectPageErrors, unexpectedErrors } from '../support/browser.js';
import { bootstrapAdminEnv } from '../support/auth.js';
import { DEMO_SIZES } from '../../server/features/demo/demo.plan.js';

let c: TestConsole;
let browser: Browser;

before(async () => {
  browser = await launchBrowser();
  // The default demo (2M video events): a load of several seconds, long enough to watch.
  c = await startTestConsole({ DEMO_DATA: '1', DEMO_SIZE: 'default', ...bootstrapAdminEnv });
});
after(async () => {
  await browser?.close();
  await c?.stop();
});

test('while the demo loads: the start-up page with a moving progress bar, then sign-in by itself', async () => {
  const s = DEMO_SIZES.default;
  // What the load counts (rows written; each content report twice: written, then grouped into cases).
  const total =
    s.advertisers +
    s.campaigns +
    s.users +
    s.videos +
    s.follows +
    s.transactions +
    2 * s.contentReports +
    s.ingestRejections +
    s.videoEvents +
    s.adEvents +
    s.requestMetrics;
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = collectPageErrors(page);
  await page.goto(`${c.url}/overview`);
  await page.getByTestId('console-starting').waitFor();
  const bar = page.getByRole('progressbar', { name: 'Demo data load' });
  await bar.waitFor();
  assert.equal(Number(await bar.getAttribute('aria-valuemax')), total);
  const first = Number(await bar.getAttribute('aria-valuenow'));
  assert.ok(first >= 0 && first < total, `a load under way: ${first} of ${total}`);
  await screenshot(page, 'starting');
  // The bar moves while the load runs (asked every second).
  await page.waitForFunction(
    (was: number) => Number(document.querySelector('[role="progressbar"][aria-label="Demo data load"]')?.getAttribute('aria-valuenow') ?? -1) > was,
    first,
    { timeout: 60_000 },
  );
  await c.ready;
  // Started: the page asks for the session again and, without one, opens sign-in.
  await page.waitForURL(/\/login$/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  // The 503s asked while starting (the session; health answers 503 with its report) and the 401 of the session after.
  assert.deepEqual(unexpectedErrors(errors, '503 /api/auth/me', '503 /api/health', '401 /api/auth/me'), []);
  await page.close();
});
