import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { Field, ID, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { catalogReaders } from '../catalog.policy';

/** A product line (产品线): the unit of product-line targets and balance KPIs. */
@ObjectType({ description: 'A product line (产品线).' })
@ReadableBy(catalogReaders)
@Entity({ tableName: 'product_line' })
export class ProductLine extends VersionedRecord<'englishName' | 'description' | 'active'> {

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'Short unique code, e.g. SENSOR.' })
  @Property({ type: 'text', unique: true })
  code!: string;

  @Field()
  @Property({ length: 200 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  englishName: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Field()
  @Property({ default: true })
  active: boolean = true;
}
