// axe-core in the browser tests: injected into the page (the test's browser context bypasses the
// console's CSP for that one script; the console's own CSP is unchanged), run on the whole
// document, and reduced to the serious and critical violations with their rule and targets.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  /** Where it was found, e.g. "advertiser /campaigns/12 (schedule form)". */
  where: string;
  rule: string;
  impact: string;
  targets: string[];
  help: string;
}

interface AxeResultsLike {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/** Runs axe on the page as it is now; returns its serious and critical violations. */
export async function axeSerious(page: Page, where: string): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const results = (await page.evaluate(() =>
    (window as unknown as { axe: { run(ctx: Document, o: object): Promise<unknown> } }).axe.run(document, { resultTypes: ['violations'] }),
  )) as AxeResultsLike;
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ where, rule: v.id, impact: v.impact!, help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' ')) }));
}

/** One line per violation: where (role and page), rule, impact and the elements. */
export function formatFindings(findings: AxeFinding[]): string {
  return findings.map((f) => `${f.where}: ${f.rule} (${f.impact}: ${f.help}) at ${f.targets.join(', ')}`).join('\n');
}

/** Waits until the page has stopped loading: no request in flight, no "Loading" region left. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, { timeout: 60_000 });
}
