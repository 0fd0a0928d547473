import { Check, Collection, Entity, Enum, Index, ManyToMany, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { ProductLine } from '../../catalog/entities/product-line.entity';
import { Customer } from '../../customers/entities/customer.entity';
import { User } from '../../org/entities/user.entity';
import { OpportunityStage } from '../pipeline.enums';
import { dealAmountReaders, internalReaders, pipelineReaders } from '../pipeline.policy';
import { OpportunityStageChange } from './opportunity-stage-change.entity';

/**
 * A sales opportunity (商机) moving through the stages of the sales process. Every stage change is recorded in
 * `OpportunityStageChange`; winning needs an accepted quote; reopening a closed one needs a reason.
 */
@ObjectType({ description: 'A sales opportunity (商机).' })
@ReadableBy(pipelineReaders)
@Entity({ tableName: 'opportunity' })
@Check({ name: 'opportunity_amount_check', expression: 'amount >= 0' })
@Check({ name: 'opportunity_probability_check', expression: 'probability >= 0 and probability <= 100' })
@Check({ name: 'opportunity_lost_reason_check', expression: `stage <> 'LOST' or lost_reason is not null` })
@Index({ name: 'opportunity_amount_id_idx', properties: ['amount', 'id'] })
@Index({ name: 'opportunity_close_date_id_idx', properties: ['expectedCloseDate', 'id'] })
@Index({ name: 'opportunity_created_at_id_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'opportunity_name_id_idx', properties: ['name', 'id'] })
@Index({ name: 'opportunity_owner_stage_idx', properties: ['owner', 'stage'] })
// A rep's own deals by amount: without it, the amount index is read until 51 of theirs turn up (tests/bench/README.md).
@Index({ name: 'opportunity_owner_amount_id_idx', properties: ['owner', 'amount', 'id'] })
// Open deals' next steps by date: the NEXT_STEP_DUE reminder (schema/customers/follow-up.notification-rules.ts).
@Index({ name: 'opportunity_next_step_date_idx', expression: `create index "opportunity_next_step_date_idx" on "opportunity" ("next_step_date") where next_step_date is not null and stage not in ('WON', 'LOST')` })
@Index({ name: 'opportunity_name_trgm_idx', expression: 'create index "opportunity_name_trgm_idx" on "opportunity" using gin ("name" gin_trgm_ops)' })
export class Opportunity extends VersionedRecord<'stage' | 'currency' | 'probability' | 'lostReason' | 'nextStep' | 'nextStepDate' | 'closedAt' | 'expectedCloseDate'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ length: 200 })
  name!: string;

  @ManyToOne({ entity: () => Customer, deleteRule: 'restrict', index: true })
  customer!: Customer;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  owner!: User;

  @Field(() => OpportunityStage)
  @Enum({ items: () => OpportunityStage, nativeEnumName: 'opportunity_stage', default: OpportunityStage.LEAD, index: true })
  stage: OpportunityStage = OpportunityStage.LEAD;

  @Field(() => DecimalScalar, { nullable: true, description: 'Expected deal value.' })
  @ReadableBy(dealAmountReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  amount!: string;

  @Field()
  @Property({ type: 'character', length: 3, default: 'CNY' })
  currency: string = 'CNY';

  @Field(() => LocalDateResolver, { nullable: true })
  @Property({ type: 'date', nullable: true })
  expectedCloseDate: string | null = null;

  @Field(() => Int, { nullable: true, description: 'Win probability in percent; defaults from the stage.' })
  @ReadableBy(internalReaders)
  @Property({ type: 'smallint', default: 10 })
  probability: number = 10;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  lostReason: string | null = null;

  @Field(() => String, { nullable: true })
  @ReadableBy(internalReaders)
  @Property({ type: 'text', nullable: true })
  nextStep: string | null = null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'When the next step is due: that of the latest follow-up carrying a next step, or as set.' })
  @ReadableBy(internalReaders)
  @Property({ type: 'date', nullable: true })
  nextStepDate: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When it was won or lost.' })
  @Property({ type: 'timestamptz', nullable: true })
  closedAt: Date | null = null;

  /** Not a column: declared here so its read rule is found; resolved by OpportunityResolver.stageHistory. */
  @Field(() => [OpportunityStageChange], { nullable: true, description: 'Every stage change, oldest first, with who and why.' })
  @ReadableBy(internalReaders)
  stageHistory?: OpportunityStageChange[];

  @ManyToMany({ entity: () => ProductLine, pivotTable: 'opportunity_product_line', joinColumn: 'opportunity_id', inverseJoinColumn: 'product_line_id' })
  productLines = new Collection<ProductLine>(this);

  /**
   * Not a column: the current quote's lines, resolved in batches by OpportunityQuotesResolver and guarded here.
   * QuoteLine is required when the schema is built, not when this module loads: quote lines import quotes, which
   * import opportunities.
   */
  @Field(() => [(require('./quote-line.entity') as typeof import('./quote-line.entity')).QuoteLine], {
    nullable: true,
    description: 'Lines of the current (not superseded) quote, by position.',
  })
  @ReadableBy(internalReaders)
  quoteLines?: import('./quote-line.entity').QuoteLine[];
}
