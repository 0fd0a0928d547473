import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { User } from '../../org/entities/user.entity';
import { OpportunityStage } from '../pipeline.enums';
import { pipelineReaders } from '../pipeline.policy';
import type { Opportunity } from './opportunity.entity';

/** One step of an opportunity's stage history: from where to where, who moved it, when, and why. */
@ObjectType({ description: 'A stage change of an opportunity.' })
@ReadableBy(pipelineReaders)
@Entity({ tableName: 'opportunity_stage_change' })
@Index({ name: 'opportunity_stage_change_opportunity_idx', properties: ['opportunity', 'changedAt'] })
export class OpportunityStageChange {
  [OptionalProps]?: 'fromStage' | 'reason' | 'changedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  // By name: Opportunity declares its stage history with this class, and a value import both ways is a cycle.
  @ManyToOne({ entity: 'Opportunity', deleteRule: 'cascade' })
  opportunity!: Opportunity;

  @Field(() => OpportunityStage, { nullable: true, description: 'Null for the stage it was created in.' })
  @Enum({ items: () => OpportunityStage, nativeEnumName: 'opportunity_stage', nullable: true })
  fromStage: OpportunityStage | null = null;

  @Field(() => OpportunityStage)
  @Enum({ items: () => OpportunityStage, nativeEnumName: 'opportunity_stage' })
  toStage!: OpportunityStage;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: true })
  changedBy!: User;

  @Field(() => Date)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  changedAt: Date = new Date();

  @Field(() => String, { nullable: true, description: 'Why: required for a loss and for reopening.' })
  @Property({ type: 'text', nullable: true })
  reason: string | null = null;
}
