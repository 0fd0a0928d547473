import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { LocalDateResolver } from 'graphql-scalars';
import { randomUUID } from 'node:crypto';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { Field, ID, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { SalesChannel } from '../catalog.enums';
import { catalogReaders } from '../catalog.policy';

/**
 * A price list for one channel, nationwide or for one region, valid over a date range. Active lists of the same
 * channel and region never overlap in time (checked by the service and by an exclusion constraint).
 */
@ObjectType({ description: 'A price list (价目表) for a channel and, optionally, a region.' })
@ReadableBy(catalogReaders)
@Entity({ tableName: 'price_list' })
@Check({ name: 'price_list_dates_check', expression: 'valid_to is null or valid_to >= valid_from' })
@Index({ name: 'price_list_channel_region_idx', properties: ['channel', 'region', 'validFrom'] })
@Index({
  // An exclusion constraint (btree_gist), declared as an index so migrations create it and schema diffs know it.
  name: 'price_list_no_overlap',
  expression: `alter table "price_list" add constraint "price_list_no_overlap" exclude using gist (channel with =, (coalesce(region_id, '00000000-0000-0000-0000-000000000000'::uuid)) with =, daterange(valid_from, valid_to, '[]') with &&) where (active)`,
})
export class PriceList extends VersionedRecord<'currency' | 'region' | 'validTo' | 'active'> {

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ length: 200 })
  name!: string;

  @Field({ description: 'ISO 4217 code.' })
  @Property({ type: 'character', length: 3, default: 'CNY' })
  currency: string = 'CNY';

  @Field(() => SalesChannel)
  @Enum({ items: () => SalesChannel, nativeEnumName: 'sales_channel' })
  channel!: SalesChannel;

  /** Null: nationwide. */
  @ManyToOne({ entity: () => OrgUnit, nullable: true, deleteRule: 'restrict', index: true })
  region: OrgUnit | null = null;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  validFrom!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day of validity; open-ended when null.' })
  @Property({ type: 'date', nullable: true })
  validTo: string | null = null;

  @Field()
  @Property({ default: true })
  active: boolean = true;
}
