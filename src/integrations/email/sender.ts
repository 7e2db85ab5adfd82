import type { Transporter } from 'nodemailer';

/**
 * Sending one e-mail over SMTP (nodemailer). SMTP has no idempotency either: a failure is
 * `rejected` when the server refused it or it never left (not delivered) and `unknown` when the
 * connection failed after the message was handed over (maybe delivered), never re-sent blindly.
 */
export class EmailError extends Error {
  constructor(
    readonly kind: 'rejected' | 'unknown',
    message: string,
  ) {
    super(message);
    this.name = 'EmailError';
  }
}

export interface EmailMessage {
  to: string;
  subject: string;
  /** Plain text, the whole message: HTML is the same words with markup, readable without images. */
  text: string;
  html: string;
}

export interface EmailSender {
  readonly configured: boolean;
  send(message: EmailMessage): Promise<{ id: string }>;
}

export interface EmailOptions {
  /** smtp://user:pass@host:port or smtps://… */
  smtpUrl?: string;
  from?: string;
  timeoutMs?: number;
}

const notConfigured: EmailSender = {
  configured: false,
  send: () => Promise.reject(new EmailError('rejected', 'e-mail is not configured')),
};

/** Errors nodemailer raises before the message was accepted for delivery. */
const BEFORE_HANDOVER = new Set(['ECONNECTION', 'EAUTH', 'EENVELOPE', 'EMESSAGE', 'EDNS', 'ETLS', 'ECONFIG']);

export function createEmailSender(options: EmailOptions): EmailSender {
  const { smtpUrl, from } = options;
  if (!smtpUrl || !from) return notConfigured;
  let transporter: Promise<Transporter> | undefined;
  // nodemailer is loaded at the first e-mail: a server that never sends one never loads it.
  const transport = () =>
    (transporter ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({ url: smtpUrl, connectionTimeout: options.timeoutMs ?? 10_000, greetingTimeout: options.timeoutMs ?? 10_000, socketTimeout: options.timeoutMs ?? 10_000 } as Parameters<typeof nodemailer.createTransport>[0]),
    ));
  return {
    configured: true,
    async send(message) {
      try {
        const info = await (await transport()).sendMail({ from, ...message });
        return { id: String(info.messageId) };
      } catch (error) {
        const { code, responseCode, command } = error as { code?: string; responseCode?: number; command?: string };
        // An SMTP reply code means the server answered: it did not take the message. A failure
        // while connecting (command CONN) happened before anything was handed over.
        if (responseCode || command === 'CONN' || (code && BEFORE_HANDOVER.has(code))) throw new EmailError('rejected', `the mail server refused it: ${(error as Error).message}`);
        throw new EmailError('unknown', `outcome unknown: ${(error as Error).message}`);
      }
    },
  };
}
