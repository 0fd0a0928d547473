import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { LocalDateResolver } from 'graphql-scalars';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { rowReaders } from '../../../api/permissions/access-rule';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { PeriodKind, TargetMetric } from '../targets.enums';

/**
 * A sales contest (销售竞赛, N10): the people of a unit compete on the achievement rate of one metric over one period.
 * Its standings are the unit's leaderboard for that metric and period. Seen by those who may see that ranking and by
 * the participants (row scope in kpis.contests.ts).
 */
@ObjectType({ description: 'A sales contest (销售竞赛): a unit’s people ranked by achievement rate of one metric over one period.' })
@ReadableBy(rowReaders)
@Entity({ tableName: 'sales_contest' })
@Index({ name: 'sales_contest_unit_period_idx', properties: ['orgUnit', 'periodStart'] })
export class SalesContest extends VersionedRecord {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ length: 200 })
  name!: string;

  @Field(() => TargetMetric)
  @Enum({ items: () => TargetMetric, nativeEnumName: 'target_metric' })
  metric!: TargetMetric;

  @Field(() => PeriodKind)
  @Enum({ items: () => PeriodKind, nativeEnumName: 'period_kind' })
  periodKind!: PeriodKind;

  @Field(() => LocalDateResolver, { description: 'The first day of the period.' })
  @Property({ type: 'date' })
  periodStart!: string;

  /** The participants: everyone in this unit's subtree who would be on its leaderboard. */
  @ManyToOne(() => OrgUnit, { deleteRule: 'restrict' })
  orgUnit!: OrgUnit;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  createdBy!: User;
}
