import type { GraphQLResolveInfo } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../../api/auth/api-scopes';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { selectsTotalCount } from '../../../api/pagination';
import { scoped, signedInPerson } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { DecimalScalar } from '../../../api/scalars/decimal.scalar';
import { Distributor } from '../../channels/distributor.entity';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { CustomerTier } from '../customers.enums';
import { CreateCustomerInput, CustomersArgs, UpdateCustomerInput } from '../customers.inputs';
import { customerWriters } from '../customers.policy';
import { CustomerService } from '../customers.service';
import { CustomerConnection } from '../customers.types';
import { Complaint } from '../entities/complaint.entity';
import { Contact } from '../entities/contact.entity';
import { Customer } from '../entities/customer.entity';
import { Visit } from '../entities/visit.entity';

@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => CustomerConnection, { description: 'Customers visible to you, keyset-paginated.' })
  @Allow(scoped(ApiScope.READ_SALES))
  customers(@Args() args: CustomersArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<CustomerConnection> {
    return new CustomerService(ctx).customers(args, { includeCount: selectsTotalCount(info) });
  }

  @Query(() => Customer, { nullable: true, description: 'One customer by id: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(scoped(ApiScope.READ_SALES))
  customer(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Customer | null> {
    return new CustomerService(ctx).customerById(assertId(id, 'id'));
  }

  @Mutation(() => Customer, { description: 'Refused with CONFLICT (reason DUPLICATE_CUSTOMER) when the region has a customer of the same name or tax id.' })
  @Allow(customerWriters)
  createCustomer(@Arg('input') input: CreateCustomerInput, @Ctx() ctx: RequestContext): Promise<Customer> {
    return new CustomerService(ctx).create(input);
  }

  @Mutation(() => Customer, { description: 'The owner, the owner’s chain, the VP and admins; `version` as read.' })
  @Allow(customerWriters)
  updateCustomer(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: UpdateCustomerInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Customer> {
    return new CustomerService(ctx).update(assertId(id, 'id'), version, input);
  }

  @Mutation(() => Customer, { description: 'Changes the ABC tier: the owner’s management chain, the VP and admins.' })
  @Allow(customerWriters)
  setCustomerTier(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('tier', () => CustomerTier) tier: CustomerTier,
    @Ctx() ctx: RequestContext,
  ): Promise<Customer> {
    return new CustomerService(ctx).setTier(assertId(id, 'id'), version, tier);
  }

  @Mutation(() => Customer, { description: 'Sets the credit limit: finance and the owner’s management chain.' })
  @Allow(signedInPerson)
  setCustomerCreditLimit(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('creditLimit', () => DecimalScalar) creditLimit: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Customer> {
    return new CustomerService(ctx).setCreditLimit(assertId(id, 'id'), version, creditLimit);
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  region(@Root() customer: Customer, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> {
    return ctx.loaders.org.unitById.load(customer.region.id);
  }

  @FieldResolver(() => User, { nullable: true })
  owner(@Root() customer: Customer, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(customer.owner.id);
  }

  @FieldResolver(() => User, { nullable: true })
  keyAccountManager(@Root() customer: Customer, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return customer.keyAccountManager === null ? null : ctx.loaders.org.userById.load(customer.keyAccountManager.id);
  }

  @FieldResolver(() => Distributor, { nullable: true, description: 'The distributor serving the customer (DISTRIBUTOR channel).' })
  distributor(@Root() customer: Customer, @Ctx() ctx: RequestContext): Promise<Distributor | null> | null {
    return customer.distributor === null ? null : ctx.loaders.channels.distributorById.load(customer.distributor.id);
  }

  @FieldResolver(() => [Contact], { description: 'The primary contact first, then by name.' })
  contacts(@Root() customer: Customer, @Ctx() ctx: RequestContext): Promise<Contact[]> {
    return ctx.loaders.customers.contactsByCustomerId.load(customer.id);
  }

  @FieldResolver(() => [Visit], { description: 'The five latest visits; `visits(filter: { customerId })` pages through all.' })
  recentVisits(@Root() customer: Customer, @Ctx() ctx: RequestContext): Promise<Visit[]> {
    return ctx.loaders.customers.recentVisitsByCustomerId.load(customer.id);
  }

  @FieldResolver(() => [Complaint], { description: 'Open and in-progress complaints, the most urgent first.' })
  openComplaints(@Root() customer: Customer, @Ctx() ctx: RequestContext): Promise<Complaint[]> {
    return ctx.loaders.customers.openComplaintsByCustomerId.load(customer.id);
  }

  @FieldResolver(() => LocalDateResolver, { nullable: true })
  async lastVisitOn(@Root() customer: Customer, @Ctx() ctx: RequestContext): Promise<string | null> {
    return (await ctx.loaders.customers.healthByCustomer.load(customer)).lastVisitOn;
  }

  @FieldResolver()
  async healthScore(@Root() customer: Customer, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.loaders.customers.healthByCustomer.load(customer)).score;
  }
}
