import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../project-root.js';

/**
 * ASVS 6.2.4: refuse the most common passwords. The list ships as data (assets/), lower-cased,
 * already limited to the lengths CashView accepts; it is read once, on first use.
 */
const listFile = path.join(projectRoot, 'assets', 'common-passwords.txt');
let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  common ??= new Set(fs.readFileSync(listFile, 'utf8').split('\n').filter(Boolean));
  return common;
}

/** Why a password is refused beyond its length, or null when it is acceptable. */
export function passwordWeakness(password: string, username?: string): string | null {
  const lowered = password.toLowerCase();
  if (commonPasswords().has(lowered)) return 'is one of the most common passwords; choose another';
  if (username && lowered.includes(username.toLowerCase())) return 'must not contain your username';
  return null;
}
