import type { Db } from '../db/client.js';
import type { Keyring } from './crypto/keyring.js';

/** What every use case needs; routes and jobs pass it in, tests build their own. */
export interface ServiceDeps {
  db: Db;
  keyring: Keyring;
  now: () => Date;
}
