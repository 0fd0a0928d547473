import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../../api/auth/api-scopes';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { selectsTotalCount } from '../../../api/pagination';
import { scoped } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { User } from '../../org/entities/user.entity';
import { OPEN_COMPLAINT_STATUSES } from '../customers.loaders';
import { VisitKind } from '../customers.enums';
import {
  ComplaintsArgs,
  ContactInput,
  CreateContactInput,
  LogVisitInput,
  OpenComplaintInput,
  RecordSurveyInput,
  UpdateComplaintInput,
  VisitsArgs,
} from '../customers.inputs';
import { customerWriters, serviceWriters, visitWriters } from '../customers.policy';
import { CustomerService } from '../customers.service';
import { ComplaintConnection, VisitConnection } from '../customers.types';
import { Complaint } from '../entities/complaint.entity';
import { Contact } from '../entities/contact.entity';
import { Customer } from '../entities/customer.entity';
import { SatisfactionSurvey } from '../entities/satisfaction-survey.entity';
import { Visit } from '../entities/visit.entity';

@Resolver(() => Contact)
export class ContactResolver {
  @Mutation(() => Contact)
  @Allow(customerWriters)
  createContact(@Arg('input') input: CreateContactInput, @Ctx() ctx: RequestContext): Promise<Contact> {
    return new CustomerService(ctx).createContact(input);
  }

  @Mutation(() => Contact)
  @Allow(customerWriters)
  updateContact(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: ContactInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Contact> {
    return new CustomerService(ctx).updateContact(assertId(id, 'id'), version, input);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() contact: Contact, @Ctx() ctx: RequestContext): Promise<Customer | null> {
    return ctx.loaders.customers.customerById.load(contact.customer.id);
  }
}

@Resolver(() => Visit)
export class VisitResolver {
  @Query(() => VisitConnection, { description: 'Visits you may see, newest first.' })
  @Allow(scoped(ApiScope.READ_SALES))
  visits(@Args() args: VisitsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<VisitConnection> {
    return new CustomerService(ctx).visits(args, { includeCount: selectsTotalCount(info) });
  }

  @Mutation(() => Visit, { description: 'Records a visit you made (走访表), or a joint visit with a manager above you (协访表).' })
  @Allow(visitWriters)
  logVisit(@Arg('input') input: LogVisitInput, @Ctx() ctx: RequestContext): Promise<Visit> {
    return new CustomerService(ctx).logVisit(input);
  }

  @FieldResolver(() => VisitKind)
  kind(@Root() visit: Visit): VisitKind {
    return visit.accompaniedBy === null ? VisitKind.SOLO : VisitKind.ACCOMPANIED;
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() visit: Visit, @Ctx() ctx: RequestContext): Promise<Customer | null> {
    return ctx.loaders.customers.customerById.load(visit.customer.id);
  }

  @FieldResolver(() => Contact, { nullable: true })
  contact(@Root() visit: Visit, @Ctx() ctx: RequestContext): Promise<Contact | null> | null {
    return visit.contact === null ? null : ctx.loaders.customers.contactById.load(visit.contact.id);
  }

  @FieldResolver(() => User, { nullable: true })
  visitedBy(@Root() visit: Visit, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(visit.visitedBy.id);
  }

  @FieldResolver(() => User, { nullable: true })
  accompaniedBy(@Root() visit: Visit, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return visit.accompaniedBy === null ? null : ctx.loaders.org.userById.load(visit.accompaniedBy.id);
  }
}

@Resolver(() => Complaint)
export class ComplaintResolver {
  @Query(() => ComplaintConnection, { description: 'Complaints you may see, the most urgent SLA first.' })
  @Allow(scoped(ApiScope.READ_SALES))
  complaints(@Args() args: ComplaintsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<ComplaintConnection> {
    return new CustomerService(ctx).complaints(args, { includeCount: selectsTotalCount(info) });
  }

  @Mutation(() => Complaint, { description: 'The SLA due time follows from the severity.' })
  @Allow(serviceWriters)
  openComplaint(@Arg('input') input: OpenComplaintInput, @Ctx() ctx: RequestContext): Promise<Complaint> {
    return new CustomerService(ctx).openComplaint(input);
  }

  @Mutation(() => Complaint)
  @Allow(serviceWriters)
  updateComplaint(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: UpdateComplaintInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Complaint> {
    return new CustomerService(ctx).updateComplaint(assertId(id, 'id'), version, input);
  }

  @FieldResolver(() => Boolean, { description: 'Open or in progress, and past its SLA due time.' })
  overdue(@Root() complaint: Complaint): boolean {
    return OPEN_COMPLAINT_STATUSES.includes(complaint.status) && complaint.slaDueAt.getTime() < Date.now();
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Customer | null> {
    return ctx.loaders.customers.customerById.load(complaint.customer.id);
  }

  @FieldResolver(() => Contact, { nullable: true })
  contact(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Contact | null> | null {
    return complaint.contact === null ? null : ctx.loaders.customers.contactById.load(complaint.contact.id);
  }

  @FieldResolver(() => User, { nullable: true })
  reportedBy(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(complaint.reportedBy.id);
  }

  @FieldResolver(() => User, { nullable: true })
  handler(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return complaint.handler === null ? null : ctx.loaders.org.userById.load(complaint.handler.id);
  }
}

@Resolver(() => SatisfactionSurvey)
export class SatisfactionSurveyResolver {
  @Query(() => [SatisfactionSurvey], { description: 'Survey answers of a customer you may see, newest first.' })
  @Allow(scoped(ApiScope.READ_SALES))
  surveys(@Arg('customerId', () => ID) customerId: string, @Ctx() ctx: RequestContext): Promise<SatisfactionSurvey[]> {
    return new CustomerService(ctx).surveys(assertId(customerId, 'customerId'));
  }

  @Mutation(() => SatisfactionSurvey)
  @Allow(serviceWriters)
  recordSurvey(@Arg('input') input: RecordSurveyInput, @Ctx() ctx: RequestContext): Promise<SatisfactionSurvey> {
    return new CustomerService(ctx).recordSurvey(input);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() survey: SatisfactionSurvey, @Ctx() ctx: RequestContext): Promise<Customer | null> {
    return ctx.loaders.customers.customerById.load(survey.customer.id);
  }

  @FieldResolver(() => Complaint, { nullable: true })
  complaint(@Root() survey: SatisfactionSurvey, @Ctx() ctx: RequestContext): Promise<Complaint | null> | null {
    return survey.complaint === null ? null : ctx.loaders.customers.complaintById.load(survey.complaint.id);
  }

  @FieldResolver(() => User, { nullable: true })
  recordedBy(@Root() survey: SatisfactionSurvey, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(survey.recordedBy.id);
  }
}
