import { Check, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { Product } from '../../catalog/entities/product.entity';
import { contractLineAmountReaders, costReaders, ordersReaders } from '../orders.policy';
import { Contract } from './contract.entity';

/** A line of a contract, copied with its prices from the quote (or the deal's price list) when the contract is made. */
@ObjectType({ description: 'A line of a contract.' })
@ReadableBy(ordersReaders)
@Entity({ tableName: 'contract_line' })
@Check({ name: 'contract_line_values_check', expression: 'quantity > 0 and discount_percent >= 0 and discount_percent <= 100 and unit_price >= 0' })
@Index({ name: 'contract_line_contract_position_idx', properties: ['contract', 'position'] })
export class ContractLine {
  // `margin` is computed (a getter), never written.
  [OptionalProps]?: 'discountPercent' | 'margin';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Contract, deleteRule: 'cascade' })
  contract!: Contract;

  @Field(() => Int)
  @Property({ type: 'smallint' })
  position!: number;

  @ManyToOne({ entity: () => Product, deleteRule: 'restrict', index: true })
  product!: Product;

  @Field(() => Int)
  @Property({ type: 'integer' })
  quantity!: number;

  @Field(() => DecimalScalar, { nullable: true })
  @ReadableBy(contractLineAmountReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  listPrice!: string;

  @Field(() => DecimalScalar)
  @Property({ type: 'decimal', precision: 5, scale: 2, default: '0' })
  discountPercent: string = '0';

  @Field(() => DecimalScalar, { nullable: true, description: 'The agreed price per unit; orders against the contract use it.' })
  @ReadableBy(contractLineAmountReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  unitPrice!: string;

  @Field(() => DecimalScalar, { nullable: true })
  @ReadableBy(contractLineAmountReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  lineTotal!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Unit cost when the contract was made.' })
  @ReadableBy(costReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  unitCost!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'quantity × (unitPrice − unitCost).' })
  @ReadableBy(costReaders)
  get margin(): string {
    return new Decimal(this.unitPrice).minus(this.unitCost).times(this.quantity).toFixed(2);
  }
}
