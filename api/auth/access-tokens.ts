import { decodeJwt, errors, jwtVerify, SignJWT } from 'jose';

const ISSUER = 'salesgraph';
const AUDIENCE = 'salesgraph-api';

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** What a verified access token says: whose it is and, for tokens from sign-in or refresh, the session it belongs to. */
export interface AccessTokenClaims {
  userId: string;
  /** The sign-in session (`sid`); revoking the session (logout, a reused refresh token) ends the token with it. */
  sessionId: string | null;
}

/**
 * Signs an access token. Sign-in and refresh always name the session, so logout can end the token before it
 * expires; a token without one (made in-process, e.g. by tests) is checked against the user alone.
 */
export async function issueAccessToken(userId: string, secret: Uint8Array, ttlSeconds: number, sessionId?: string): Promise<IssuedToken> {
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  const token = await new SignJWT(sessionId === undefined ? {} : { sid: sessionId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(secret);
  return { token, expiresAt };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The claims of a valid token, or null for anything invalid: bad signature, expired, malformed. */
export async function verifyAccessToken(token: string, secret: Uint8Array): Promise<AccessTokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    if (typeof payload.sub !== 'string' || !UUID.test(payload.sub)) return null;
    const sid = payload.sid;
    if (sid !== undefined && (typeof sid !== 'string' || !UUID.test(sid))) return null;
    return { userId: payload.sub, sessionId: sid ?? null };
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
