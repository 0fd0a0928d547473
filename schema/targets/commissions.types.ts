import { ObjectType } from 'type-graphql';
import { Connection } from '../../api/pagination';
import { CommissionStatement } from './entities/commission-statement.entity';

@ObjectType()
export class CommissionStatementConnection extends Connection(CommissionStatement, 'CommissionStatement') {}
