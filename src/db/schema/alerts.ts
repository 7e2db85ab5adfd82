import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** Which alert kinds go to which channels, with the amounts two of them need (product.md section 10). */
export interface AlertKinds {
  budgetSummary: { channels: string[] };
  budgetThreshold: { channels: string[] };
  connection: { channels: string[] };
  largeTransaction: { channels: string[]; amountCents: number | null };
  lowBalance: { channels: string[]; amountCents: number | null };
}

export const DEFAULT_KINDS: AlertKinds = {
  budgetSummary: { channels: ['sms'] },
  budgetThreshold: { channels: [] },
  connection: { channels: [] },
  largeTransaction: { channels: [], amountCents: null },
  lowBalance: { channels: [], amountCents: null },
};

/** A person's alert channels, kinds and quiet hours; no row means the defaults (budget summaries by SMS, as before). */
export const alertSettings = pgTable('alert_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  smsVerifiedAt: at('sms_verified_at'),
  smsPaused: boolean('sms_paused').notNull().default(false),
  email: text('email'),
  emailVerifiedAt: at('email_verified_at'),
  emailPaused: boolean('email_paused').notNull().default(false),
  webhookUrl: text('webhook_url'),
  // AES-256-GCM sealed, like access tokens: shown to the person once, when the URL is set.
  webhookSecretSealed: text('webhook_secret_sealed'),
  webhookVerifiedAt: at('webhook_verified_at'),
  webhookPaused: boolean('webhook_paused').notNull().default(false),
  kinds: jsonb('kinds').$type<AlertKinds>().notNull(),
  quietFrom: text('quiet_from'),
  quietTo: text('quiet_to'),
  // The code last sent to verify a channel: only its hash is kept.
  verificationChannel: text('verification_channel'),
  verificationCodeHash: text('verification_code_hash'),
  verificationExpiresAt: at('verification_expires_at'),
  verificationAttempts: integer('verification_attempts').notNull().default(0),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export type AlertSettingsRow = typeof alertSettings.$inferSelect;
