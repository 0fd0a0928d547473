import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { catalogReaders } from '../catalog.policy';

/** A product line (产品线): the unit of product-line targets and balance KPIs. */
@ObjectType({ description: 'A product line (产品线).' })
@ReadableBy(catalogReaders)
@Entity({ tableName: 'product_line' })
export class ProductLine {
  [OptionalProps]?: 'englishName' | 'description' | 'active' | 'version' | 'createdAt' | 'updatedAt';

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

  @Field(() => Int)
  @Property({ version: true })
  version: number = 1;

  @Field(() => Date)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
