import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { HashingQueue, hashPassword, verifyPassword } from '../../src/services/auth/password-hashing.js';

describe('the password hashing queue', () => {
  it('runs at most N at once, queues up to M, and refuses the rest at once with 503 and Retry-After', async () => {
    const queue = new HashingQueue(2, 3);
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const work = () =>
      queue.run(async () => {
        most = Math.max(most, ++running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        return 'done';
      });
    const accepted = Array.from({ length: 5 }, work);
    const refused = await work().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 503, code: 'BUSY', headers: { 'retry-after': expect.stringMatching(/^\d+$/) } });
    // Release as they start: every accepted one finishes, never more than two at a time.
    while (releases.length > 0 || running > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(accepted)).toEqual(Array(5).fill('done'));
    expect(most).toBe(2);
    // Once drained it takes work again.
    expect(await queue.run(async () => 'again')).toBe('again');
  });

  it('still hashes and verifies through it, and a failed verification frees its slot', async () => {
    const queue = new HashingQueue(1, 1);
    const stored = await hashPassword('a long and private phrase', queue);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword('not a hash', 'x', queue)).toBe(false);
    expect(await verifyPassword(stored, 'a long and private phrase', queue)).toBe(true);
  });
});
