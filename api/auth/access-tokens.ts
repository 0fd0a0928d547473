import { errors, jwtVerify, SignJWT } from 'jose';

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
