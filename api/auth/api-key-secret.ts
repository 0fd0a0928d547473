import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Keys look like `sg_<prefix>_<secret>`: the prefix finds the row, the secret is only ever stored hashed. */
const KEY_PATTERN = /^sg_([a-z0-9]{10})_([A-Za-z0-9_-]{32,64})$/;

export interface GeneratedApiKey {
  key: string;
  prefix: string;
  secretHash: string;
}

/**
 * The secret has 256 bits of entropy, so a fast hash is enough (unlike passwords, it can't be guessed); that keeps
 * per-request key checks cheap.
 */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBytes(8).toString('hex').slice(0, 10);
  return fromParts(prefix, randomBytes(32).toString('base64url'));
}

/** A key with given parts: the demo seed uses it so the printed demo key is the same on every machine. */
export function fromParts(prefix: string, secret: string): GeneratedApiKey {
  const key = `sg_${prefix}_${secret}`;
  if (!KEY_PATTERN.test(key)) throw new Error('API key parts do not have the expected form');
  return { key, prefix, secretHash: hashApiKeySecret(secret) };
}

export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  const match = KEY_PATTERN.exec(key.trim());
  return match ? { prefix: match[1], secret: match[2] } : null;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashApiKeySecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
