import { ObjectType } from 'type-graphql';
import { Connection } from '../../api/pagination';
import { Complaint } from './entities/complaint.entity';
import { Customer } from './entities/customer.entity';
import { Visit } from './entities/visit.entity';

@ObjectType()
export class CustomerConnection extends Connection(Customer, 'Customer') {}

@ObjectType()
export class VisitConnection extends Connection(Visit, 'Visit') {}

@ObjectType()
export class ComplaintConnection extends Connection(Complaint, 'Complaint') {}
