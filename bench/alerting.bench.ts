// 1,000 alert rules at a one-minute interval over the default demo data (issue 15's goal: tick p95
// at most 5 s on 2 cores), and the delay from a state change to the PagerDuty request with
// group_wait 0 (goal under 1 s), against a local HTTPS PagerDuty endpoint. In-process console,
// embedded stores; evaluation times are explicit (one tick per simulated minute). `--sizes small`
// runs over the small demo (quicker, for looking at a change; the figures are the default's).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { BenchContext } from './run.js';
import { parseEnv } from '../server/env.js';
import { startConsole } from '../server/server.js';
import type { Rule } from '../server/features/alerting/rules.js';
import { startPagerDuty } from '../test/support/alert-endpoints.js';
import { batchesOf } from '../server/features/alerting/engine.js';
import { ChStore, PgRunner } from '../server/db/stores.js';

/**
 * BENCH_PROFILE=1: time spent per statement (by its file name) in each tick, summed over the
 * statements in flight (concurrent ones overlap, and waiting for PGlite's one connection counts):
 * where a tick's time goes, not a figure.
 */
function profileStatements(): { take(): [string, { n: number; ms: number }][] } {
  const spent = new Map<string, { n: number; ms: number }>();
  const wrap = (proto: object, method: 'rows' | 'exec', store: string) => {
    const target = proto as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const original = target[method]!;
    target[method] = async function (this: unknown, ...args: unknown[]) {
      const t0 = performance.now();
      try {
        return await original.apply(this, args);
      } finally {
        const key = `${store} ${(args[0] as { name: string }).name}`;
        const e = spent.get(key) ?? { n: 0, ms: 0 };
        e.n++;
        e.ms += performance.now() - t0;
        spent.set(key, e);
      }
    };
  };
  wrap(PgRunner.prototype, 'rows', 'pg');
  wrap(PgRunner.prototype, 'exec', 'pg');
  wrap(ChStore.prototype, 'rows', 'ch');
  return {
    take() {
      const out = [...spent].sort((a, b) => b[1].ms - a[1].ms);
      spent.clear();
      return out;
    },
  };
}

export const description = '1,000 rules every minute over the default demo: tick p50/p95, state change → PagerDuty request';

const TEMPLATES: Pick<Rule, 'store' | 'query' | 'params' | 'condition'>[] = [
  { store: 'clickhouse', query: 'alerting/video_view_drop', params: { min_hour_views: 200 }, condition: { op: '<', threshold: 0.5 } },
  { store: 'clickhouse', query: 'alerting/api_p95_latency', params: { min_requests: 20 }, condition: { op: '>', threshold: 1000 } },
  { store: 'clickhouse', query: 'alerting/api_5xx_rate', params: { min_requests: 20 }, condition: { op: '>', threshold: 0.05 } },
  { store: 'clickhouse', query: 'alerting/ingest_freshness', params: {}, condition: { op: '>', threshold: 900 } },
  { store: 'postgres', query: 'alerting/moderation_backlog', params: {}, condition: { op: '>', threshold: 100000 } },
  { store: 'postgres', query: 'alerting/moderation_sla_breaches', params: {}, condition: { op: '>', threshold: 100000 } },
];

/**
 * The i-th of the 1,000 rules: a template, one of two parameter sets where the query takes a
 * parameter (so rules do not all share one query), and its own threshold.
 */
function benchRule(i: number): Rule {
  const t = TEMPLATES[i % TEMPLATES.length]!;
  const variant = Math.floor(i / TEMPLATES.length) % 2;
  const params = Object.fromEntries(Object.entries(t.params).map(([k, v]) => [k, typeof v === 'number' && variant === 1 ? v * 2 : v]));
  const threshold = t.condition.threshold * (1 + (i % 7) / 10);
  return rule(`bench_${String(i).padStart(4, '0')}`, { ...t, params, condition: { ...t.condition, threshold } }, 'warning');
}

function rule(id: string, t: (typeof TEMPLATES)[number], severity: 'critical' | 'warning'): Rule {
  return {
    id,
    title: id,
    ...t,
    interval: '1m',
    for: '0s',
    keep_firing_for: '0s',
    no_data: 'ok',
    on_error: 'error',
    labels: { severity },
    annotations: { summary: `${id} {{value}}` },
    enabled: true,
    source: 'ui',
  };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export default async function alertingBench(ctx: BenchContext): Promise<void> {
  const size = String(ctx.args.sizes ?? 'default').split(',')[0]!;
  const profile = process.env.BENCH_PROFILE === '1' ? profileStatements() : undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-bench-alerting-'));
  const alerts = path.join(dir, 'alerts');
  fs.mkdirSync(alerts);
  fs.writeFileSync(
    path.join(alerts, 'routing.yaml'),
    'receivers:\n  - name: oncall\n    pagerduty: { routing_key: ${PAGERDUTY_ROUTING_KEY} }\nroute:\n  receiver: oncall\n  group_by: [alertname]\n  group_wait: 0s\n  repeat_interval: 24h\n',
  );
  const pd = await startPagerDuty(dir);
  const config = parseEnv({
    PORT: '0',
    DATA_DIR: path.join(dir, 'data'),
    DEMO_DATA: '1',
    DEMO_SIZE: size,
    ALERTING: '0',
    ALERTS_DIR: alerts,
    PAGERDUTY_EVENTS_HOST: pd.host,
    PAGERDUTY_CA_FILE: pd.caFile,
    PAGERDUTY_ROUTING_KEY: 'BENCHKEY00000000000000000000000B',
    LOG_LEVEL: 'warn',
  });
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  ctx.log(`  loading the ${size} demo data…`);
  const c = await startConsole(config, { log: pino({ level: 'silent' }), now: () => now, print: () => {} });
  try {
    await c.ready;
    // The demo load's statements are not the ticks'.
    profile?.take();
    // As the scheduler does when it runs (server/jobs/alerting.job.ts): a flush that enqueues kicks delivery.
    c.alerting.signals.on('enqueued', () => void c.alerting.delivery.deliverDue());
    const rules = Array.from({ length: 1000 }, (_, i) => benchRule(i));
    const engine = c.alerting.service.engine;
    ctx.log(
      `  1,000 rules over ${TEMPLATES.length} query files: ${batchesOf(rules).length} distinct (file, parameters), ${
        batchesOf(rules, (r) => engine.fanoutFor(r)).length
      } queries per tick (a declared bound fanned out)`,
    );
    const ticks = Math.max(3, ctx.runs);
    ctx.log(
      `  load average (1, 5, 15 min) before the ticks: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')} on ${os.cpus().length} CPUs`,
    );
    const durations: number[] = [];
    const delays: number[] = [];
    for (let k = 0; k < ticks; k++) {
      const at = new Date(now.getTime() - (ticks - 1 - k) * 60_000);
      // One rule per tick changes state (a fresh rule that holds at once), routed with group_wait 0.
      const flip = rule(
        `bench_flip_${k}`,
        { store: 'postgres', query: 'alerting/moderation_backlog', params: {}, condition: { op: '>=', threshold: 0 } },
        'critical',
      );
      const before = pd.events.length;
      const t0 = Date.now();
      const report = await c.alerting.service.engine.evaluateAt([flip, ...rules], at);
      const tickMs = Date.now() - t0;
      await c.alerting.delivery.deliverDue();
      const sent = pd.events.slice(before).find((e) => e.body.payload?.summary.includes(flip.id));
      durations.push(tickMs);
      ctx.record('tick of 1,001 rules', 's', tickMs / 1000);
      ctx.log(
        `    tick ${k + 1}: ${report.rules} rules, ${report.errors} errors, ${report.transitions} transitions, ${report.notifications} notifications, ${(tickMs / 1000).toFixed(2)} s`,
      );
      if (profile)
        for (const [name, e] of profile.take().slice(0, 14))
          ctx.log(`      ${name.padEnd(48)} ${String(e.n).padStart(5)} × ${(e.ms / e.n).toFixed(1).padStart(7)} ms = ${e.ms.toFixed(0).padStart(6)} ms`);
      if (sent) {
        // Upper bound: from the start of the tick (the flip rule runs first) to the request's arrival.
        delays.push(sent.at - t0);
        ctx.record('state change → PagerDuty request (in a 1,001-rule tick)', 'ms', sent.at - t0);
      }
      // The same with the flipping rule alone: a tick's own size taken out.
      const single = rule(
        `bench_single_${k}`,
        { store: 'postgres', query: 'alerting/moderation_backlog', params: {}, condition: { op: '>=', threshold: 0 } },
        'critical',
      );
      const t1 = Date.now();
      await c.alerting.service.engine.evaluateAt([single], at);
      await c.alerting.delivery.deliverDue();
      const one = pd.events.find((e) => e.body.payload?.summary.includes(single.id));
      if (one) ctx.record('state change → PagerDuty request (one-rule tick)', 'ms', one.at - t1);
    }
    const sorted = [...durations].sort((a, b) => a - b);
    // The machine may be shared: the load beside the figures says how quiet it was.
    ctx.log(
      `  load average (1, 5, 15 min) at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')} on ${os.cpus().length} CPUs`,
    );
    ctx.log(`  tick p50 ${(pct(sorted, 50) / 1000).toFixed(2)} s, p95 ${(pct(sorted, 95) / 1000).toFixed(2)} s over ${ticks} ticks`);
    ctx.record('tick p95 (nearest rank over the ticks)', 's', pct(sorted, 95) / 1000);
    ctx.record('tick p50', 's', pct(sorted, 50) / 1000);
  } finally {
    await c.close();
    await pd.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
