import { Check, Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { catalogReaders, floorPriceReaders } from '../catalog.policy';
import { PriceList } from './price-list.entity';
import { Product } from './product.entity';

/** A quantity break: from `minQuantity` units on, the unit price is `unitPrice`. */
@ObjectType({ description: 'A quantity break (阶梯价): from minQuantity units on, unitPrice applies.' })
@ReadableBy(catalogReaders)
export class QuantityBreak {
  @Field(() => Int)
  minQuantity!: number;

  @Field(() => DecimalScalar)
  unitPrice!: string;
}

/** The price of one product in one price list: list price, the floor nobody may sell below, quantity breaks. */
@ObjectType({ description: 'A product’s price in a price list.' })
@ReadableBy(catalogReaders)
@Entity({ tableName: 'price_list_entry' })
@Check({ name: 'price_list_entry_prices_check', expression: 'floor_price >= 0 and floor_price <= list_price' })
@Unique({ name: 'price_list_entry_list_product_unique', properties: ['priceList', 'product'] })
export class PriceListEntry extends VersionedRecord<'quantityBreaks'> {

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => PriceList, deleteRule: 'cascade' })
  priceList!: PriceList;

  @ManyToOne({ entity: () => Product, deleteRule: 'restrict', index: true })
  product!: Product;

  @Field(() => DecimalScalar)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  listPrice!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Lowest price anyone may sell at (底价).' })
  @ReadableBy(floorPriceReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  floorPrice!: string;

  @Field(() => [QuantityBreak], { description: 'Ascending by minQuantity; prices between floor and list price.' })
  @Property({ type: 'json', default: '[]' })
  quantityBreaks: QuantityBreak[] = [];
}
