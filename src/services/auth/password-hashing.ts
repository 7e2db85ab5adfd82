import { hash, verify } from '@node-rs/argon2';

// quality.md: argon2id, m=19456 KiB, t=2, p=1 (the OWASP minimum). 2 is Algorithm.Argon2id, whose
// const enum cannot be imported under isolated modules.
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when a username is unknown keeps both answers equally slow.
let dummyHash: Promise<string> | undefined;
export async function burnVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword('cashview-no-such-user');
  await verifyPassword(await dummyHash, password);
}
