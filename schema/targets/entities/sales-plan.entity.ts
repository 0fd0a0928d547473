import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { LocalDateResolver } from 'graphql-scalars';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { Customer } from '../../customers/entities/customer.entity';
import { User } from '../../org/entities/user.entity';
import { Opportunity } from '../../pipeline/entities/opportunity.entity';
import { PeriodKind } from '../targets.enums';
import { planReaders } from '../plans.policy';

/**
 * A person's sales plan (个人销售计划) for a period, against their targets: the customers they will work on, the deals
 * they expect to close, dated actions, and their managers' comments (M4, M6).
 */
@ObjectType({ description: 'A person’s sales plan for a period, against their targets: key customers, expected deals, actions, managers’ comments.' })
@ReadableBy(planReaders)
@Entity({ tableName: 'sales_plan' })
@Unique({ name: 'sales_plan_user_period_unique', properties: ['user', 'periodKind', 'periodStart'] })
@Index({ name: 'sales_plan_period_id_idx', properties: ['periodStart', 'id'] })
export class SalesPlan extends VersionedRecord<'summary'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: false })
  user!: User;

  @Field(() => PeriodKind)
  @Enum({ items: () => PeriodKind, nativeEnumName: 'period_kind' })
  periodKind!: PeriodKind;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  periodStart!: string;

  @Field(() => String, { nullable: true, description: 'Strategy, market expansion, customer development: the plan in words.' })
  @Property({ type: 'text', nullable: true })
  summary: string | null = null;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: false })
  createdBy!: User;
}

/** A customer the plan puts effort on. */
@Entity({ tableName: 'sales_plan_customer' })
@Unique({ name: 'sales_plan_customer_unique', properties: ['plan', 'customer'] })
export class SalesPlanCustomer {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => SalesPlan, deleteRule: 'cascade', index: false })
  plan!: SalesPlan;

  @ManyToOne({ entity: () => Customer, deleteRule: 'restrict', index: true })
  customer!: Customer;
}

/** A deal the plan expects to close. */
@Entity({ tableName: 'sales_plan_deal' })
@Unique({ name: 'sales_plan_deal_unique', properties: ['plan', 'opportunity'] })
export class SalesPlanDeal {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => SalesPlan, deleteRule: 'cascade', index: false })
  plan!: SalesPlan;

  @ManyToOne({ entity: () => Opportunity, deleteRule: 'restrict', index: true })
  opportunity!: Opportunity;
}

/** An action of the plan, due on a day, done or not. */
@ObjectType({ description: 'An action of a sales plan, due on a day; `doneAt` once done.' })
@ReadableBy(planReaders)
@Entity({ tableName: 'sales_plan_action' })
@Index({ name: 'sales_plan_action_plan_due_idx', properties: ['plan', 'dueOn'] })
export class SalesPlanAction extends VersionedRecord<'doneAt' | 'doneBy'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => SalesPlan, deleteRule: 'cascade', index: false })
  plan!: SalesPlan;

  @Field()
  @Property({ length: 200 })
  title!: string;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  dueOn!: string;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  doneAt: Date | null = null;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'restrict', index: false })
  doneBy: User | null = null;
}

/** A manager's comment on a plan. */
@ObjectType({ description: 'A comment on a sales plan by a manager above its person.' })
@ReadableBy(planReaders)
@Entity({ tableName: 'sales_plan_comment' })
@Index({ name: 'sales_plan_comment_plan_idx', properties: ['plan', 'createdAt'] })
export class SalesPlanComment {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => SalesPlan, deleteRule: 'cascade', index: false })
  plan!: SalesPlan;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: false })
  author!: User;

  @Field()
  @Property({ type: 'text' })
  body!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
