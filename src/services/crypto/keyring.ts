import crypto from 'node:crypto';

/**
 * AES-256-GCM for secrets at rest (access tokens, phone numbers). Each value gets a random 96-bit
 * nonce and names the key that sealed it, so keys can rotate: new values use the current key,
 * old ones still open with theirs. The context (which column a value belongs to) is bound in as
 * associated data, so a sealed value copied into another column does not open.
 */
export interface Keyring {
  currentKeyId: string;
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
  /** A key for another purpose derived from the current key (HKDF), never the key itself. */
  derive(purpose: string): Buffer;
}

const VERSION = 'v1';

export function parseKeys(spec: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const [index, part] of spec.split(',').entries()) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const [id, material] = trimmed.includes(':') ? trimmed.split(':', 2) : [`k${index + 1}`, trimmed];
    const key = Buffer.from(material ?? '', 'base64');
    if (!id || !/^[A-Za-z0-9_-]{1,16}$/.test(id)) throw new Error(`key id "${id}" must be 1-16 letters or digits`);
    if (key.length !== 32) throw new Error(`key "${id}" must be 32 bytes in base64`);
    keys.set(id, key);
  }
  if (keys.size === 0) throw new Error('no key given');
  return keys;
}

export function generateKeySpec(): string {
  return `k1:${crypto.randomBytes(32).toString('base64')}`;
}

export function createKeyring(spec: string): Keyring {
  const keys = parseKeys(spec);
  const [currentKeyId, currentKey] = [...keys.entries()][0]!;
  return {
    currentKeyId,
    seal(plaintext, context) {
      const nonce = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', currentKey, nonce);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return [VERSION, currentKeyId, nonce.toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed, context) {
      const [version, keyId, nonce, body] = sealed.split('.');
      const key = keyId ? keys.get(keyId) : undefined;
      if (version !== VERSION || !key || !nonce || !body) throw new Error('sealed value has an unknown key or format');
      const bytes = Buffer.from(body, 'base64url');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
    },
    derive(purpose) {
      return Buffer.from(crypto.hkdfSync('sha256', currentKey, Buffer.alloc(0), `cashview:${purpose}`, 32));
    },
  };
}
