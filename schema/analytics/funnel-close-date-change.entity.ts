import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Opportunity } from '../pipeline/entities/opportunity.entity';

/**
 * One move of a deal's expected close date, written by a trigger on `opportunity` (migration 20261212100000) so that
 * every writer records it. Not exposed as a type: the funnel counts the moves to a later date (slips) from it.
 */
@Entity({ tableName: 'opportunity_close_date_change' })
@Index({ name: 'opportunity_close_date_change_opportunity_idx', properties: ['opportunity', 'changedAt'] })
@Index({ name: 'opportunity_close_date_change_changed_at_idx', properties: ['changedAt'] })
export class OpportunityCloseDateChange {
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @ManyToOne({ entity: () => Opportunity, deleteRule: 'cascade', index: false })
  opportunity!: Opportunity;

  @Property({ type: 'date', nullable: true })
  fromDate: string | null = null;

  @Property({ type: 'date', nullable: true })
  toDate: string | null = null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  changedAt: Date = new Date();
}
