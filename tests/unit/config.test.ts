import { expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.js';

it('defaults to the embedded database on port 3000', () => {
  const config = loadConfig({});
  expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, env: 'development' });
  expect(config.dataDir).toMatch(/data$/);
});

it('lists every problem at once, readably', () => {
  try {
    loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect.unreachable();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL: must be a postgres:// URL');
    expect(message).toContain('LOG_LEVEL');
  }
});

it('requires production to bring its own encryption key', () => {
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/CASHVIEW_ENCRYPTION_KEY/);
});
