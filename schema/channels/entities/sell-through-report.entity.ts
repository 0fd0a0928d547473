import { Check, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { User } from '../../org/entities/user.entity';
import { channelReaders } from '../channels.policy';
import { Distributor } from '../distributor.entity';

/** A distributor's sell-through report (进销存/流向) for a period: what it sold on, to whom, where, from which batch. */
@ObjectType({ description: 'A distributor’s sell-through report for a period.' })
@ReadableBy(channelReaders)
@Entity({ tableName: 'sell_through_report' })
@Check({ name: 'sell_through_report_period_check', expression: 'period_end >= period_start' })
@Unique({ name: 'sell_through_report_period_unique', properties: ['distributor', 'periodStart', 'periodEnd'] })
@Index({ name: 'sell_through_report_created_at_id_idx', properties: ['createdAt', 'id'] })
export class SellThroughReport {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Distributor, deleteRule: 'restrict' })
  distributor!: Distributor;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  periodStart!: string;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  periodEnd!: string;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict' })
  submittedBy!: User;

  @Field(() => Date)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
