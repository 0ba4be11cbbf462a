// Accessibility as a tested property: axe-core on every page each role can reach — the
// navigation pages (read from client/src/navigation.ts, so a new entry is swept without touching
// this file) and the detail pages (every `/…/:id` route of the table in client/src/routes.ts, opened
// with a real id from the demo data) — in the default state and with a dialog or form open.
// Any serious or critical violation fails, printed as role + page, rule, impact and targets.
// Then the keyboard paths: the skip link, focus back on the trigger when a dialog closes,
// shortcuts silent while typing; and the campaign report's wide tables at laptop sizes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestConsole, tempDataDir, type TestConsole } from '../support/console.js';
import { launchBrowser, screenshot, signIn } from '../support/browser.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';
import { axeSerious, formatFindings, settled, type AxeFinding } from '../support/axe.js';
import { canOpen, navGroupsForRole } from '../../client/src/navigation.js';
import { PAGE_ROUTES } from '../../client/src/routes.js';
import type { Role } from '../../client/src/features/auth/api/authApi.js';

const ROLES: Role[] = ['admin', 'moderator', 'oncall', 'analyst', 'advertiser'];
const PASSWORD = 'a-long-test-password';
const emailOf = (role: Role) => (role === 'admin' ? ADMIN.email : `${role}@a11y.test`);
const passwordOf = (role: Role) => (role === 'admin' ? ADMIN.password : PASSWORD);

/** The detail routes of the route table (`/alerts/:id`), so a new one is swept too. */
export function declaredDetailRoutes(): string[] {
  return PAGE_ROUTES.map((route) => route.path)
    .filter((path) => path.includes(':'))
    .sort();
}

let c: TestConsole;
let browser: Browser;
const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
/** A real id per detail route; a route not listed here is opened with id 1 (demo ids start at 1). */
const sampleIds: Record<string, string> = {};

before(async () => {
  c = await startTestConsole({ DEMO_DATA: '1', DEMO_SIZE: 'small', ...bootstrapAdminEnv }, { dataDir: tempDataDir('pulse-e2e-a11y-'), now: () => now });
  await c.ready;
  await c.alerting.service.engine.evaluateAt(c.alerting.service.rules(), now);
  const admin = await login(c, ADMIN.email, ADMIN.password);
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    const res = await admin.call('POST', '/api/admin/accounts', {
      email: emailOf(role),
      password: PASSWORD,
      role,
      ...(role === 'advertiser' ? { advertiserId: 1 } : {}),
    });
    assert.equal(res.status, 201, await res.text());
  }
  assert.equal((await admin.call('POST', '/api/admin/api-keys', { name: 'a11y feeder', scopes: ['ingest'] })).status, 201);
  const one = async (sql: string) => String(((await c.stores.pg.handle.pool.query(sql)).rows[0] as { id: string | number }).id);
  sampleIds['/campaigns/:id'] = await one('SELECT min(id) AS id FROM campaigns WHERE advertiser_id = 1');
  sampleIds['/moderation/cases/:id'] = await one(`SELECT min(id) AS id FROM moderation_cases WHERE status = 'open'`);
  sampleIds['/alerts/:id'] = await one(`SELECT min(id) AS id FROM alert_instances WHERE state = 'firing'`);
  sampleIds['/videos/:id'] = await one('SELECT min(video_id) AS id FROM moderation_cases');
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await c?.stop();
});

async function signedIn(role: Role, viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page }> {
  // bypassCSP lets the test inject axe's script; it changes nothing the console sends.
  const context = await browser.newContext({ viewport, bypassCSP: true });
  const page = await context.newPage();
  await signIn(page, c.url, emailOf(role), passwordOf(role));
  return { context, page };
}

const detailPath = (route: string) => route.replace(/:[A-Za-z]+/g, sampleIds[route] ?? '1');

test('the sweep knows the console’s detail pages', () => {
  const routes = declaredDetailRoutes();
  for (const r of ['/campaigns/:id', '/moderation/cases/:id', '/alerts/:id', '/videos/:id']) assert.ok(routes.includes(r), r);
});

test('the login page passes axe', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${c.url}/login`);
  await page.getByTestId('login-form').waitFor();
  const findings = await axeSerious(page, 'signed out /login');
  await page.getByRole('button', { name: 'Sign in' }).click(); // the form with its errors shown
  findings.push(...(await axeSerious(page, 'signed out /login (submitted empty)')));
  assert.deepEqual(findings, [], formatFindings(findings));
  await context.close();
});

for (const role of ROLES) {
  test(`${role}: every navigation and detail page it can open passes axe (no serious or critical violation)`, async () => {
    const { context, page } = await signedIn(role);
    const paths = navGroupsForRole(role).flatMap((g) => g.items.map((i) => i.path));
    const details = declaredDetailRoutes()
      .map(detailPath)
      .filter((p) => canOpen(role, p));
    // A page outside the role: the "no access" page is swept once per role too.
    const denied = ['/admin/audit-log', '/campaigns'].find((p) => !canOpen(role, p));
    const findings: AxeFinding[] = [];
    const visited: string[] = [];
    for (const path of [...paths, ...details, ...(denied ? [denied] : [])]) {
      await page.goto(`${c.url}${path}`);
      await page.locator('main#main').waitFor();
      await settled(page);
      visited.push(path);
      findings.push(...(await axeSerious(page, `${role} ${path}`)));
    }
    assert.ok(visited.length >= paths.length + 1, visited.join(' '));
    assert.deepEqual(findings, [], `\n${formatFindings(findings)}`);
    await context.close();
  });
}

/** One dialog or form per page that has one, opened as its role would; `trigger` gets focus back on close. */
const OPEN_STATES: { role: Role; path: () => string; name: string; open(page: Page): Promise<{ trigger?: string; close?: (page: Page) => Promise<void> }> }[] =
  [
    {
      role: 'admin',
      path: () => '/admin/accounts',
      name: 'disable-account confirmation',
      async open(page) {
        const toggle = page.locator('[data-testid^="account-toggle-"]:not([disabled])').first();
        const trigger = await toggle.getAttribute('data-testid');
        await toggle.click();
        // The accounts page holds two confirmation dialogs (disable, reset password): the open one.
        await page.locator('[data-testid="confirm-dialog"][open]').waitFor();
        return { trigger: trigger! };
      },
    },
    {
      role: 'admin',
      path: () => '/admin/api-keys',
      name: 'revoke-key confirmation',
      async open(page) {
        const revoke = page.locator('[data-testid^="api-key-revoke-"]').first();
        const trigger = await revoke.getAttribute('data-testid');
        await revoke.click();
        await page.getByTestId('confirm-dialog').waitFor();
        return { trigger: trigger! };
      },
    },
    {
      role: 'oncall',
      path: () => detailPath('/alerts/:id'),
      name: 'silence dialog',
      async open(page) {
        await page.getByTestId('alert-silence').click();
        await page.getByTestId('silence-dialog').waitFor();
        return { trigger: 'alert-silence' };
      },
    },
    {
      role: 'oncall',
      path: () => '/alert-rules',
      name: 'the rule form with its errors beside the fields',
      async open(page) {
        await page.getByTestId('rule-new').click();
        await page.getByTestId('rule-save').click();
        await page.getByTestId('rule-id-error').waitFor();
        return {};
      },
    },
    {
      role: 'moderator',
      path: () => detailPath('/moderation/cases/:id'),
      name: 'shortcut help and a decision being written',
      async open(page) {
        await page.keyboard.press('?');
        await page.getByTestId('shortcuts').waitFor();
        await page.getByLabel('Remove').check();
        await page.getByLabel('Internal note (optional)').fill('draft note');
        return {};
      },
    },
    {
      role: 'advertiser',
      path: () => detailPath('/campaigns/:id'),
      name: 'schedule form with a refused recipient',
      async open(page) {
        await page.getByTestId('schedule-form').getByLabel('Recipients (up to 5)').fill('not-an-address');
        await page.getByRole('button', { name: 'Schedule' }).click();
        await page.getByTestId('schedule-form').locator('.field__error').first().waitFor();
        return {};
      },
    },
  ];

test('with a dialog or form open, pages pass axe; closing a dialog with Escape gives the focus back to its trigger', async () => {
  const findings: AxeFinding[] = [];
  const focusLost: string[] = [];
  for (const state of OPEN_STATES) {
    const { context, page } = await signedIn(state.role);
    await page.goto(`${c.url}${state.path()}`);
    await settled(page);
    const { trigger } = await state.open(page);
    findings.push(...(await axeSerious(page, `${state.role} ${state.path()} (${state.name})`)));
    if (trigger) {
      await page.keyboard.press('Escape');
      await page
        .locator('dialog[open]')
        .waitFor({ state: 'detached' })
        .catch(() => {});
      await page.waitForFunction(() => document.querySelectorAll('dialog[open]').length === 0);
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
      if (focused !== trigger) focusLost.push(`${state.name}: focus on ${focused}, expected ${trigger}`);
    }
    await context.close();
  }
  assert.deepEqual(findings, [], `\n${formatFindings(findings)}`);
  assert.deepEqual(focusLost, []);
});

test('keyboard: the first Tab shows "Skip to content", which moves the focus to the main content', async () => {
  const { context, page } = await signedIn('analyst');
  await page.goto(`${c.url}/overview`);
  await settled(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
  // Visible on focus: on screen, not clipped to a pixel.
  const box = await skip.boundingBox();
  assert.ok(box && box.width > 20 && box.height > 10 && box.y >= 0, JSON.stringify(box));
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  await context.close();
});

test('keyboard: the case page’s shortcuts (j, v, c, ?) do nothing while typing in the note', async () => {
  const { context, page } = await signedIn('moderator');
  const path = detailPath('/moderation/cases/:id');
  await page.goto(`${c.url}${path}`);
  await page.getByTestId('case-page').waitFor();
  await settled(page);
  const note = page.getByLabel('Internal note (optional)');
  await note.click();
  await page.keyboard.type('jvc?kd');
  assert.equal(await note.inputValue(), 'jvc?kd');
  assert.equal(new URL(page.url()).pathname, path);
  assert.equal(await page.getByTestId('case-media').getAttribute('data-revealed'), 'false');
  assert.equal(await page.getByTestId('shortcuts').count(), 0);
  assert.equal(await page.getByLabel('Dismiss').isChecked(), false);
  // Out of the field, the same key works.
  await note.evaluate((el) => (el as HTMLElement).blur());
  await page.keyboard.press('v');
  assert.equal(await page.getByTestId('case-media').getAttribute('data-revealed'), 'true');
  await context.close();
});

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
]) {
  test(`campaign report at ${viewport.width}×${viewport.height}: every column of the wide tables can be reached by keyboard`, async () => {
    const { context, page } = await signedIn('advertiser', viewport);
    await page.goto(`${c.url}${detailPath('/campaigns/:id')}`);
    await page.getByTestId('daily-table').locator('tbody tr').first().waitFor();
    await settled(page);
    await screenshot(page, `campaign-report-${viewport.width}x${viewport.height}`);
    for (const id of ['daily-table', 'breakdown-table']) {
      const region = page.getByTestId(id);
      const { scrollWidth, clientWidth, tabIndex, label } = await region.evaluate((el) => ({
        scrollWidth: el.scrollWidth,
        clientWidth: el.clientWidth,
        tabIndex: (el as HTMLElement).tabIndex,
        label: el.getAttribute('aria-label'),
      }));
      if (scrollWidth <= clientWidth) continue; // nothing cut off at this size
      // Cut off: the region takes focus, has a name, and the arrow keys bring the last column in.
      assert.equal(tabIndex, 0, `${id} scrolls but cannot take focus`);
      assert.ok(label, `${id} has no label`);
      await region.focus();
      for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
      // Keyboard scrolling is animated: wait until the region has reached its right end.
      await page.waitForFunction((el) => !!el && el.scrollLeft + el.clientWidth >= el.scrollWidth - 1, await region.elementHandle(), { timeout: 15_000 });
      const last = region.locator('thead th').last();
      const [r, l] = await Promise.all([region.boundingBox(), last.boundingBox()]);
      // The scroll range is whole CSS pixels while the columns end at fractions of one (their
      // widths follow the data's text): up to 2 px past the region's edge is the rounding.
      assert.ok(r && l && l.x + l.width <= r.x + r.width + 2, `${id}: last column still cut off (${JSON.stringify({ r, l })})`);
    }
    await screenshot(page, `campaign-report-${viewport.width}x${viewport.height}-scrolled`);
    await context.close();
  });
}
