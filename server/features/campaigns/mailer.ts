// Mail of scheduled campaign reports through nodemailer: to SMTP_URL, or, when it is absent, as
// .eml files under DATA_DIR/outbox (docs/architecture.md#api), so a console without a mail server still keeps
// what it would have sent.
import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  attachments: { filename: string; content: Buffer | string; contentType: string }[];
}

export interface MailerOptions {
  smtpUrl?: string;
  outboxDir: string;
  from: string;
}

export class ReportMailer {
  private readonly transport: Transporter;

  constructor(private readonly opts: MailerOptions) {
    this.transport = opts.smtpUrl
      ? // Short timeouts: "send now" waits for the answer, and a dead server must fail fast and be retried.
        nodemailer.createTransport({
          url: opts.smtpUrl,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        } as nodemailer.TransportOptions)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  }

  get mode(): 'smtp' | 'outbox' {
    return this.opts.smtpUrl ? 'smtp' : 'outbox';
  }

  /** Sends one message; answers its Message-ID and, in outbox mode, the .eml file written. */
  async send(mail: OutgoingMail): Promise<{ messageId: string; file?: string }> {
    const info = await this.transport.sendMail({ from: this.opts.from, ...mail });
    if (this.opts.smtpUrl) return { messageId: info.messageId };
    fs.mkdirSync(this.opts.outboxDir, { recursive: true });
    const file = path.join(this.opts.outboxDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^A-Za-z0-9@.-]/g, '')}.eml`);
    fs.writeFileSync(file, (info as unknown as { message: Buffer }).message);
    return { messageId: info.messageId, file };
  }

  close(): void {
    this.transport.close();
  }
}
