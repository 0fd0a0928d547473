import { decodeJwt, errors, jwtVerify, SignJWT } from 'jose';

const ISSUER = 'salesgraph';
const AUDIENCE = 'salesgraph-api';

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

export async function issueAccessToken(userId: string, secret: Uint8Array, ttlSeconds: number): Promise<IssuedToken> {
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(secret);
  return { token, expiresAt };
}

/** The user id the token was issued to, or null for anything invalid: bad signature, expired, malformed. */
export async function verifyAccessToken(token: string, secret: Uint8Array): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    return typeof payload.sub === 'string' ? payload.sub : null;
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}

/** When a bearer token (already verified) stops being valid; null when it is not a bearer token. */
export function bearerTokenExpiry(authorization: string | null | undefined): Date | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  if (match === null) return null;
  const { exp } = decodeJwt(match[1]);
  return typeof exp === 'number' ? new Date(exp * 1000) : null;
}
