import { Entity, OptionalProps, Property } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';

/**
 * Bookkeeping shared by mutable records: an optimistic-lock `version` (the API checks it, the admin bumps it) and
 * creation/update times.
 */
@ObjectType()
@Entity({ abstract: true })
export abstract class VersionedRecord<Optional = never> {
  [OptionalProps]?: 'version' | 'createdAt' | 'updatedAt' | Optional;

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
