import fs from 'node:fs';
import path from 'node:path';
import { createKeyring, generateKeySpec, type Keyring } from '../services/crypto/keyring.js';
import { ConfigError, type Config } from './config.js';

/**
 * The key comes from CASHVIEW_ENCRYPTION_KEY. Without it (development and the embedded default)
 * one is generated once into the data directory, readable by its owner only; production must
 * supply its own so the key never sits beside the data it protects.
 */
export function loadKeyring(config: Config): Keyring {
  let spec = config.encryptionKey;
  if (!spec) {
    const file = path.join(config.dataDir, 'encryption.key');
    fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, generateKeySpec(), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    spec = fs.readFileSync(file, 'utf8').trim();
  }
  try {
    return createKeyring(spec);
  } catch (error) {
    throw new ConfigError([`CASHVIEW_ENCRYPTION_KEY: ${(error as Error).message}`]);
  }
}
