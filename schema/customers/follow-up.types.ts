import { LocalDateResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { rowReaders } from '../../api/permissions/access-rule';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { CustomerTier } from './customers.enums';
import { ServiceMode } from './follow-up.enums';

/**
 * Where a customer stands against its tier's follow-up norm (B4): its last contact (a visit or a follow-up logged on
 * one of its opportunities, by company date), when the next one is due, and whether that is past. Computed a page at
 * a time (`followUpStatusByCustomer`), never stored.
 */
@ObjectType({ description: 'A customer against its tier’s follow-up norm (B4).' })
@ReadableBy(rowReaders)
export class CustomerFollowUpStatus {
  @Field(() => CustomerTier)
  tier!: CustomerTier;

  @Field(() => Boolean, { description: 'Whether the tier has a norm (a VisitNorm row); without one nothing is due.' })
  hasNorm!: boolean;

  @Field(() => ServiceMode, { nullable: true })
  serviceMode!: ServiceMode | null;

  @Field(() => Int, { nullable: true })
  maxDaysBetweenContacts!: number | null;

  @Field(() => LocalDateResolver, { nullable: true })
  lastVisitOn!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The later of the last visit and the last follow-up logged on its opportunities.' })
  lastContactOn!: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'The last contact (or, never contacted, the day the customer was registered) plus the norm’s days; null without a norm.',
  })
  nextContactDueOn!: string | null;

  @Field(() => Boolean, { description: 'Past nextContactDueOn (company date) and the tier is not served AUTOMATED.' })
  overdue!: boolean;

  @Field(() => Int, { nullable: true, description: 'Days past nextContactDueOn when overdue.' })
  daysOverdue!: number | null;
}

