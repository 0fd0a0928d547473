import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../../api/auth/api-scopes';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { selectsTotalCount } from '../../../api/pagination';
import { scoped } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { Customer } from '../../customers/entities/customer.entity';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { Lead } from '../entities/lead.entity';
import { Opportunity } from '../entities/opportunity.entity';
import { LeadService } from '../leads.service';
import { AssignLeadInput, ConvertLeadInput, CreateLeadInput, LeadsArgs, UpdateLeadStatusInput } from '../pipeline.inputs';
import { dealWriters, leadAssigners, leadCreators } from '../pipeline.policy';
import { ConvertLeadPayload, LeadConnection } from '../pipeline.types';

@Resolver(() => Lead)
export class LeadResolver {
  @Query(() => LeadConnection, { description: 'Leads you may see, newest first, keyset-paginated.' })
  @Allow(scoped(ApiScope.READ_SALES))
  leads(@Args() args: LeadsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<LeadConnection> {
    return new LeadService(ctx).leads(args, { includeCount: selectsTotalCount(info) });
  }

  @Query(() => Lead, { nullable: true, description: 'One lead by id: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(scoped(ApiScope.READ_SALES))
  lead(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Lead | null> {
    return new LeadService(ctx).leadById(assertId(id, 'id'));
  }

  @Mutation(() => Lead, { description: 'Enters a lead (status NEW, unassigned); with an idempotency key, at most once.' })
  @Allow(leadCreators)
  createLead(@Arg('input') input: CreateLeadInput, @Ctx() ctx: RequestContext): Promise<Lead> {
    return new LeadService(ctx).create(input);
  }

  @Mutation(() => Lead, { description: 'Assigns a lead by hand or round-robin; by the heads of its team or region.' })
  @Allow(leadAssigners)
  assignLead(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: AssignLeadInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Lead> {
    return new LeadService(ctx).assign(assertId(id, 'id'), version, input);
  }

  @Mutation(() => Lead, { description: 'Records progress on a lead; by its owner or the owner’s managers.' })
  @Allow(dealWriters)
  updateLeadStatus(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: UpdateLeadStatusInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Lead> {
    return new LeadService(ctx).updateStatus(assertId(id, 'id'), version, input);
  }

  @Mutation(() => ConvertLeadPayload, {
    description: 'Converts a lead into a customer (new or existing), a contact and an opportunity at CONTACT, all or nothing.',
  })
  @Allow(dealWriters)
  convertLead(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: ConvertLeadInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ConvertLeadPayload> {
    return new LeadService(ctx).convert(assertId(id, 'id'), version, input);
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  region(@Root() lead: Lead, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> | null {
    return lead.region === null ? null : ctx.loaders.org.unitById.load(lead.region.id);
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  team(@Root() lead: Lead, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> | null {
    return lead.team === null ? null : ctx.loaders.org.unitById.load(lead.team.id);
  }

  @FieldResolver(() => User, { nullable: true })
  owner(@Root() lead: Lead, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return lead.owner === null ? null : ctx.loaders.org.userById.load(lead.owner.id);
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'After conversion; null when outside what you may see.' })
  convertedCustomer(@Root() lead: Lead, @Ctx() ctx: RequestContext): Promise<Customer | null> | null {
    return lead.convertedCustomer === null ? null : ctx.loaders.customers.customerById.load(lead.convertedCustomer.id);
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: 'After conversion; null when outside what you may see.' })
  convertedOpportunity(@Root() lead: Lead, @Ctx() ctx: RequestContext): Promise<Opportunity | null> | null {
    return lead.convertedOpportunity === null ? null : ctx.loaders.pipeline.opportunityById.load(lead.convertedOpportunity.id);
  }
}
