import { createHash, randomBytes } from 'node:crypto';

/** Refresh tokens look like `sgr_<43 characters>`: 256 random bits, stored only as a SHA-256. */
const REFRESH_TOKEN_PATTERN = /^sgr_[A-Za-z0-9_-]{43}$/;

export interface GeneratedRefreshToken {
  token: string;
  hash: string;
}

/** 256 bits cannot be guessed, so a fast hash is enough to keep a stolen table from yielding usable tokens. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function generateRefreshToken(): GeneratedRefreshToken {
  const token = `sgr_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashRefreshToken(token) };
}

/** The hash to look a presented token up by, or null when it cannot be one of ours. */
export function refreshTokenHash(token: string): string | null {
  const trimmed = token.trim();
  return REFRESH_TOKEN_PATTERN.test(trimmed) ? hashRefreshToken(trimmed) : null;
}
