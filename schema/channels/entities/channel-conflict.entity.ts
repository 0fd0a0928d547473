import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { ChannelConflictKind, ChannelConflictStatus } from '../channels.enums';
import { channelConflictReaders } from '../channels.policy';
import { Distributor } from '../distributor.entity';

/**
 * Cross-region selling (窜货) detected from a distributor's shipments or sell-through reports, with its evidence.
 * Seen by the regional directors of the region the goods belonged to and of the region they turned up in, the VP
 * and admins; never by partners.
 */
@ObjectType({ description: 'Cross-region selling detected from shipment or sell-through data, with the evidence.' })
@ReadableBy(channelConflictReaders)
@Entity({ tableName: 'channel_conflict' })
@Index({ name: 'channel_conflict_home_region_idx', properties: ['homeRegion', 'detectedAt'] })
@Index({ name: 'channel_conflict_found_region_idx', properties: ['foundRegion', 'detectedAt'] })
@Index({ name: 'channel_conflict_detected_at_id_idx', properties: ['detectedAt', 'id'] })
export class ChannelConflict extends VersionedRecord<'status' | 'batchNumber' | 'resolvedBy' | 'resolvedAt' | 'resolution' | 'detectedAt'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ChannelConflictKind)
  @Enum({ items: () => ChannelConflictKind, nativeEnumName: 'channel_conflict_kind' })
  kind!: ChannelConflictKind;

  @ManyToOne({ entity: () => Distributor, deleteRule: 'restrict', index: true })
  distributor!: Distributor;

  /** The region the goods were sold into the channel for. */
  @ManyToOne({ entity: () => OrgUnit, deleteRule: 'restrict' })
  homeRegion!: OrgUnit;

  /** The region they turned up in. */
  @ManyToOne({ entity: () => OrgUnit, deleteRule: 'restrict' })
  foundRegion!: OrgUnit;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  batchNumber: string | null = null;

  @Field(() => GraphQLJSONObject, { description: 'What it was detected from: shipment, order, report line, batch, regions.' })
  @Property({ type: 'jsonb' })
  evidence!: Record<string, unknown>;

  /** The record it was detected from, so the same evidence never raises two conflicts. */
  @Property({ type: 'text', unique: true })
  sourceKey!: string;

  @Field(() => ChannelConflictStatus)
  @Enum({ items: () => ChannelConflictStatus, nativeEnumName: 'channel_conflict_status', default: ChannelConflictStatus.OPEN })
  status: ChannelConflictStatus = ChannelConflictStatus.OPEN;

  @Field(() => Date)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  detectedAt: Date = new Date();

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'restrict' })
  resolvedBy: User | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  resolution: string | null = null;
}
