import { ObjectType } from 'type-graphql';
import { Connection } from '../../api/pagination';
import { OpportunityFollowUp } from './entities/opportunity-follow-up.entity';

@ObjectType()
export class OpportunityFollowUpConnection extends Connection(OpportunityFollowUp, 'OpportunityFollowUp') {}
