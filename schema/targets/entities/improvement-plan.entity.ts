import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { LocalDateResolver } from 'graphql-scalars';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { User } from '../../org/entities/user.entity';
import { ImprovementOutcome, ImprovementPlanStatus } from '../appraisals.enums';
import { appraisalReaders } from '../appraisals.policy';
import { PeriodKind } from '../targets.enums';

/**
 * An improvement plan (改进计划, 003: 对连续未达标成员启动辅导计划) for a person who missed target several periods in
 * a row: opened by their manager with actions, tracked until it is closed with an outcome. One open plan per person.
 */
@ObjectType({ description: 'An improvement plan for a person who repeatedly missed target, with its actions.' })
@ReadableBy(appraisalReaders)
@Entity({ tableName: 'improvement_plan' })
@Index({ name: 'improvement_plan_one_open', expression: `create unique index "improvement_plan_one_open" on "improvement_plan" ("user_id") where status = 'OPEN'` })
@Index({ name: 'improvement_plan_user_idx', properties: ['user', 'openedOn'] })
export class ImprovementPlan extends VersionedRecord<'status' | 'outcome' | 'closingComment' | 'closedBy' | 'closedAt' | 'missedPeriodKind' | 'missedUntil'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  user!: User;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  openedBy!: User;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  openedOn!: string;

  @Field(() => PeriodKind, { nullable: true, description: 'The kind of the periods that were missed.' })
  @Enum({ items: () => PeriodKind, nativeEnumName: 'period_kind', nullable: true })
  missedPeriodKind: PeriodKind | null = null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The start of the last missed period that flagged the person.' })
  @Property({ type: 'date', nullable: true })
  missedUntil: string | null = null;

  @Field()
  @Property({ type: 'text' })
  reason!: string;

  @Field()
  @Property({ type: 'text' })
  goal!: string;

  @Field(() => ImprovementPlanStatus)
  @Enum({ items: () => ImprovementPlanStatus, nativeEnumName: 'improvement_plan_status', default: ImprovementPlanStatus.OPEN })
  status: ImprovementPlanStatus = ImprovementPlanStatus.OPEN;

  @Field(() => ImprovementOutcome, { nullable: true })
  @Enum({ items: () => ImprovementOutcome, nativeEnumName: 'improvement_outcome', nullable: true })
  outcome: ImprovementOutcome | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  closingComment: string | null = null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'restrict' })
  closedBy: User | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  closedAt: Date | null = null;
}

/** One action of an improvement plan (mentoring, training, a customer to win back …), with a due date and its result. */
@ObjectType({ description: 'An action of an improvement plan.' })
@ReadableBy(appraisalReaders)
@Entity({ tableName: 'improvement_action' })
export class ImprovementAction {
  [OptionalProps]?: 'doneOn' | 'result' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => ImprovementPlan, deleteRule: 'cascade', index: true })
  plan!: ImprovementPlan;

  @Field(() => Int)
  @Property({ type: 'smallint' })
  position!: number;

  @Field()
  @Property({ type: 'text' })
  description!: string;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  dueOn!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'When it was done; null while open.' })
  @Property({ type: 'date', nullable: true })
  doneOn: string | null = null;

  @Field(() => String, { nullable: true, description: 'What came of it.' })
  @Property({ type: 'text', nullable: true })
  result: string | null = null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
