import os from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../domain/errors.js';

// quality.md: argon2id, m=19456 KiB, t=2, p=1 (the OWASP minimum). 2 is Algorithm.Argon2id, whose
// const enum cannot be imported under isolated modules.
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * argon2 runs on libuv's small thread pool, which file, DNS and crypto work share: a burst of
 * sign-ins must not starve everything else (issue 14: 1,000 sign-ins made dashboards take 57 s).
 * At most `running` hashes at once, at most `waiting` queued; past that the answer is a 503 with
 * Retry-After, at once, instead of a wait nobody can see the end of.
 */
export class HashingQueue {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly running: number,
    private readonly waiting: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.running) {
      if (this.queue.length >= this.waiting) {
        throw new AppError(503, 'BUSY', 'CashView is busy checking passwords just now. Please try again in a few seconds.', undefined, { 'retry-after': '2' });
      }
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      // The slot passes straight to the next waiter; only when none waits is it freed.
      if (next) next();
      else this.active--;
    }
  }
}

// Half the cores (at least one), so request handling and the database keep a core to run on.
const defaultQueue = new HashingQueue(Math.max(1, Math.floor(os.availableParallelism() / 2)), 64);

export function hashPassword(password: string, queue = defaultQueue): Promise<string> {
  return queue.run(() => hash(password, options));
}

export async function verifyPassword(passwordHash: string, password: string, queue = defaultQueue): Promise<boolean> {
  return queue.run(async () => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  });
}

// Verifying against this when a username is unknown keeps both answers equally slow.
let dummyHash: Promise<string> | undefined;
export async function burnVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword('cashview-no-such-user').catch((error: unknown) => {
    dummyHash = undefined; // refused while busy: made on a later call instead
    throw error;
  });
  await verifyPassword(await dummyHash, password);
}
