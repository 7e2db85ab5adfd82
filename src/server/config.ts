import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting CashView reads, validated once at start. This is the only reader of process.env;
 * .env.example documents each variable.
 */
const boolish = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('localhost'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_ORIGIN: z.url().optional(),
  TRUST_PROXY: boolish.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  CASHVIEW_DATA_DIR: z.string().min(1).default('data'),
  CASHVIEW_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  CASHVIEW_ENCRYPTION_KEY: z.string().min(1).optional(),
  SIGN_IN_ATTEMPTS_PER_HOUR: z.coerce.number().int().min(1).default(100),
  SIGN_UPS_PER_HOUR: z.coerce.number().int().min(1).default(30),
  PLAID_ENV: z.enum(['simulated', 'sandbox', 'production']).optional(),
  PLAID_CLIENT_ID: z.string().min(1).optional(),
  PLAID_SECRET: z.string().min(1).optional(),
  PLAID_WEBHOOK_URL: z.url().optional(),
  PLAID_SIM_LATENCY_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  PLAID_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  PLAID_SIM_URL: z.url().optional(),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be an account SID (AC and 32 hex digits)').optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_FROM: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be a phone number in E.164, such as +15005550006').optional(),
  TWILIO_API_BASE_URL: z.url().optional(),
  SMTP_URL: z.url().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().min(3).max(200).optional(),
  ALERT_WEBHOOKS_ALLOW_LOOPBACK: z.enum(['true', 'false']).default('false'),
  DAILY_JOB_CRON: z.string().min(9).default('0 12 * * *'),
  DAILY_JOB_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(8),
  CASHVIEW_CRASH_AFTER: z.coerce.number().int().min(1).optional(),
  CASHVIEW_HANG_ON_EXIT: z.enum(['true', 'false']).default('false'),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicOrigin?: string;
  trustProxy: boolean;
  logLevel: string;
  databaseUrl?: string;
  dataDir: string;
  /** What this process does: serve HTTP (web), run jobs (worker) or both (all). */
  role: 'all' | 'web' | 'worker';
  encryptionKey?: string;
  limits: { signInPerHour: number; signUpPerHour: number };
  plaid: {
    mode: 'simulated' | 'sandbox' | 'production';
    clientId?: string;
    secret?: string;
    /** Where Plaid posts webhooks; in simulated mode CashView's own address by default. */
    webhookUrl?: string;
    simulatorLatencyMs: number;
    simulatorPort: number;
    /** A simulated Plaid already running (`npm run plaid:sim`), shared by several CashView processes; else one is started in-process. */
    simulatorUrl?: string;
  };
  twilio: { accountSid?: string; authToken?: string; from?: string; baseUrl?: string };
  email: { smtpUrl?: string; from?: string };
  webhooks: { allowLoopback: boolean };
  daily: { cron: string; concurrency: number };
  /** Fault injection for tests: the process kills itself at the Nth crash point it passes. */
  crashAfter?: number;
  /** Fault injection for tests: an `exit` listener that never returns, as a stuck log flush would. */
  hangOnExit: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`CashView's configuration has problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(blanksRemoved);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production' && !c.CASHVIEW_ENCRYPTION_KEY) {
    throw new ConfigError(['CASHVIEW_ENCRYPTION_KEY: production must supply its own key (see .env.example)']);
  }
  // Simulated is the default when no Plaid keys are set (product.md section 6).
  const plaidMode = c.PLAID_ENV ?? (c.PLAID_CLIENT_ID && c.PLAID_SECRET ? 'sandbox' : 'simulated');
  if (plaidMode !== 'simulated' && !(c.PLAID_CLIENT_ID && c.PLAID_SECRET)) {
    throw new ConfigError([`PLAID_CLIENT_ID and PLAID_SECRET: required with PLAID_ENV=${plaidMode}`]);
  }
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    publicOrigin: c.PUBLIC_ORIGIN,
    trustProxy: c.TRUST_PROXY,
    logLevel: c.LOG_LEVEL,
    databaseUrl: c.DATABASE_URL,
    dataDir: path.resolve(c.CASHVIEW_DATA_DIR),
    role: c.CASHVIEW_ROLE,
    encryptionKey: c.CASHVIEW_ENCRYPTION_KEY,
    limits: { signInPerHour: c.SIGN_IN_ATTEMPTS_PER_HOUR, signUpPerHour: c.SIGN_UPS_PER_HOUR },
    plaid: {
      mode: plaidMode,
      clientId: c.PLAID_CLIENT_ID,
      secret: c.PLAID_SECRET,
      webhookUrl: c.PLAID_WEBHOOK_URL ?? (plaidMode === 'simulated' ? `http://127.0.0.1:${c.PORT}/api/plaid/webhook` : undefined),
      simulatorLatencyMs: c.PLAID_SIM_LATENCY_MS,
      simulatorPort: c.PLAID_SIM_PORT,
      simulatorUrl: c.PLAID_SIM_URL,
    },
    twilio: { accountSid: c.TWILIO_ACCOUNT_SID, authToken: c.TWILIO_AUTH_TOKEN, from: c.TWILIO_FROM, baseUrl: c.TWILIO_API_BASE_URL },
    email: { smtpUrl: c.SMTP_URL, from: c.MAIL_FROM },
    webhooks: { allowLoopback: c.ALERT_WEBHOOKS_ALLOW_LOOPBACK === 'true' },
    daily: { cron: c.DAILY_JOB_CRON, concurrency: c.DAILY_JOB_CONCURRENCY },
    crashAfter: c.CASHVIEW_CRASH_AFTER,
    hangOnExit: c.CASHVIEW_HANG_ON_EXIT === 'true',
  };
}
