import { ObjectType } from 'type-graphql';
import { Connection } from '../../api/pagination';
import { VisitPlan } from './entities/visit-plan.entity';

@ObjectType()
export class VisitPlanConnection extends Connection(VisitPlan, 'VisitPlan') {}
