import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { User } from '../../org/entities/user.entity';
import { TargetAdjustmentStatus } from '../targets.enums';
import { targetChildValueReaders, targetReaders } from '../targets.policy';
import { SalesTarget } from './sales-target.entity';

/**
 * A request to change a locked target (调整申请): its period has started, so the value changes only when the next level
 * up approves. The request keeps the value it would replace, so the record reads the same after later changes.
 */
@ObjectType({ description: 'A request to change a target whose period has started, and its decision.' })
@ReadableBy(targetReaders)
@Entity({ tableName: 'target_adjustment' })
@Check({ name: 'target_adjustment_value_check', expression: 'new_value >= 0' })
@Index({
  name: 'target_adjustment_pending_unique',
  expression: `create unique index "target_adjustment_pending_unique" on "target_adjustment" ("target_id") where status = 'PENDING'`,
})
@Index({ name: 'target_adjustment_target_idx', properties: ['target', 'createdAt'] })
@Index({ name: 'target_adjustment_approver_status_idx', properties: ['approver', 'status'] })
export class TargetAdjustment extends VersionedRecord<'approver' | 'status' | 'decidedBy' | 'decidedAt' | 'comment'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => SalesTarget, deleteRule: 'cascade', index: false })
  target!: SalesTarget;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  requestedBy!: User;

  /** The head of the next level up when the request was made: whom it waits for (others above may decide too). */
  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'set null', index: false })
  approver: User | null = null;

  @Field(() => DecimalScalar, { nullable: true, description: 'The value when the change was requested.' })
  @ReadableBy(targetChildValueReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  previousValue!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'The value asked for.' })
  @ReadableBy(targetChildValueReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  newValue!: string;

  @Field({ description: 'Why the change is asked for.' })
  @Property({ type: 'text' })
  reason!: string;

  @Field(() => TargetAdjustmentStatus)
  @Enum({ items: () => TargetAdjustmentStatus, nativeEnumName: 'target_adjustment_status', default: TargetAdjustmentStatus.PENDING })
  status: TargetAdjustmentStatus = TargetAdjustmentStatus.PENDING;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'restrict' })
  decidedBy: User | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'The decider’s comment; required when refusing.' })
  @Property({ type: 'text', nullable: true })
  comment: string | null = null;
}
