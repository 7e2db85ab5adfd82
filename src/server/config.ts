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
  CASHVIEW_ENCRYPTION_KEY: z.string().min(1).optional(),
  SIGN_IN_ATTEMPTS_PER_HOUR: z.coerce.number().int().min(1).default(100),
  SIGN_UPS_PER_HOUR: z.coerce.number().int().min(1).default(30),
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
  encryptionKey?: string;
  limits: { signInPerHour: number; signUpPerHour: number };
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
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    publicOrigin: c.PUBLIC_ORIGIN,
    trustProxy: c.TRUST_PROXY,
    logLevel: c.LOG_LEVEL,
    databaseUrl: c.DATABASE_URL,
    dataDir: path.resolve(c.CASHVIEW_DATA_DIR),
    encryptionKey: c.CASHVIEW_ENCRYPTION_KEY,
    limits: { signInPerHour: c.SIGN_IN_ATTEMPTS_PER_HOUR, signUpPerHour: c.SIGN_UPS_PER_HOUR },
  };
}
