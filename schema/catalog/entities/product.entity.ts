import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { Field, ID, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { ProductStatus } from '../catalog.enums';
import { catalogReaders, costReaders } from '../catalog.policy';
import { ProductLine } from './product-line.entity';

/** A sellable product. SKUs are unique; unit cost is internal and guarded field by field. */
@ObjectType({ description: 'A product of the catalogue.' })
@ReadableBy(catalogReaders)
@Entity({ tableName: 'product' })
@Check({ name: 'product_unit_cost_check', expression: 'unit_cost >= 0' })
@Index({ name: 'product_name_id_idx', properties: ['name', 'id'] })
@Index({ name: 'product_sku_id_idx', properties: ['sku', 'id'] })
@Index({
  name: 'product_search_trgm_idx',
  expression: `create index "product_search_trgm_idx" on "product" using gin ((sku || ' ' || name || ' ' || coalesce(english_name, '')) gin_trgm_ops)`,
})
export class Product extends VersionedRecord<'englishName' | 'status' | 'specification'> {

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'Stock-keeping unit: upper-case letters and digits in hyphen-separated groups, e.g. SEN-PT100-01.' })
  @Property({ type: 'text', unique: true })
  sku!: string;

  @Field()
  @Property({ length: 200 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  englishName: string | null = null;

  @Field({ description: 'Unit of sale, e.g. 台, 件, 套, pcs.' })
  @Property({ length: 20 })
  unit!: string;

  @ManyToOne({ entity: () => ProductLine, deleteRule: 'restrict', index: true })
  productLine!: ProductLine;

  @Field(() => ProductStatus)
  @Enum({ items: () => ProductStatus, nativeEnumName: 'product_status', default: ProductStatus.ACTIVE, index: true })
  status: ProductStatus = ProductStatus.ACTIVE;

  @Field(() => DecimalScalar, { nullable: true, description: 'Unit cost in CNY.' })
  @ReadableBy(costReaders)
  @Property({ type: 'decimal', precision: 14, scale: 2 })
  unitCost!: string;

  @Field(() => String, { nullable: true, description: 'Technical specification (规格参数).' })
  @Property({ type: 'text', nullable: true })
  specification: string | null = null;
}
