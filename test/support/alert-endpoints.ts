// Real endpoints for alert notifications in tests: an in-process SMTP server (smtp-server) and a
// local HTTPS server with a self-signed certificate that records PagerDuty Events v2 requests
// and answers with a programmable status sequence (default 202).
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import selfsigned from 'selfsigned';
import { SMTPServer } from 'smtp-server';

/** A self-signed certificate for 127.0.0.1 and localhost; its PEM written to <dir>/<name>-ca.pem for the console to trust. */
async function selfSigned(dir: string, name: string): Promise<{ pems: { private: string; cert: string }; caFile: string }> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    days: 1,
    keySize: 2048,
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  } as never);
  const caFile = path.join(dir, `${name}-ca.pem`);
  fs.writeFileSync(caFile, pems.cert);
  return { pems, caFile };
}

export interface PdEvent {
  at: number;
  status: number;
  body: { routing_key: string; event_action: string; dedup_key: string; payload?: { summary: string; severity: string } };
}

export interface PagerDutyEndpoint {
  host: string;
  caFile: string;
  events: PdEvent[];
  /** Statuses for the next triggers whose summary contains the key, in order; afterwards 202. 0: never answer. */
  respond: Map<string, number[]>;
  close(): Promise<void>;
}

export async function startPagerDuty(dir: string): Promise<PagerDutyEndpoint> {
  const { pems, caFile } = await selfSigned(dir, 'pagerduty');
  const events: PdEvent[] = [];
  const respond = new Map<string, number[]>();
  const server = https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      let parsed: PdEvent['body'];
      try {
        parsed = JSON.parse(body) as PdEvent['body'];
      } catch {
        parsed = { routing_key: '', event_action: 'invalid', dedup_key: '' };
      }
      const key = [...respond.keys()].find((k) => parsed.payload?.summary.includes(k) && respond.get(k)!.length > 0);
      const status = req.url !== '/v2/enqueue' || req.method !== 'POST' ? 404 : key ? respond.get(key)!.shift()! : 202;
      events.push({ at: Date.now(), status, body: parsed });
      if (status === 0) return; // no answer: the request hangs until the client gives up
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          status === 202 ? { status: 'success', message: 'Event processed', dedup_key: parsed.dedup_key } : { status: 'error', message: `status ${status}` },
        ),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    host: `127.0.0.1:${port}`,
    caFile,
    events,
    respond,
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

export interface Mail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
}

export interface SmtpEndpoint {
  url: string;
  mails: Mail[];
  /** SMTP reply codes for the next recipients (RCPT TO), in order, e.g. 550 or 451; afterwards accepted. */
  refuse: number[];
  close(): Promise<void>;
}

export async function startSmtp(): Promise<SmtpEndpoint> {
  const mails: Mail[] = [];
  const refuse: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = refuse.shift();
      if (code === undefined) return callback();
      callback(Object.assign(new Error(`${address.address}: refused by the test server`), { responseCode: code }));
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString()));
      stream.on('end', () => {
        const subject = /^Subject: (.*)$/m.exec(raw)?.[1] ?? '';
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          subject,
        });
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, mails, refuse, close: () => new Promise((r) => server.close(() => r())) };
}

export interface HookRequest {
  at: number;
  path: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  raw: string;
}

export interface HttpsReceiver {
  /** https://127.0.0.1:<port> */
  url: string;
  caFile: string;
  requests: HookRequest[];
  /** Statuses for the next requests to a path, in order; afterwards 202. */
  respond: Map<string, number[]>;
  close(): Promise<void>;
}

/** A local HTTPS server (self-signed) recording every POST with its raw body: webhook and Slack receivers. */
export async function startHttpsReceiver(dir: string, name = 'hooks'): Promise<HttpsReceiver> {
  const { pems, caFile } = await selfSigned(dir, name);
  const requests: HookRequest[] = [];
  const respond = new Map<string, number[]>();
  const server = https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const p = req.url ?? '/';
      const status = respond.get(p)?.shift() ?? 202;
      requests.push({ at: Date.now(), path: p, status, headers: req.headers, raw });
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status < 300 ? 'ok' : 'error');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `https://127.0.0.1:${port}`,
    caFile,
    requests,
    respond,
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
