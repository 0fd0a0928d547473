import { ObjectType } from 'type-graphql';
import { Connection } from '../../api/pagination';
import { ApprovalRequest } from './entities/approval-request.entity';

@ObjectType()
export class ApprovalRequestConnection extends Connection(ApprovalRequest, 'ApprovalRequest') {}
