import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { User } from './user.entity';

/** Why a sign-in session ended before its refresh tokens ran out. */
export enum SessionRevocation {
  LOGOUT = 'LOGOUT',
  LOGOUT_EVERYWHERE = 'LOGOUT_EVERYWHERE',
  /** A refresh token was presented a second time: a copy is in someone else's hands, so the whole family ends. */
  REFRESH_TOKEN_REUSED = 'REFRESH_TOKEN_REUSED',
}

/**
 * One sign-in (a device or client), and the family of refresh tokens that descends from it. Access tokens name
 * their session (`sid`), so revoking it ends them too: authentication checks it in the same statement that loads
 * the viewer. Not a GraphQL type.
 */
@Entity({ tableName: 'auth_session' })
export class AuthSession {
  [OptionalProps]?: 'createdAt' | 'refreshedAt' | 'revokedAt' | 'revokedReason' | 'clientAddress';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => User, deleteRule: 'cascade', index: true })
  user!: User;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /** When its last refresh token was issued. */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  refreshedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  revokedReason: SessionRevocation | null = null;

  /** The address that signed in, for the audit of a session that is later found stolen. */
  @Property({ type: 'text', nullable: true })
  clientAddress: string | null = null;
}

/**
 * A refresh token of a session, stored only as its SHA-256. Each is good for one refresh, which issues its
 * successor; presenting a used one again revokes the session (rotation with reuse detection).
 */
@Entity({ tableName: 'refresh_token' })
@Index({ name: 'refresh_token_session_id_index', properties: ['session'] })
export class RefreshToken {
  [OptionalProps]?: 'createdAt' | 'usedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => AuthSession, deleteRule: 'cascade', index: false })
  session!: AuthSession;

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Set when it was exchanged for its successor. */
  @Property({ type: 'timestamptz', nullable: true })
  usedAt: Date | null = null;
}

/**
 * A sign-in throttling counter, in the shape rate-limiter-flexible's PostgreSQL store reads and writes: the key
 * (limiter prefix and what is counted), the points used, and when they expire (epoch milliseconds).
 */
@Entity({ tableName: 'sign_in_throttle' })
export class SignInThrottleCounter {
  [OptionalProps]?: 'points' | 'expire';

  @PrimaryKey({ type: 'string', length: 255 })
  key!: string;

  @Property({ type: 'integer', default: 0 })
  points: number = 0;

  @Property({ type: 'bigint', nullable: true })
  expire: string | null = null;
}
