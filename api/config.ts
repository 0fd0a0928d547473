import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type Environment = 'development' | 'test' | 'production';

export interface QueryLimits {
  /** Deepest selection set a query may nest. */
  maxDepth: number;
  /** graphql-armor cost units (objects 2, scalars 1, times list depth factor). */
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Operations in one batched HTTP request. */
  maxBatchSize: number;
}

export interface AppConfig {
  env: Environment;
  port: number;
  host: string;
  /** The Keystone admin UI's port; `adminUi: false` (ADMIN_UI=false) runs the API alone. */
  adminPort: number;
  adminUi: boolean;
  /** Set: use this PostgreSQL. Unset: start the embedded one under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPostgresPort: number;
  jwtSecret: Uint8Array;
  accessTokenTtlSeconds: number;
  signIn: SignInSettings;
  /** Express's `trust proxy` (TRUST_PROXY): whose `X-Forwarded-For` names the client address that sign-in throttling counts. */
  trustProxy: boolean | number | string;
  /** How long deal events are kept for `events(after)`; an older cursor gets CURSOR_EXPIRED. */
  eventRetentionDays: number;
  /** How many days before a contract's end date it is due for renewal: `renewalsDue` and `contract.renewalDue`. */
  renewalWindowDays: number;
  /** The company's time zone (COMPANY_TIME_ZONE, IANA name, default Asia/Shanghai): report periods and deadlines are in it. */
  companyTimeZone: string;
  /** How far a visit's check-in may lie from the customer's location, beyond the device's accuracy, before it is flagged far (CHECK_IN_FAR_METRES). */
  checkInFarMetres: number;
  webhooks: {
    /** Whether this process sends webhooks (WEBHOOK_DELIVERY=false leaves it to the others). */
    deliver: boolean;
    /** How long a claimed delivery belongs to the claiming process; after a crash, another sends it once this ran out. */
    leaseSeconds: number;
    /** Attempts per delivery before it is FAILED and its endpoint FAILING. */
    maxAttempts: number;
    /** First retry delay; each retry doubles it (capped at an hour), with ±50 % jitter. */
    retryBaseMs: number;
    /** How long a receiver may take to answer. */
    timeoutMs: number;
    /** How often each process looks for due deliveries. */
    pollMs: number;
    /**
     * WEBHOOK_ALLOW_PRIVATE_NETWORKS=true: receivers on loopback, private (RFC 1918), unique-local and CGNAT
     * addresses are allowed (local development, tests, an ERP inside the company network). Off by default: an
     * integrator could otherwise reach the internal network through the webhook worker. Link-local, multicast and
     * cloud metadata addresses stay refused either way.
     */
    allowPrivateNetworks: boolean;
  };
  /**
   * Origins allowed to call the API from a browser (CORS_ORIGINS): a list, `true` for any. Unset: any origin in
   * development and test, none in production.
   */
  corsOrigins: string[] | boolean;
  notifications: NotificationSettings;
  logLevel: string;
  limits: QueryLimits;
  exports: {
    /** The most rows one export may hold (EXPORT_MAX_ROWS); a larger one is refused before it starts. */
    maxRows: number;
  };
}

/** The notification rules and their e-mail (README "Notifications"). */
export interface NotificationSettings {
  /** A lead assigned to someone and not worked (no change) for this many days is LEAD_UNWORKED (LEAD_UNWORKED_DAYS). */
  leadUnworkedDays: number;
  /** SMTP_URL (`smtp://user:pass@host:587`, `smtps://…`): where e-mail goes. Unset: e-mails are written to the log. */
  smtpUrl: string | undefined;
  /** MAIL_FROM: the sender of notification e-mails. */
  mailFrom: string;
  /** Whether this process sends queued e-mails (MAIL_DELIVERY=false leaves it to the others). */
  deliverMail: boolean;
  /** How often the mail worker looks for e-mails to send (MAIL_POLL_MS). */
  mailPollMs: number;
  /** Attempts per e-mail before it is given up (MAIL_MAX_ATTEMPTS); each retry waits twice as long, from a minute. */
  mailMaxAttempts: number;
}

/** Sign-in sessions and throttling (README "Sign-in, sessions and throttling"). */
export interface SignInSettings {
  /** How long a refresh token may be used; each refresh issues a new one for as long again. */
  refreshTokenTtlSeconds: number;
  /** Wrong passwords in a row for one account from one address before that pair is locked. */
  maxFailuresPerAccountAndAddress: number;
  /** Wrong passwords for one account within an hour, from any address, before the account is locked. */
  maxFailuresPerAccount: number;
  /** Wrong passwords from one address within an hour, for any account, before the address is locked. */
  maxFailuresPerAddress: number;
  /** The first lock of an account and address pair; each further lock within a day doubles it, up to an hour. */
  lockSeconds: number;
  /** How often open WebSocket sessions are checked against revoked sessions and suspended distributors. */
  sessionCheckSeconds: number;
}

const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxCost: 5000,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2000,
  maxBatchSize: 10,
};

function parseEnvironment(value: string | undefined): Environment {
  if (value === undefined || value === '' || value === 'development') return 'development';
  if (value === 'test' || value === 'production') return value;
  throw new Error(`NODE_ENV must be development, test or production, not "${value}"`);
}

function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative integer, not "${value}"`);
  return parsed;
}

function positive(value: string | undefined, fallback: number, name: string): number {
  const parsed = integer(value, fallback, name);
  if (parsed === 0) throw new Error(`${name} must be at least 1`);
  return parsed;
}

/** TRUST_PROXY: unset or `false` (clients connect directly), `true`, a hop count, or addresses/subnets as express takes them. */
function trustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/**
 * A development machine gets a random signing secret kept under .data/ so tokens survive a restart;
 * production must be given one, because a per-process secret breaks tokens across processes.
 */
function jwtSecret(env: Environment, dataDir: string, value: string | undefined): Uint8Array {
  if (value !== undefined && value !== '') {
    if (value.length < 32) throw new Error('JWT_SECRET must be at least 32 characters long');
    return new TextEncoder().encode(value);
  }
  if (env === 'production') throw new Error('JWT_SECRET is required when NODE_ENV=production');
  if (env === 'test') return randomBytes(32);
  const file = path.join(dataDir, 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}

/**
 * CORS_ORIGINS: comma-separated origins (`https://app.example.com`), or `*` for any. Unset in production, no
 * cross-origin browser call is allowed, so a forgotten setting fails closed.
 */
function corsOrigins(env: Environment, value: string | undefined): string[] | boolean {
  if (value === undefined || value.trim() === '') return env !== 'production';
  if (value.trim() === '*') return true;
  return value.split(',').map((entry) => {
    const origin = entry.trim();
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || parsed.origin !== origin) {
      throw new Error(`CORS_ORIGINS must list origins such as https://app.example.com (scheme, host, optional port), not "${origin}"`);
    }
    return origin;
  });
}

/** A yes/no setting: `true` or `false`; unset takes `fallback`, so a typo fails the start instead of meaning no. */
function flag(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new Error(`${name} must be true or false, not "${value}"`);
}

/** The renewal window: 0 to 365 days (the most `renewalsDue(withinDays)` accepts). */
function renewalWindowDays(value: string | undefined): number {
  const days = integer(value, 90, 'RENEWAL_WINDOW_DAYS');
  if (days > 365) throw new Error(`RENEWAL_WINDOW_DAYS must be at most 365, not "${value}"`);
  return days;
}

/** COMPANY_TIME_ZONE: an IANA zone name that this Node knows (PostgreSQL knows the same names). */
function companyTimeZone(value: string | undefined): string {
  const zone = value === undefined || value === '' ? 'Asia/Shanghai' : value;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new Error(`COMPANY_TIME_ZONE must be an IANA time zone such as Asia/Shanghai, not "${zone}"`);
  }
  return zone;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const env = parseEnvironment(source.NODE_ENV);
  const dataDir = path.resolve(source.SALESGRAPH_DATA_DIR ?? '.data');
  return {
    env,
    port: integer(source.PORT, 4000, 'PORT'),
    host: source.HOST ?? '0.0.0.0',
    adminPort: integer(source.ADMIN_PORT, 3000, 'ADMIN_PORT'),
    adminUi: source.ADMIN_UI !== 'false',
    databaseUrl: source.DATABASE_URL || undefined,
    dataDir,
    embeddedPostgresPort: integer(source.EMBEDDED_POSTGRES_PORT, 54329, 'EMBEDDED_POSTGRES_PORT'),
    jwtSecret: jwtSecret(env, dataDir, source.JWT_SECRET),
    accessTokenTtlSeconds: integer(source.ACCESS_TOKEN_TTL_SECONDS, 3600, 'ACCESS_TOKEN_TTL_SECONDS'),
    signIn: {
      refreshTokenTtlSeconds: integer(source.REFRESH_TOKEN_TTL_SECONDS, 30 * 24 * 3600, 'REFRESH_TOKEN_TTL_SECONDS'),
      maxFailuresPerAccountAndAddress: positive(source.LOGIN_MAX_FAILURES, 5, 'LOGIN_MAX_FAILURES'),
      maxFailuresPerAccount: positive(source.LOGIN_MAX_FAILURES_PER_ACCOUNT, 20, 'LOGIN_MAX_FAILURES_PER_ACCOUNT'),
      maxFailuresPerAddress: positive(source.LOGIN_MAX_FAILURES_PER_ADDRESS, 50, 'LOGIN_MAX_FAILURES_PER_ADDRESS'),
      lockSeconds: positive(source.LOGIN_LOCK_SECONDS, 60, 'LOGIN_LOCK_SECONDS'),
      sessionCheckSeconds: positive(source.SESSION_CHECK_SECONDS, 10, 'SESSION_CHECK_SECONDS'),
    },
    trustProxy: trustProxy(source.TRUST_PROXY),
    eventRetentionDays: integer(source.EVENT_RETENTION_DAYS, 30, 'EVENT_RETENTION_DAYS'),
    renewalWindowDays: renewalWindowDays(source.RENEWAL_WINDOW_DAYS),
    companyTimeZone: companyTimeZone(source.COMPANY_TIME_ZONE),
    checkInFarMetres: integer(source.CHECK_IN_FAR_METRES, 500, 'CHECK_IN_FAR_METRES'),
    webhooks: {
      deliver: source.WEBHOOK_DELIVERY !== 'false',
      leaseSeconds: integer(source.WEBHOOK_LEASE_SECONDS, 60, 'WEBHOOK_LEASE_SECONDS'),
      maxAttempts: integer(source.WEBHOOK_MAX_ATTEMPTS, 8, 'WEBHOOK_MAX_ATTEMPTS'),
      retryBaseMs: integer(source.WEBHOOK_RETRY_BASE_MS, 5000, 'WEBHOOK_RETRY_BASE_MS'),
      timeoutMs: integer(source.WEBHOOK_TIMEOUT_MS, 10000, 'WEBHOOK_TIMEOUT_MS'),
      pollMs: integer(source.WEBHOOK_POLL_MS, 1000, 'WEBHOOK_POLL_MS'),
      allowPrivateNetworks: flag(source.WEBHOOK_ALLOW_PRIVATE_NETWORKS, false, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS'),
    },
    corsOrigins: corsOrigins(env, source.CORS_ORIGINS),
    notifications: {
      leadUnworkedDays: positive(source.LEAD_UNWORKED_DAYS, 3, 'LEAD_UNWORKED_DAYS'),
      smtpUrl: source.SMTP_URL || undefined,
      mailFrom: source.MAIL_FROM || 'SalesGraph <no-reply@salesgraph.local>',
      deliverMail: flag(source.MAIL_DELIVERY, true, 'MAIL_DELIVERY'),
      mailPollMs: positive(source.MAIL_POLL_MS, 5000, 'MAIL_POLL_MS'),
      mailMaxAttempts: positive(source.MAIL_MAX_ATTEMPTS, 8, 'MAIL_MAX_ATTEMPTS'),
    },
    logLevel: source.LOG_LEVEL ?? (env === 'test' ? 'silent' : 'info'),
    limits: {
      maxDepth: integer(source.GRAPHQL_MAX_DEPTH, DEFAULT_LIMITS.maxDepth, 'GRAPHQL_MAX_DEPTH'),
      maxCost: integer(source.GRAPHQL_MAX_COST, DEFAULT_LIMITS.maxCost, 'GRAPHQL_MAX_COST'),
      maxAliases: integer(source.GRAPHQL_MAX_ALIASES, DEFAULT_LIMITS.maxAliases, 'GRAPHQL_MAX_ALIASES'),
      maxDirectives: DEFAULT_LIMITS.maxDirectives,
      maxTokens: integer(source.GRAPHQL_MAX_TOKENS, DEFAULT_LIMITS.maxTokens, 'GRAPHQL_MAX_TOKENS'),
      maxBatchSize: integer(source.GRAPHQL_MAX_BATCH, DEFAULT_LIMITS.maxBatchSize, 'GRAPHQL_MAX_BATCH'),
    },
    exports: { maxRows: positive(source.EXPORT_MAX_ROWS, 100_000, 'EXPORT_MAX_ROWS') },
  };
}
