import { ObjectType } from 'type-graphql';
import { Connection } from '../../api/pagination';
import { Contract } from './entities/contract.entity';

@ObjectType()
export class ContractConnection extends Connection(Contract, 'Contract') {}
