import { Check, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { Product } from '../../catalog/entities/product.entity';
import { costReaders, pipelineReaders, quoteLineMarginReaders, quoteLineMoneyReaders } from '../pipeline.policy';
import { Quote } from './quote.entity';

/**
 * One line of a quote. The list price (after quantity breaks) and the unit cost are copied from the price list
 * and the product when the quote is made, so later price changes never rewrite a quote.
 */
@ObjectType({ description: 'A line of a quote.' })
@ReadableBy(pipelineReaders)
@Entity({ tableName: 'quote_line' })
@Check({ name: 'quote_line_values_check', expression: 'quantity > 0 and discount_percent >= 0 and discount_percent <= 100 and unit_price >= 0' })
@Index({ name: 'quote_line_quote_position_idx', properties: ['quote', 'position'] })
export class QuoteLine {
  // `margin` is computed (a getter), never written.
  [OptionalProps]?: 'discountPercent' | 'margin';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Quote, deleteRule: 'cascade' })
  quote!: Quote;

  @Field(() => Int, { description: 'Order of the line in the quote, from 1.' })
  @Property({ type: 'smallint' })
  position!: number;

  @ManyToOne({ entity: () => Product, deleteRule: 'restrict', index: true })
  product!: Product;

  @Field(() => Int)
  @Property({ type: 'integer' })
  quantity!: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'List price per unit for this quantity (quantity breaks applied).' })
  @ReadableBy(quoteLineMoneyReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  listPrice!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Discount off the list price, in percent.' })
  @ReadableBy(quoteLineMoneyReaders)
  @Property({ type: 'decimal', precision: 5, scale: 2, default: '0' })
  discountPercent: string = '0';

  @Field(() => DecimalScalar, { nullable: true, description: 'Price per unit after the discount.' })
  @ReadableBy(quoteLineMoneyReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  unitPrice!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'quantity × unitPrice.' })
  @ReadableBy(quoteLineMoneyReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  lineTotal!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Unit cost when the quote was made.' })
  @ReadableBy(costReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  unitCost!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'quantity × (unitPrice − unitCost).' })
  @ReadableBy(quoteLineMarginReaders)
  get margin(): string {
    return new Decimal(this.unitPrice).minus(this.unitCost).times(this.quantity).toFixed(2);
  }
}
