import { describe, expect, it } from 'vitest';
import { DashboardCache } from '../../src/services/read-cache.js';

describe('the dashboard cache', () => {
  it('computes a (person, version) once however many readers wait for it', async () => {
    const cache = new DashboardCache();
    let computed = 0;
    let finish!: (json: string) => void;
    const compute = () => {
      computed++;
      return new Promise<string>((resolve) => (finish = resolve));
    };
    const readers = Array.from({ length: 10 }, () => cache.getOrCompute('ada', 'v1', compute));
    finish('{"netWorth":1}');
    expect(await Promise.all(readers)).toEqual(Array(10).fill('{"netWorth":1}'));
    expect(computed).toBe(1);
    expect(await cache.getOrCompute('ada', 'v1', compute)).toBe('{"netWorth":1}');
    expect(computed).toBe(1);
    // A new version is computed afresh; a failure is not cached and the next reader tries again.
    const failing = cache.getOrCompute('ada', 'v2', () => Promise.reject(new Error('database down')));
    await expect(failing).rejects.toThrow('database down');
    expect(await cache.getOrCompute('ada', 'v2', async () => '{"netWorth":2}')).toBe('{"netWorth":2}');
  });

  it('holds at most its size in characters, dropping the oldest written first', () => {
    const cache = new DashboardCache(100);
    cache.set('a', 'k', 'x'.repeat(40));
    cache.set('b', 'k', 'y'.repeat(40));
    cache.set('c', 'k', 'z'.repeat(40));
    expect(cache.get('a', 'k')).toBeUndefined();
    expect(cache.get('b', 'k')).toBe('y'.repeat(40));
    expect(cache.size).toEqual({ entries: 2, chars: 80 });
    // A newer answer for a person replaces theirs; one larger than the whole cache is not kept.
    cache.set('b', 'k2', 'w'.repeat(10));
    expect(cache.size).toEqual({ entries: 2, chars: 50 });
    cache.set('d', 'k', 'q'.repeat(500));
    expect(cache.get('d', 'k')).toBeUndefined();
    expect(cache.size.chars).toBeLessThanOrEqual(100);
  });
});
