import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { SignInSettings } from '../config';
import { isConnectionLost } from '../database/database-unavailable';
import { ServiceUnavailableError } from '../errors';

/** The table the counters live in (migrations create it; the library never does). */
const TABLE = 'sign_in_throttle';
const HOUR = 3600;
const DAY = 24 * HOUR;
/** A lock of an account and address pair doubles with each lock within a day, up to this. */
const MAX_PAIR_LOCK_SECONDS = HOUR;
/** How long an account or an address stays locked once its hourly budget of failures is spent. */
const ACCOUNT_LOCK_SECONDS = 15 * 60;
const ADDRESS_LOCK_SECONDS = HOUR;

/** Which counter refused an attempt: logged, never told to the client. */
export type ThrottleScope = 'account-and-address' | 'account' | 'address';

export type SignInAttempt =
  | { allowed: true }
  | { allowed: false; scope: ThrottleScope; retryAfterSeconds: number; lockStarted: boolean };

interface Limiters {
  /** Wrong passwords in a row for one account from one address; reset by a successful sign-in. */
  pair: RateLimiterPostgres;
  /** How often that pair was locked today: each lock lasts twice as long as the one before. */
  pairLocks: RateLimiterPostgres;
  /** Failures for one account from anywhere (guessing spread over many addresses). */
  account: RateLimiterPostgres;
  /** Failures from one address for any account (trying one password on many accounts). */
  address: RateLimiterPostgres;
}

/** One set of limiters per connection pool and settings: they hold no state of their own but the pool. */
const limitersByPool = new WeakMap<object, Map<SignInSettings, Limiters>>();

function limitersFor(em: EntityManager, settings: SignInSettings): Limiters {
  const knex = em.getConnection().getKnex();
  const byPool = limitersByPool.get(knex) ?? new Map<SignInSettings, Limiters>();
  limitersByPool.set(knex, byPool);
  const known = byPool.get(settings);
  if (known !== undefined) return known;
  const store = (keyPrefix: string, points: number, duration: number, blockDuration = 0, clearExpired = false) =>
    new RateLimiterPostgres({
      storeClient: knex,
      storeType: 'knex',
      tableName: TABLE,
      tableCreated: true,
      keyPrefix,
      points,
      duration,
      blockDuration,
      // One limiter is enough to sweep the shared table of rows expired an hour ago.
      clearExpiredByTimeout: clearExpired,
    });
  const limiters: Limiters = {
    pair: store('pair', settings.maxFailuresPerAccountAndAddress, HOUR, 0, true),
    pairLocks: store('pair-locks', 1_000_000, DAY),
    account: store('account', settings.maxFailuresPerAccount, HOUR, ACCOUNT_LOCK_SECONDS),
    address: store('address', settings.maxFailuresPerAddress, HOUR, ADDRESS_LOCK_SECONDS),
  };
  byPool.set(settings, limiters);
  return limiters;
}

/** Emails are counted by a hash: the table holds no addresses of people, and any length fits its key column. */
function accountKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
}

function refusal(outcome: PromiseSettledResult<RateLimiterRes>): RateLimiterRes | null {
  if (outcome.status === 'fulfilled') return null;
  // The library rejects with its result when the points are spent, and with an Error when the store fails: a store
  // it cannot reach is the database's outage (its socket errors come straight from pg, not through the ORM).
  if (outcome.reason instanceof RateLimiterRes) return outcome.reason;
  if (isConnectionLost(outcome.reason)) throw new ServiceUnavailableError(outcome.reason);
  throw outcome.reason;
}

/**
 * Throttles password sign-in, counted in PostgreSQL so every API process shares the counts (rate-limiter-flexible's
 * PostgreSQL store). Every attempt takes a point from three counters *before* the password is checked — an atomic
 * upsert each — so attempts running at once (the operations of one HTTP batch, aliases of one document) are counted
 * one by one and none slips through while another is still being checked; a successful sign-in gives its points
 * back. Unknown emails are counted like known ones, so a lock tells nothing about whether an account exists.
 */
export class SignInThrottle {
  private readonly limiters: Limiters;

  constructor(em: EntityManager, private readonly settings: SignInSettings) {
    this.limiters = limitersFor(em, settings);
  }

  /** Counts an attempt; refused when the pair, the account or the address is locked. */
  async attempt(email: string, address: string): Promise<SignInAttempt> {
    const account = accountKey(email);
    const pairKey = `${account}@${address}`;
    const [pair, accountOutcome, addressOutcome] = await Promise.allSettled([
      this.limiters.pair.consume(pairKey),
      this.limiters.account.consume(account),
      this.limiters.address.consume(address),
    ]);
    const pairRefusal = refusal(pair);
    if (pairRefusal !== null) {
      // Exactly one attempt crosses the threshold (the count is one atomic upsert): it starts the lock, each lock of
      // the same pair within a day twice as long as the one before.
      if (pairRefusal.consumedPoints === this.settings.maxFailuresPerAccountAndAddress + 1) {
        const locks = await this.limiters.pairLocks.penalty(pairKey);
        const seconds = Math.min(this.settings.lockSeconds * 2 ** (locks.consumedPoints - 1), Math.max(MAX_PAIR_LOCK_SECONDS, this.settings.lockSeconds));
        await this.limiters.pair.block(pairKey, seconds);
        return { allowed: false, scope: 'account-and-address', retryAfterSeconds: seconds, lockStarted: true };
      }
      return { allowed: false, scope: 'account-and-address', retryAfterSeconds: Math.ceil(pairRefusal.msBeforeNext / 1000), lockStarted: false };
    }
    const accountRefusal = refusal(accountOutcome);
    if (accountRefusal !== null) {
      return { allowed: false, scope: 'account', retryAfterSeconds: Math.ceil(accountRefusal.msBeforeNext / 1000), lockStarted: accountRefusal.consumedPoints === this.settings.maxFailuresPerAccount + 1 };
    }
    const addressRefusal = refusal(addressOutcome);
    if (addressRefusal !== null) {
      return { allowed: false, scope: 'address', retryAfterSeconds: Math.ceil(addressRefusal.msBeforeNext / 1000), lockStarted: addressRefusal.consumedPoints === this.settings.maxFailuresPerAddress + 1 };
    }
    return { allowed: true };
  }

  /** The right password: the pair starts afresh, and the attempt no longer counts against the account or address. */
  async succeeded(email: string, address: string): Promise<void> {
    const account = accountKey(email);
    const pairKey = `${account}@${address}`;
    await Promise.all([
      this.limiters.pair.delete(pairKey),
      this.limiters.pairLocks.delete(pairKey),
      this.limiters.account.reward(account),
      this.limiters.address.reward(address),
    ]);
  }
}
