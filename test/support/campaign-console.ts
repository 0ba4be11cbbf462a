// The console of test/integration/campaigns.test.ts and campaigns-exports.test.ts: the campaign fixture
// (campaign-fixture.ts) loaded, and a session per role: advertisers A and B, an admin, an analyst, a
// moderator and an on-call engineer.
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { startTestConsole, type TestConsole } from './console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from './auth.js';
import { ADV_A, ADV_B, loadCampaignFixture } from './campaign-fixture.js';

const PASSWORD = 'campaigns-test-password';

export interface CampaignsConsole {
  c: TestConsole;
  admin: TestSession;
  advA: TestSession;
  advB: TestSession;
  analyst: TestSession;
  moderator: TestSession;
  oncall: TestSession;
}

export async function startCampaignsConsole(): Promise<CampaignsConsole> {
  async function account(role: string, advertiserId?: number): Promise<TestSession> {
    const email = `${role}-${advertiserId ?? 'x'}-${Math.random().toString(36).slice(2, 7)}@campaigns.test`;
    const res = await admin.call('POST', '/api/admin/accounts', { email, password: PASSWORD, role, ...(advertiserId ? { advertiserId } : {}) });
    assert.equal(res.status, 201, await res.text());
    return login(c, email, PASSWORD);
  }

  const c = await startTestConsole({ ...bootstrapAdminEnv });
  await c.ready;
  await loadCampaignFixture(c);
  const admin = await login(c, ADMIN.email, ADMIN.password);
  const advA = await account('advertiser', ADV_A.id);
  const advB = await account('advertiser', ADV_B.id);
  const analyst = await account('analyst');
  const moderator = await account('moderator');
  const oncall = await account('oncall');
  return { c, admin, advA, advB, analyst, moderator, oncall };
}

export async function json(s: TestSession, path: string, status = 200): Promise<any> {
  const res = await s.call('GET', path);
  const text = await res.text();
  assert.equal(res.status, status, `${path}: ${text}`);
  return JSON.parse(text);
}

export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, comment: '#', comment_no_infix: true, relax_column_count: false }) as string[][];
}

export const RANGE = 'from=2026-11-09&to=2026-11-12';
