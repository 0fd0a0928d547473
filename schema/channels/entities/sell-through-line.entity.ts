import { Check, Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { Product } from '../../catalog/entities/product.entity';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { channelReaders } from '../channels.policy';
import { SellThroughReport } from './sell-through-report.entity';

/** One sale a distributor reports: product, quantity, batch, end customer and the region it was sold in. */
@ObjectType({ description: 'A sale a distributor reports.' })
@ReadableBy(channelReaders)
@Entity({ tableName: 'sell_through_line' })
@Check({ name: 'sell_through_line_quantity_check', expression: 'quantity > 0' })
@Index({ name: 'sell_through_line_batch_number_idx', properties: ['batchNumber'] })
export class SellThroughLine {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => SellThroughReport, deleteRule: 'cascade', index: true })
  report!: SellThroughReport;

  @ManyToOne({ entity: () => Product, deleteRule: 'restrict' })
  product!: Product;

  @Field(() => Int)
  @Property({ type: 'integer' })
  quantity!: number;

  @Field({ description: 'Production batch number (批号) of the units sold.' })
  @Property({ type: 'text' })
  batchNumber!: string;

  @Field()
  @Property({ type: 'text' })
  endCustomerName!: string;

  @ManyToOne({ entity: () => OrgUnit, deleteRule: 'restrict' })
  saleRegion!: OrgUnit;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  soldOn!: string;
}
