import type { EntityManager } from '@mikro-orm/postgresql';
import { issueAccessToken } from '../../api/auth/access-tokens';
import { verifyPassword } from '../../api/auth/passwords';
import { generateRefreshToken, refreshTokenHash } from '../../api/auth/refresh-tokens';
import { SignInThrottle } from '../../api/auth/sign-in-throttle';
import type { RequestContext } from '../../api/context';
import { UnauthenticatedError } from '../../api/errors';
import type { Viewer } from '../../api/permissions/viewer';
import { AuthSession, RefreshToken, SessionRevocation } from './entities/sign-in.entities';
import { User } from './entities/user.entity';
import { UserStatus } from './org.enums';
import { OrgError, OrgErrorCode } from './org.errors';
import { loadViewer } from './org.service';

/** Counted as one address when the server could not tell (it always can for HTTP and WebSocket requests). */
const UNKNOWN_ADDRESS = 'unknown';

/** What sign-in and refresh hand out: an access token, the refresh token that replaces it, and who signed in. */
export interface SignedIn {
  accessToken: string;
  expiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: User;
  viewer: Viewer;
}

interface RefreshRow {
  id: string;
  session_id: string;
  user_id: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

/**
 * Password sign-in (throttled), token refresh with rotating refresh tokens, and logout. A sign-in opens a session;
 * its access tokens name it and each refresh token is good once. Presenting a used refresh token again means a copy
 * is in other hands, so the session — every refresh token and access token of it — ends (OAuth 2.0 Security BCP,
 * refresh token rotation).
 */
export class SignInService {
  constructor(private readonly ctx: RequestContext) {}

  private get em(): EntityManager {
    return this.ctx.em;
  }

  /**
   * Every failure — unknown email, wrong password, an account without a password, a throttled attempt — is the
   * same WRONG_CREDENTIALS, so the answer never tells which. Throttling is logged.
   */
  async login(email: string, password: string): Promise<SignedIn> {
    const address = this.ctx.clientAddress ?? UNKNOWN_ADDRESS;
    const normalized = email.trim().toLowerCase();
    const throttle = new SignInThrottle(this.em, this.ctx.config.signIn);
    const attempt = await throttle.attempt(normalized, address);
    if (!attempt.allowed) {
      this.ctx.log.warn(
        { event: attempt.lockStarted ? 'sign-in-locked' : 'sign-in-throttled', email: normalized, address, scope: attempt.scope, retryAfterSeconds: attempt.retryAfterSeconds },
        attempt.lockStarted ? 'sign-in locked after repeated wrong passwords' : 'sign-in refused while locked',
      );
      // The password is still checked, so a locked attempt takes as long as any other.
      await verifyPassword(password, null);
      throw new OrgError(OrgErrorCode.WRONG_CREDENTIALS);
    }
    const user = await this.em.findOne(User, { email: normalized, status: UserStatus.ACTIVE }, { populate: ['passwordHash'] });
    const passwordOk = await verifyPassword(password, user?.passwordHash);
    if (user === null || !passwordOk) {
      this.ctx.log.info({ event: 'sign-in-failed', email: normalized, address }, 'wrong email or password');
      throw new OrgError(OrgErrorCode.WRONG_CREDENTIALS);
    }
    await throttle.succeeded(normalized, address);
    return this.em.transactional(async (em) => {
      // Refuses a partner of a suspended distributor (after the password, so it tells nothing to a guesser).
      const viewer = await loadViewer(em, user.id, { scopes: null, apiKeyId: null });
      if (viewer === null) throw new OrgError(OrgErrorCode.WRONG_CREDENTIALS);
      const session = em.create(AuthSession, { user: em.getReference(User, user.id), clientAddress: address });
      return this.issue(em, session, user, viewer);
    });
  }

  /** Exchanges a refresh token for a new access token and a new refresh token; the old one is spent. */
  async refresh(refreshToken: string): Promise<SignedIn> {
    const hash = refreshTokenHash(refreshToken);
    if (hash === null) throw new OrgError(OrgErrorCode.REFRESH_TOKEN_INVALID);
    const outcome = await this.em.transactional(async (em): Promise<SignedIn | { reusedSession: string } | null> => {
      // Both rows locked: two refreshes with one token run one after the other, and the second finds it used.
      const [row] = await em.execute<RefreshRow[]>(
        `select t.id, t.session_id, s.user_id, t.expires_at, t.used_at, s.revoked_at
           from refresh_token t join auth_session s on s.id = t.session_id
          where t.token_hash = ?
          for update of t, s`,
        [hash],
      );
      if (row === undefined || row.revoked_at !== null) return null;
      if (row.used_at !== null) {
        await this.revokeSessions(em, { id: row.session_id }, SessionRevocation.REFRESH_TOKEN_REUSED);
        return { reusedSession: row.session_id };
      }
      if (new Date(row.expires_at).getTime() <= Date.now()) return null;
      const viewer = await loadViewer(em, row.user_id, { scopes: null, apiKeyId: null, sessionId: row.session_id });
      if (viewer === null) return null;
      await em.nativeUpdate(RefreshToken, { id: row.id }, { usedAt: new Date() });
      const session = await em.findOneOrFail(AuthSession, row.session_id);
      session.refreshedAt = new Date();
      const user = await em.findOneOrFail(User, row.user_id);
      return this.issue(em, session, user, viewer);
    });
    if (outcome === null) throw new OrgError(OrgErrorCode.REFRESH_TOKEN_INVALID);
    if ('reusedSession' in outcome) {
      this.ctx.log.warn({ event: 'refresh-token-reused', sessionId: outcome.reusedSession, address: this.ctx.clientAddress }, 'a used refresh token was presented again: its session is revoked');
      throw new OrgError(OrgErrorCode.REFRESH_TOKEN_INVALID);
    }
    return outcome;
  }

  /**
   * Ends a session: the one of the given refresh token, else the one of the request's access token; with
   * `everywhere`, every session of the signed-in user. Its access tokens stop working at once (the next request's
   * authentication finds the session revoked) and its refresh tokens can no longer be used. Ending an ended session
   * again is harmless.
   */
  async logout(refreshToken: string | undefined, everywhere: boolean): Promise<number> {
    const viewer = this.ctx.viewer;
    if (everywhere) {
      if (viewer === null) throw new UnauthenticatedError();
      if (viewer.apiKeyId !== null) throw new OrgError(OrgErrorCode.NO_SESSION_TO_END);
      return this.revokeSessions(this.em, { user: viewer.userId }, SessionRevocation.LOGOUT_EVERYWHERE);
    }
    if (refreshToken !== undefined) {
      const hash = refreshTokenHash(refreshToken);
      const token = hash === null ? null : await this.em.findOne(RefreshToken, { tokenHash: hash });
      if (token === null) throw new OrgError(OrgErrorCode.REFRESH_TOKEN_INVALID);
      return this.revokeSessions(this.em, { id: token.session.id }, SessionRevocation.LOGOUT);
    }
    if (viewer?.sessionId === null || viewer?.sessionId === undefined) throw new OrgError(OrgErrorCode.NO_SESSION_TO_END);
    return this.revokeSessions(this.em, { id: viewer.sessionId }, SessionRevocation.LOGOUT);
  }

  private async revokeSessions(em: EntityManager, which: { id: string } | { user: string }, reason: SessionRevocation): Promise<number> {
    return em.nativeUpdate(AuthSession, { ...which, revokedAt: null }, { revokedAt: new Date(), revokedReason: reason });
  }

  /** A new refresh token of `session` and an access token naming it, written in the caller's transaction. */
  private async issue(em: EntityManager, session: AuthSession, user: User, viewer: Viewer): Promise<SignedIn> {
    const config = this.ctx.config;
    const refresh = generateRefreshToken();
    const refreshTokenExpiresAt = new Date(Date.now() + config.signIn.refreshTokenTtlSeconds * 1000);
    em.create(RefreshToken, { session, tokenHash: refresh.hash, expiresAt: refreshTokenExpiresAt });
    await em.flush();
    const access = await issueAccessToken(user.id, config.jwtSecret, config.accessTokenTtlSeconds, session.id);
    return {
      accessToken: access.token,
      expiresAt: access.expiresAt,
      refreshToken: refresh.token,
      refreshTokenExpiresAt,
      user,
      viewer: { ...viewer, sessionId: session.id },
    };
  }
}
