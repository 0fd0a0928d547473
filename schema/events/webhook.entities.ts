import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { VersionedRecord } from '../../api/database/versioned-record';
import { rowReaders } from '../../api/permissions/access-rule';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { User } from '../org/entities/user.entity';

export enum WebhookStatus {
  ACTIVE = 'ACTIVE',
  FAILING = 'FAILING',
  PAUSED = 'PAUSED',
}
registerEnumType(WebhookStatus, {
  name: 'WebhookStatus',
  valuesConfig: {
    ACTIVE: { description: 'Deliveries succeed (or have not failed for good).' },
    FAILING: { description: 'A delivery used up its retries; new events are still queued and tried.' },
    PAUSED: {
      description:
        'Paused with pauseWebhook: events that occur while paused are skipped (never queued); deliveries queued before the pause wait and go out after resumeWebhook.',
    },
  },
});

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERING = 'DELIVERING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, { name: 'WebhookDeliveryStatus' });

/** An integrator's endpoint: deal events it may see are POSTed to `url`, signed with `secret`. */
@ObjectType({ description: 'A registered webhook endpoint.' })
@ReadableBy(rowReaders)
@Entity({ tableName: 'webhook_endpoint' })
export class WebhookEndpoint extends VersionedRecord<
  | 'eventTypes'
  | 'status'
  | 'consecutiveFailures'
  | 'startsAfterTransactionId'
  | 'previousSecret'
  | 'previousSecretExpiresAt'
  | 'pausedAt'
  | 'pausedAfterTransactionId'
  | 'lastPauseAfterTransactionId'
  | 'lastResumeTransactionId'
> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Whose permissions decide what the endpoint receives. */
  @ManyToOne({ entity: () => User, deleteRule: 'cascade', index: true })
  owner!: User;

  @Field()
  @Property({ type: 'text' })
  url!: string;

  @Field(() => [String], { description: 'Event types to deliver; empty: all.' })
  @Property({ type: 'text[]', default: '{}' })
  eventTypes: string[] = [];

  /** HMAC key for the signature; shown once, when the endpoint is created or its secret rotated. */
  @Property({ type: 'text', lazy: true, hidden: true })
  secret!: string;

  /** The secret before the last rotation: it signs too (after the new one) until `previousSecretExpiresAt`. */
  @Property({ type: 'text', lazy: true, hidden: true, nullable: true })
  previousSecret: string | null = null;

  @Field(() => Date, { nullable: true, description: 'Until when the secret replaced by the last rotateWebhookSecret still signs beside the new one; null when only one secret signs.' })
  @Property({ type: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null = null;

  @Field(() => WebhookStatus)
  @Enum({ items: () => WebhookStatus, nativeEnumName: 'webhook_status', default: WebhookStatus.ACTIVE })
  status: WebhookStatus = WebhookStatus.ACTIVE;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  consecutiveFailures: number = 0;

  /**
   * The endpoint receives the events of transactions younger than the one that created it (the database sets it to
   * that transaction's id): its start in the stream, which the fan-out cannot have passed before it was committed.
   */
  @Property({ columnType: 'xid8', defaultRaw: 'pg_current_xact_id()', hidden: true })
  startsAfterTransactionId!: string;

  @Field(() => Date, { nullable: true, description: 'When pauseWebhook paused it; null while it is not paused.' })
  @Property({ type: 'timestamptz', nullable: true })
  pausedAt: Date | null = null;

  /**
   * A pause is a point in the stream, like the endpoint's start: the events of transactions younger than the pausing
   * one are skipped. The fan-out cannot pass that point before the pause is committed, so it never queues an event
   * of the pause, however late it runs.
   */
  @Property({ columnType: 'xid8', nullable: true, hidden: true })
  pausedAfterTransactionId: string | null = null;

  /** The last pause that ended, from the pausing to the resuming transaction: a late fan-out still skips its events. */
  @Property({ columnType: 'xid8', nullable: true, hidden: true })
  lastPauseAfterTransactionId: string | null = null;

  @Property({ columnType: 'xid8', nullable: true, hidden: true })
  lastResumeTransactionId: string | null = null;

  /** The secrets that sign a delivery sent at `now`: the current one, then the previous one during its grace period. */
  signingSecrets(now: Date = new Date()): string[] {
    const previous = this.previousSecret !== null && this.previousSecretExpiresAt !== null && this.previousSecretExpiresAt > now ? [this.previousSecret] : [];
    return [this.secret, ...previous];
  }

  /** Whether the fan-out skips the events of transaction `transactionId`: it lies in the current or the last pause. */
  skips(transactionId: string): boolean {
    const xid = BigInt(transactionId);
    if (this.pausedAfterTransactionId !== null && xid > BigInt(this.pausedAfterTransactionId)) return true;
    return (
      this.lastPauseAfterTransactionId !== null &&
      this.lastResumeTransactionId !== null &&
      xid > BigInt(this.lastPauseAfterTransactionId) &&
      xid < BigInt(this.lastResumeTransactionId)
    );
  }
}

/** One event to deliver to one endpoint, with its retry state. */
@ObjectType({ description: 'The delivery of one event to one webhook endpoint.' })
@ReadableBy(rowReaders)
@Entity({ tableName: 'webhook_delivery' })
@Index({ name: 'webhook_delivery_due_idx', properties: ['status', 'nextAttemptAt'] })
@Index({ name: 'webhook_delivery_endpoint_idx', properties: ['endpoint', 'createdAt'] })
export class WebhookDelivery {
  [OptionalProps]?: 'status' | 'attempts' | 'nextAttemptAt' | 'lockedUntil' | 'lastStatusCode' | 'lastError' | 'deliveredAt' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => WebhookEndpoint, deleteRule: 'cascade' })
  endpoint!: WebhookEndpoint;

  @Field(() => ID, { description: 'The event id, the same on every attempt and redelivery.' })
  @Property({ type: 'uuid' })
  eventId!: string;

  @Field(() => WebhookDeliveryStatus)
  @Enum({ items: () => WebhookDeliveryStatus, nativeEnumName: 'webhook_delivery_status', default: WebhookDeliveryStatus.PENDING })
  status: WebhookDeliveryStatus = WebhookDeliveryStatus.PENDING;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Field(() => Date)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  nextAttemptAt: Date = new Date();

  /** While a process delivers it; after a crash the lease runs out and another process takes it over. */
  @Property({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null = null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  lastStatusCode: number | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

/** One HTTP attempt of a delivery: the delivery log. */
@ObjectType({ description: 'One attempt to deliver a webhook.' })
@ReadableBy(rowReaders)
@Entity({ tableName: 'webhook_attempt' })
@Index({ name: 'webhook_attempt_delivery_idx', properties: ['delivery', 'attemptedAt'] })
export class WebhookAttempt {
  [OptionalProps]?: 'attemptedAt' | 'statusCode' | 'error';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => WebhookDelivery, deleteRule: 'cascade' })
  delivery!: WebhookDelivery;

  @Field(() => Date)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  attemptedAt: Date = new Date();

  @Field(() => Int, { nullable: true, description: 'The receiver’s HTTP status; null when there was no response.' })
  @Property({ type: 'integer', nullable: true })
  statusCode: number | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Field(() => Int)
  @Property({ type: 'integer' })
  latencyMs!: number;
}

/**
 * How far the event stream has been fanned out into webhook deliveries: one row, its cursor in stream order
 * (transaction, position). A process claims the next range with a lease (`claimedBy` until `claimedUntil`), checks
 * permissions outside any transaction, then writes the deliveries and moves the cursor in one short transaction.
 */
@Entity({ tableName: 'webhook_fanout' })
export class WebhookFanout {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id!: number;

  @Property({ columnType: 'xid8', default: '0' })
  lastTransactionId!: string;

  @Property({ type: 'bigint' })
  lastPosition!: string;

  @Property({ type: 'uuid', nullable: true })
  claimedBy: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  claimedUntil: Date | null = null;
}
