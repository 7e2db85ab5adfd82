import { describe, expect, it } from 'vitest';
import { createKeyring, generateKeySpec } from '../../src/services/crypto/keyring.js';

describe('keyring', () => {
  const spec = generateKeySpec();
  const keyring = createKeyring(spec);

  it('seals with a fresh nonce each time and opens what it sealed', () => {
    const a = keyring.seal('access-sandbox-123', 'items.access_token');
    const b = keyring.seal('access-sandbox-123', 'items.access_token');
    expect(a).not.toBe(b);
    expect(a).not.toContain('access-sandbox');
    expect(a.split('.')[1]).toBe('k1');
    expect(keyring.open(a, 'items.access_token')).toBe('access-sandbox-123');
  });

  it('refuses a tampered value and a value moved to another column', () => {
    const sealed = keyring.seal('+14155550100', 'users.phone');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0]! ^= 1;
    expect(() => keyring.open([...parts.slice(0, 3), body.toString('base64url')].join('.'), 'users.phone')).toThrow();
    expect(() => keyring.open(sealed, 'items.access_token')).toThrow();
  });

  it('rotates: a new current key still opens values sealed with the old one', () => {
    const old = keyring.seal('secret', 'ctx');
    const rotated = createKeyring(`k2:${Buffer.alloc(32, 7).toString('base64')},${spec}`);
    expect(rotated.currentKeyId).toBe('k2');
    expect(rotated.open(old, 'ctx')).toBe('secret');
    expect(rotated.seal('secret', 'ctx').split('.')[1]).toBe('k2');
  });

  it('refuses keys of the wrong size', () => {
    expect(() => createKeyring(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
