import type { Db } from '../db/client.js';
import type { PlaidClient } from '../integrations/plaid/client.js';
import type { SmsSender } from '../integrations/twilio/sms.js';
import type { EmailSender } from '../integrations/email/sender.js';
import type { WebhookOptions } from '../integrations/webhooks/deliver.js';
import type { Keyring } from './crypto/keyring.js';

export type JobName = 'link-item' | 'refresh-item' | 'sync-item' | 'revoke-items' | 'deliver-alerts' | 'daily';

/** The background queue as use cases see it (pg-boss behind it, src/jobs). */
export interface JobQueue {
  send(name: JobName, data: object, options?: { singletonKey?: string; retryLimit?: number; startAfter?: Date }): Promise<void>;
}

/** Where use cases and jobs say what went wrong (pino, as Fastify's own logger). */
export interface ServiceLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** What every use case needs; routes and jobs pass it in, tests build their own. */
export interface ServiceDeps {
  db: Db;
  keyring: Keyring;
  now: () => Date;
  plaid: PlaidClient;
  jobs: JobQueue;
  /** Where Plaid sends this CashView's webhooks (null: none). */
  plaidWebhookUrl: string | null;
  sms: SmsSender;
  email: EmailSender;
  /** How alert webhooks are delivered (loopback allowed or not; the resolver, for tests). */
  webhooks: WebhookOptions;
  /** Where people reach this CashView (links in alerts); null when not set. */
  publicOrigin: string | null;
  log: ServiceLog;
  /** Named points where a fault-injection run may stop the process (tests only; a no-op otherwise). */
  crashPoint?: (name: string) => void;
}

/** How a background job run knows whether it is the last try. */
export interface JobAttempt {
  final: boolean;
}

/** What profile and session use cases need: no Plaid, no queue. */
export type CoreDeps = Pick<ServiceDeps, 'db' | 'keyring' | 'now'>;
