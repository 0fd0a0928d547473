import { Entity, Index, OptionalProps, PrimaryKey, Property, type EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import { AppError, ErrorCode, UserInputError } from '../errors';
import { msg } from '../i18n';

/**
 * A write made with an idempotency key: who made it, with which key, for which operation and payload, and the
 * record it made. The key is the caller's (per user, like Stripe's per account); the record commits in the same
 * transaction as the write, so there is never one without the other.
 */
@Entity({ tableName: 'idempotency_record' })
@Index({ name: 'idempotency_record_created_at_index', properties: ['createdAt'] })
export class IdempotencyRecord {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @PrimaryKey({ type: 'text' })
  key!: string;

  /** The mutation, e.g. `placeOrder`: a key sent to another operation is a reuse too. */
  @Property({ type: 'text' })
  operation!: string;

  /** SHA-256 of the canonical JSON of the input (the key itself left out). */
  @Property({ type: 'text' })
  requestHash!: string;

  /** The id of the record the first request made. */
  @Property({ type: 'uuid' })
  resultId!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

/** Longest key accepted: UUIDs and the usual client-made keys fit easily. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 200;

/** A key reused with another payload or for another operation: refused like Stripe does, never answered with the first result. */
export class IdempotencyKeyReusedError extends AppError {
  constructor(field: string) {
    super(
      ErrorCode.CONFLICT,
      'This idempotency key was already used with a different request. Send a new key for a new request, or the same request to get its result.',
      { reason: 'IDEMPOTENCY_KEY_REUSED', field },
    );
  }
}

/** The key as given, trimmed; null when none was given. Blank or overlong keys are bad input at `path`. */
export function idempotencyKeyOf(value: string | null | undefined, path: string): string | null {
  if (value === undefined || value === null) return null;
  const key = value.trim();
  if (key === '') throw UserInputError.field(path, 'must not be blank');
  if (key.length > IDEMPOTENCY_KEY_MAX_LENGTH) throw UserInputError.field(path, msg('must be at most {{max}} characters', { max: IDEMPOTENCY_KEY_MAX_LENGTH }));
  return key;
}

/**
 * JSON with object keys sorted and absent values (undefined, null) left out, so the same request hashes the same
 * whatever the order of its fields or whether an optional field was sent as null or not at all.
 */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined && field !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([name, field]) => [name, canonical(field)]));
  }
  return value;
}

/** The fingerprint of a request: the operation and its input, without the key itself. */
export function requestHash(operation: string, input: object, keyField: string): string {
  const { [keyField]: _key, ...rest } = input as Record<string, unknown>;
  return createHash('sha256').update(JSON.stringify([operation, canonical(rest)])).digest('hex');
}

/** The advisory lock a key is held under while its request runs (hashed to a bigint by `hashtextextended`). */
export function idempotencyLockName(userId: string, key: string): string {
  return `idempotency:${userId}:${key}`;
}

export interface IdempotentWrite<Row> {
  /** The mutation's name, e.g. `recordPayment`. */
  operation: string;
  /** Whose key it is: keys are per user. */
  userId: string;
  /** The key (see idempotencyKeyOf); null runs `write` without any of this. */
  key: string | null;
  /** The input as the client sent it; `keyField` names the key in it, left out of the fingerprint. */
  input: object;
  keyField: string;
  /** Where the key sits in the arguments, for the error's `field`, e.g. `input.idempotencyKey`. */
  path: string;
  /** Makes the record, inside the transaction the key is held in; returns it with its id. */
  write(em: EntityManager): Promise<Row & { id: string }>;
  /** Reads the record a first request made, for a repeat: as the caller may see it now. */
  replay(em: EntityManager, id: string): Promise<Row>;
}

/**
 * Runs an integrator-facing create at most once per key, as Stripe does: the same key with the same payload returns
 * the first request's record; the same key with another payload (or for another operation) is a CONFLICT with
 * `reason: IDEMPOTENCY_KEY_REUSED`. Race-safe: the transaction first takes a transaction-scoped advisory lock on
 * (user, key), so concurrent requests with one key run one after the other; each later one finds the record the
 * first committed. The record is written in the same transaction as the write, so a failed write leaves the key
 * unused and a retry runs again. Take this lock before any other lock of the write, so the order is always the same.
 */
export async function idempotent<Row>(em: EntityManager, request: IdempotentWrite<Row>): Promise<Row> {
  if (request.key === null) return em.transactional((tx) => request.write(tx));
  const key = request.key;
  const hash = requestHash(request.operation, request.input, request.keyField);
  const outcome = await em.transactional(async (tx): Promise<{ replayOf: string } | { row: Row }> => {
    await tx.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [idempotencyLockName(request.userId, key)]);
    const [first] = await tx.execute<{ operation: string; request_hash: string; result_id: string }[]>(
      `select operation, request_hash, result_id from idempotency_record where user_id = ? and key = ?`,
      [request.userId, key],
    );
    if (first !== undefined) {
      if (first.operation !== request.operation || first.request_hash !== hash) throw new IdempotencyKeyReusedError(request.path);
      return { replayOf: first.result_id };
    }
    const row = await request.write(tx);
    tx.create(IdempotencyRecord, { userId: request.userId, key, operation: request.operation, requestHash: hash, resultId: row.id });
    await tx.flush();
    return { row };
  });
  if ('row' in outcome) return outcome.row;
  return request.replay(em, outcome.replayOf);
}
