import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { PriceList } from '../../catalog/entities/price-list.entity';
import { User } from '../../org/entities/user.entity';
import { QuoteStatus } from '../pipeline.enums';
import { pipelineReaders, quoteMoneyReaders } from '../pipeline.policy';
import { Opportunity } from './opportunity.entity';

/**
 * A quote (报价单) for an opportunity, priced from the price list of the customer's channel and region. An
 * opportunity has one current quote: a new one supersedes the previous (a partial unique index holds this).
 */
@ObjectType({ description: 'A quote for an opportunity.' })
@ReadableBy(pipelineReaders)
@Entity({ tableName: 'quote' })
@Index({ name: 'quote_current_per_opportunity', expression: `create unique index "quote_current_per_opportunity" on "quote" ("opportunity_id") where "status" <> 'SUPERSEDED'` })
@Index({ name: 'quote_opportunity_idx', properties: ['opportunity', 'createdAt'] })
export class Quote extends VersionedRecord<'status' | 'currency' | 'note' | 'submittedAt' | 'acceptedAt'> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'Quote number, e.g. Q000042; assigned on create.' })
  @Property({ type: 'text', unique: true })
  number!: string;

  @ManyToOne({ entity: () => Opportunity, deleteRule: 'cascade' })
  opportunity!: Opportunity;

  @Field(() => QuoteStatus)
  @Enum({ items: () => QuoteStatus, nativeEnumName: 'quote_status', default: QuoteStatus.DRAFT, index: true })
  status: QuoteStatus = QuoteStatus.DRAFT;

  @ManyToOne({ entity: () => PriceList, deleteRule: 'restrict', index: true })
  priceList!: PriceList;

  @Field()
  @Property({ type: 'character', length: 3, default: 'CNY' })
  currency: string = 'CNY';

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  validUntil!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Sum of quantity × list price.' })
  @ReadableBy(quoteMoneyReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  listTotal!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Sum of the line totals after discounts.' })
  @ReadableBy(quoteMoneyReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  total!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'The largest line discount, in percent: what needs authority.' })
  @ReadableBy(quoteMoneyReaders)
  @Property({ type: 'decimal', precision: 5, scale: 2 })
  maxDiscountPercent!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: true })
  createdBy!: User;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null = null;
}
