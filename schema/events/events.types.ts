import { Field, ObjectType } from 'type-graphql';
import { PageInfo } from '../../api/pagination';
import { rowReaders } from '../../api/permissions/access-rule';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { DomainEvent } from './domain-event.entity';

@ObjectType({ description: 'A page of deal and order-to-cash events in commit order.' })
@ReadableBy(rowReaders)
export class EventPage {
  @Field(() => [DomainEvent])
  nodes!: DomainEvent[];

  @Field(() => PageInfo, { description: '`endCursor` is where to resume; it stays put on an empty page.' })
  pageInfo!: PageInfo;
}
