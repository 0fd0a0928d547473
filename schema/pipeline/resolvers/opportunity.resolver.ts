import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../../api/auth/api-scopes';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { selectsTotalCount } from '../../../api/pagination';
import { scoped } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { ProductLine } from '../../catalog/entities/product-line.entity';
import { Customer } from '../../customers/entities/customer.entity';
import { User } from '../../org/entities/user.entity';
import { Opportunity } from '../entities/opportunity.entity';
import { OpportunityStageChange } from '../entities/opportunity-stage-change.entity';
import { OpportunityService } from '../opportunities.service';
import { CreateOpportunityInput, MoveOpportunityStageInput, OpportunitiesArgs, UpdateOpportunityInput } from '../pipeline.inputs';
import { dealWriters } from '../pipeline.policy';
import { OpportunityConnection } from '../pipeline.types';

@Resolver(() => Opportunity)
export class OpportunityResolver {
  @Query(() => OpportunityConnection, { description: 'Opportunities you may see, keyset-paginated.' })
  @Allow(scoped(ApiScope.READ_SALES))
  opportunities(@Args() args: OpportunitiesArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<OpportunityConnection> {
    return new OpportunityService(ctx).opportunities(args, { includeCount: selectsTotalCount(info) });
  }

  @Query(() => Opportunity, { nullable: true, description: 'One opportunity by id: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(scoped(ApiScope.READ_SALES))
  opportunity(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Opportunity | null> {
    return new OpportunityService(ctx).opportunityById(assertId(id, 'id'));
  }

  @Mutation(() => Opportunity, { description: 'Opens an opportunity in an open stage, with its first stage-history entry.' })
  @Allow(dealWriters)
  createOpportunity(@Arg('input') input: CreateOpportunityInput, @Ctx() ctx: RequestContext): Promise<Opportunity> {
    return new OpportunityService(ctx).create(input);
  }

  @Mutation(() => Opportunity, { description: 'Changes an open opportunity; `version` must be the one you read (optimistic locking).' })
  @Allow(dealWriters)
  updateOpportunity(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: UpdateOpportunityInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Opportunity> {
    return new OpportunityService(ctx).update(assertId(id, 'id'), version, input);
  }

  @Mutation(() => Opportunity, {
    description: 'Moves an opportunity to another stage under the sales-process rules; the owner, their managers or the customer’s key account manager.',
  })
  @Allow(dealWriters)
  moveOpportunityStage(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: MoveOpportunityStageInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Opportunity> {
    return new OpportunityService(ctx).moveStage(assertId(id, 'id'), version, input);
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'Null when the customer is outside what you may see.' })
  customer(@Root() opportunity: Opportunity, @Ctx() ctx: RequestContext): Promise<Customer | null> {
    return ctx.loaders.customers.customerById.load(opportunity.customer.id);
  }

  @FieldResolver(() => User, { nullable: true })
  owner(@Root() opportunity: Opportunity, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(opportunity.owner.id);
  }

  @FieldResolver(() => [ProductLine])
  productLines(@Root() opportunity: Opportunity, @Ctx() ctx: RequestContext): Promise<ProductLine[]> {
    return ctx.loaders.pipeline.productLinesByOpportunity.load(opportunity);
  }

  @FieldResolver(() => [OpportunityStageChange], { nullable: true })
  stageHistory(@Root() opportunity: Opportunity, @Ctx() ctx: RequestContext): Promise<OpportunityStageChange[]> {
    return ctx.loaders.pipeline.stageHistoryByOpportunityId.load(opportunity.id);
  }
}

@Resolver(() => OpportunityStageChange)
export class OpportunityStageChangeResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who made the change.' })
  changedBy(@Root() change: OpportunityStageChange, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(change.changedBy.id);
  }
}
