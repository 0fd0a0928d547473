import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { User } from '../../org/entities/user.entity';
import { targetChildValueReaders, targetReaders } from '../targets.policy';
import { SalesTarget } from './sales-target.entity';
import { TargetAdjustment } from './target-adjustment.entity';

/** One value a target has had: who set it, when, why, and through which adjustment when it was locked. Never changed. */
@ObjectType({ description: 'One version of a target’s value: who set it, when, why and through which adjustment.' })
@ReadableBy(targetReaders)
@Entity({ tableName: 'sales_target_version' })
@Unique({ name: 'sales_target_version_unique', properties: ['target', 'version'] })
export class SalesTargetVersion {
  [OptionalProps]?: 'setAt' | 'reason' | 'adjustment';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => SalesTarget, deleteRule: 'cascade', index: false })
  target!: SalesTarget;

  @Field(() => Int, { description: 'The target’s version this value was (1: as created).' })
  @Property({ type: 'integer' })
  version!: number;

  @Field(() => DecimalScalar, { nullable: true })
  @ReadableBy(targetChildValueReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  value!: string;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  setBy!: User;

  @Field(() => Date)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  setAt: Date = new Date();

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @ManyToOne({ entity: () => TargetAdjustment, nullable: true, deleteRule: 'restrict' })
  adjustment: TargetAdjustment | null = null;
}
