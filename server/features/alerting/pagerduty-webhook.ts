// PagerDuty webhooks v3 (issue 15): PagerDuty tells the console what happened to an incident it
// opened. The request is authenticated by X-PagerDuty-Signature (`v1=<hex HMAC-SHA256 of the raw
// body>`, several during PagerDuty's own rotation) against any of PAGERDUTY_WEBHOOK_SECRET's
// secrets (ours); the incident's `incident_key` is the dedup_key the console sent, so it names
// one alert group. Each event is applied once, by its id (a replay changes nothing).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** True when one of the header's v1 signatures is the HMAC of `raw` under one of `secrets`. */
export function verifyPagerDutySignature(raw: Buffer, header: string | undefined, secrets: readonly string[]): boolean {
  if (!header || secrets.length === 0) return false;
  const given = header
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('v1='))
    .map((s) => Buffer.from(s.slice(3), 'hex'));
  for (const secret of secrets) {
    const want = createHmac('sha256', secret).update(raw).digest();
    if (given.some((g) => g.length === want.length && timingSafeEqual(g, want))) return true;
  }
  return false;
}

/** The signature header PagerDuty would send for `raw` under `secret` (tests and tools). */
export function pagerDutySignature(raw: Buffer | string, secret: string): string {
  return `v1=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

const zReference = z.object({ id: z.string().optional(), summary: z.string().optional(), type: z.string().optional() }).passthrough();

/** The part of a v3 webhook body the console reads; everything else is ignored. */
export const zPagerDutyWebhook = z
  .object({
    event: z
      .object({
        id: z.string().min(1).max(200),
        event_type: z.string().min(1).max(100),
        occurred_at: z.string().optional(),
        agent: zReference.nullish(),
        data: z
          .object({
            id: z.string().optional(),
            incident_key: z.string().max(255).nullish(),
            status: z.string().optional(),
            assignees: z.array(zReference).optional(),
          })
          .passthrough()
          .nullish(),
      })
      .passthrough(),
  })
  .passthrough();

export type PagerDutyWebhook = z.infer<typeof zPagerDutyWebhook>;

/** The incident events that change a group, and the status each leaves the incident in. */
export const INCIDENT_EVENTS: Record<string, 'acknowledged' | 'triggered' | 'resolved' | 'reassigned'> = {
  'incident.acknowledged': 'acknowledged',
  'incident.unacknowledged': 'triggered',
  'incident.resolved': 'resolved',
  'incident.reassigned': 'reassigned',
};

/** "Jane Doe (PagerDuty)": who acted, as the alert page and the history show it. */
export function agentName(event: PagerDutyWebhook['event']): string {
  const a = event.agent;
  const who = a?.summary ?? a?.id ?? 'someone';
  return `${who} (PagerDuty)`;
}
