import { Field, ObjectType } from 'type-graphql';
import { Connection } from '../../api/pagination';
import { rowReaders } from '../../api/permissions/access-rule';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { Customer } from '../customers/entities/customer.entity';
import { Lead } from './entities/lead.entity';
import { Opportunity } from './entities/opportunity.entity';

@ObjectType()
export class OpportunityConnection extends Connection(Opportunity, 'Opportunity') {}

@ObjectType()
export class LeadConnection extends Connection(Lead, 'Lead') {}

@ObjectType({ description: 'What a lead became: the converted lead, its customer and its first opportunity.' })
@ReadableBy(rowReaders)
export class ConvertLeadPayload {
  @Field(() => Lead)
  lead!: Lead;

  @Field(() => Customer)
  customer!: Customer;

  @Field(() => Opportunity)
  opportunity!: Opportunity;
}
