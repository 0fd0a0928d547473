import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiKey } from '../../schema/org/entities/api-key.entity';
import { loadViewer } from '../../schema/org/org.service';
import type { AppConfig } from '../config';
import { UnauthenticatedError } from '../errors';
import type { Viewer } from '../permissions/viewer';
import { verifyAccessToken } from './access-tokens';
import { parseApiKey, secretMatches } from './api-key-secret';
import type { ApiScope } from './api-scopes';

export interface Credentials {
  /** `Authorization` header value (or WebSocket connectionParams.authorization), `Bearer <jwt>`. */
  authorization?: string | null;
  /** `x-api-key` header value (or connectionParams.apiKey). */
  apiKey?: string | null;
}

/** Last-used times are recorded at most this often per key, so key traffic doesn't turn every read into a write. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Turns credentials into a viewer. No credentials: null (anonymous; only public operations pass the shield).
 * Credentials that don't check out for any reason (bad or expired token, revoked session or key, inactive user):
 * UNAUTHENTICATED, the same error whatever the reason. A partner whose distributor is suspended or terminated:
 * FORBIDDEN with the reason, on every request, since the credentials are fine but the partner may not work.
 */
export async function authenticate(em: EntityManager, config: AppConfig, credentials: Credentials): Promise<Viewer | null> {
  const authorization = credentials.authorization?.trim();
  const apiKey = credentials.apiKey?.trim();
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const claims = match ? await verifyAccessToken(match[1], config.jwtSecret) : null;
    const viewer = claims === null ? null : await loadViewer(em, claims.userId, { scopes: null, apiKeyId: null, sessionId: claims.sessionId });
    if (viewer === null) throw new UnauthenticatedError();
    return viewer;
  }
  if (apiKey) return authenticateApiKey(em, apiKey);
  return null;
}

async function authenticateApiKey(em: EntityManager, key: string): Promise<Viewer> {
  const parts = parseApiKey(key);
  if (parts === null) throw new UnauthenticatedError();
  const apiKey = await em.findOne(ApiKey, { prefix: parts.prefix });
  if (apiKey === null || !secretMatches(parts.secret, apiKey.secretHash) || !apiKey.active) throw new UnauthenticatedError();
  const viewer = await loadViewer(em, apiKey.user.id, {
    scopes: new Set<ApiScope>(apiKey.scopes),
    apiKeyId: apiKey.id,
  });
  if (viewer === null) throw new UnauthenticatedError();
  const now = new Date();
  if (apiKey.lastUsedAt === null || now.getTime() - apiKey.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await em.nativeUpdate(ApiKey, { id: apiKey.id }, { lastUsedAt: now });
  }
  return viewer;
}
