// The outbox delivery worker (README#alerting): claims due notifications, sends email (nodemailer to
// SMTP_URL, or .eml files under DATA_DIR/outbox) and PagerDuty Events v2 (pdjs `event()`),
// records every attempt, retries network errors, 429 and 5xx on a backoff schedule, and
// dead-letters the rest. pdjs resolves on HTTP errors and its requestTimeout aborts nothing
// (docs/architecture.md#engine-notes), so the timeout here is our AbortSignal and the status is read from the response.
import type { Channel } from '../../../contract/alerting.js';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import path from 'node:path';
import type { Logger } from 'pino';
import nodemailer, { type Transporter } from 'nodemailer';
import { event as pagerDutyEvent } from '@pagerduty/pdjs';
import { pgQuery, type Stores } from '../../db/index.js';
import { describe } from '../../db/postgres.js';
import type { Receiver } from './rules.js';
import { webhookSignature } from './contact-points.js';

type Json = Record<string, unknown>;

const pgClaimOutbox = pgQuery('alerting/claim_outbox').returns<{
  id: string;
  channel: Channel;
  receiver: string;
  groupKey: string;
  dedupKey: string | null;
  payload: Json;
  attempts: number;
}>();
const pgRecordAttemptsBatch = pgQuery('alerting/record_attempts_batch');
const pgFinishOutboxBatch = pgQuery('alerting/finish_outbox_batch');

export interface DeliveryOptions {
  smtpUrl?: string;
  /** Where .eml files go when there is no SMTP_URL. */
  outboxDir: string;
  mailFrom: string;
  pagerDutyHost: string;
  /** Extra CA certificates (PEM) trusted for the PagerDuty host: a private proxy, or tests. */
  pagerDutyCa?: string;
  timeoutMs: number;
  /** The receivers of the current routing: webhook and Slack URLs and secrets are read at send time. */
  receivers?: () => Map<string, Receiver>;
  /** Extra CA certificates (PEM) trusted for webhook and Slack URLs, besides the public ones. */
  webhookCa?: string;
  /** Backoff before the 2nd, 3rd, ... attempt; past the last one a notification is dead. */
  retryDelaysMs: number[];
  log: Logger;
}

/** What one attempt came to: delivered, retry later, or never retry. */
export type Outcome =
  | { kind: 'delivered'; status?: number }
  | { kind: 'retry'; status?: number; error: string }
  | { kind: 'fatal'; status?: number; error: string };

export function classifyStatus(status: number, body: string): Outcome {
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  if (status === 429 || status >= 500) return { kind: 'retry', status, error: `HTTP ${status} ${body}`.slice(0, 500) };
  return { kind: 'fatal', status, error: `HTTP ${status} ${body}`.slice(0, 500) };
}

export class DeliveryWorker {
  private transport: Transporter | undefined;
  private readonly agent: https.Agent | undefined;
  private readonly hookAgent: https.Agent;
  private running: Promise<number> | undefined;

  constructor(
    private readonly stores: Stores,
    private readonly opts: DeliveryOptions,
  ) {
    this.agent = opts.pagerDutyCa ? new https.Agent({ ca: opts.pagerDutyCa, keepAlive: true }) : undefined;
    this.hookAgent = new https.Agent({ keepAlive: true, ...(opts.webhookCa ? { ca: [...tls.rootCertificates, opts.webhookCa] } : {}) });
  }

  /** One JSON POST with our timeout; the status is classified like PagerDuty's. */
  private postJson(url: string, body: string, headers: Record<string, string>): Promise<Outcome> {
    return new Promise((resolve) => {
      const u = new URL(url);
      const mod = u.protocol === 'https:' ? https : http;
      const req = mod.request(
        u,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'pulse-console', ...headers },
          ...(u.protocol === 'https:' ? { agent: this.hookAgent } : {}),
          timeout: this.opts.timeoutMs,
        },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text.length < 300 ? (text += d.toString()) : undefined));
          res.on('end', () => resolve(classifyStatus(res.statusCode ?? 0, text.slice(0, 300))));
          res.on('error', (err) => resolve({ kind: 'retry', error: describe(err).slice(0, 500) }));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer from ${u.host} in ${this.opts.timeoutMs} ms`)));
      req.on('error', (err) => resolve({ kind: 'retry', error: describe(err).slice(0, 500) }));
      req.end(body);
    });
  }

  /** Webhook: the stored body, signed now with the receiver's secret (from the environment). */
  async sendWebhook(receiverName: string, payload: Json): Promise<Outcome> {
    const hook = this.opts.receivers?.().get(receiverName)?.webhook;
    if (!hook) return { kind: 'fatal', error: `receiver ${receiverName} has no webhook in routing.yaml any more` };
    const body = JSON.stringify(payload.body);
    return this.postJson(hook.url, body, { 'x-pulse-signature': webhookSignature(body, hook.secret) });
  }

  /** Slack: the stored message to the receiver's incoming-webhook URL (from the environment). */
  async sendSlack(receiverName: string, payload: Json): Promise<Outcome> {
    const slack = this.opts.receivers?.().get(receiverName)?.slack;
    if (!slack) return { kind: 'fatal', error: `receiver ${receiverName} has no slack in routing.yaml any more` };
    return this.postJson(slack.url, JSON.stringify(payload.body), {});
  }

  private send(row: { id: string; channel: string; receiver: string; payload: Json }): Promise<Outcome> {
    switch (row.channel) {
      case 'email':
        return this.sendEmail(row.id, row.payload);
      case 'webhook':
        return this.sendWebhook(row.receiver, row.payload);
      case 'slack':
        return this.sendSlack(row.receiver, row.payload);
      default:
        return this.sendPagerDuty(row.payload);
    }
  }

  private mailer(): Transporter {
    this.transport ??= this.opts.smtpUrl
      ? nodemailer.createTransport(this.opts.smtpUrl)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    return this.transport;
  }

  async sendEmail(id: string, payload: Json): Promise<Outcome> {
    // A payload may name its own sender (moderation outcome notices come from trust & safety).
    const message = {
      from: typeof payload.from === 'string' ? payload.from : this.opts.mailFrom,
      to: (payload.to as string[]).join(', '),
      subject: String(payload.subject),
      text: String(payload.text),
      ...(payload.attachments ? { attachments: payload.attachments as never } : {}),
    };
    try {
      const info = await Promise.race([
        this.mailer().sendMail(message),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`no answer from the mail server in ${this.opts.timeoutMs} ms`)), this.opts.timeoutMs).unref(),
        ),
      ]);
      if (!this.opts.smtpUrl) {
        fs.mkdirSync(this.opts.outboxDir, { recursive: true });
        fs.writeFileSync(path.join(this.opts.outboxDir, `notification-${id}.eml`), (info as { message: Buffer }).message);
      }
      return { kind: 'delivered' };
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      // SMTP 5xx (mailbox unknown, refused) will not get better by retrying; 4xx and network errors may.
      if (code !== undefined && code >= 500) return { kind: 'fatal', error: describe(err).slice(0, 500) };
      return { kind: 'retry', error: describe(err).slice(0, 500) };
    }
  }

  async sendPagerDuty(payload: Json): Promise<Outcome> {
    const data = {
      routing_key: payload.routing_key,
      event_action: payload.event_action,
      dedup_key: payload.dedup_key,
      ...(payload.event_action === 'trigger' ? { payload: payload.payload } : {}),
    };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.opts.timeoutMs);
    try {
      // pdjs passes extra options through to its fetch (node-fetch): the agent and the signal.
      const res = await pagerDutyEvent({
        server: this.opts.pagerDutyHost,
        data: data as never,
        signal: controller.signal,
        ...(this.agent ? { agent: this.agent } : {}),
      } as never);
      const response = (res as { response: { status: number } }).response;
      return classifyStatus(response.status, JSON.stringify((res as { data?: unknown }).data ?? '').slice(0, 300));
    } catch (err) {
      const msg = controller.signal.aborted ? `no answer from ${this.opts.pagerDutyHost} in ${this.opts.timeoutMs} ms` : describe(err);
      return { kind: 'retry', error: msg.slice(0, 500) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Delivers every due notification once; answers how many were attempted. */
  deliverDue(now = new Date()): Promise<number> {
    // One pass at a time per console; a kick during a pass runs one more pass after it.
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let total = 0;
      do {
        this.again = false;
        total += await this.pass(now);
      } while (this.again);
      return total;
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  private again = false;

  private async pass(now: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const leaseUntil = new Date(Date.now() + 2 * this.opts.timeoutMs + 5000);
      const batch = await this.stores.pg.rows(pgClaimOutbox, { now: new Date(Math.max(now.getTime(), Date.now())), lease_until: leaseUntil, max: 20 });
      if (batch.length === 0) return total;
      total += batch.length;
      // Every row of the batch is sent at once; their attempts and outcomes are then written in
      // two statements for the whole batch (not two per row: bench/README.md, the cold tick).
      const settled = await Promise.all(batch.map(async (row) => this.settlement(row.id, row.attempts + 1, await this.send(row))));
      await this.stores.pg.tx(async (tx) => {
        await tx.exec(pgRecordAttemptsBatch, { rows: settled.map((s) => s.attempt) });
        await tx.exec(pgFinishOutboxBatch, { rows: settled.map((s) => s.finish) });
      });
    }
  }

  /** The attempt row and the outbox row's new state after one attempt. */
  private settlement(id: string, attempts: number, outcome: Outcome) {
    const at = new Date();
    const status = 'status' in outcome ? (outcome.status ?? null) : null;
    const error = outcome.kind === 'delivered' ? null : outcome.error;
    const attempt = { outbox_id: Number(id), at: at.toISOString(), outcome: outcome.kind, http_status: status, error };
    if (outcome.kind === 'delivered') {
      return {
        attempt,
        finish: { id: Number(id), status: 'delivered', attempts, next_attempt_at: at.toISOString(), last_error: null, delivered_at: at.toISOString() },
      };
    }
    const delay = this.opts.retryDelaysMs[attempts - 1];
    if (outcome.kind === 'retry' && delay !== undefined) {
      const next = new Date(at.getTime() + delay).toISOString();
      return { attempt, finish: { id: Number(id), status: 'pending', attempts, next_attempt_at: next, last_error: error, delivered_at: null } };
    }
    this.opts.log.warn({ outbox: id, attempts, error }, 'notification dead-lettered');
    return { attempt, finish: { id: Number(id), status: 'dead', attempts, next_attempt_at: at.toISOString(), last_error: error, delivered_at: null } };
  }

  close(): void {
    this.transport?.close();
    this.agent?.destroy();
    this.hookAgent.destroy();
  }
}
