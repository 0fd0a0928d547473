import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../../api/auth/api-scopes';
import type { RequestContext } from '../../../api/context';
import { MAX_PAGE_SIZE, selectsTotalCount, type ConnectionShape } from '../../../api/pagination';
import { scoped } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { Contact } from '../../customers/entities/contact.entity';
import { Visit } from '../../customers/entities/visit.entity';
import { User } from '../../org/entities/user.entity';
import { OpportunityFollowUp } from '../entities/opportunity-follow-up.entity';
import { Opportunity } from '../entities/opportunity.entity';
import { FollowUpsArgs, LogFollowUpInput } from '../follow-ups.inputs';
import { FollowUpService } from '../follow-ups.service';
import { OpportunityFollowUpConnection } from '../follow-ups.types';
import { dealWriters } from '../pipeline.policy';

@Resolver(() => OpportunityFollowUp)
export class OpportunityFollowUpResolver {
  @Query(() => OpportunityFollowUpConnection, { description: 'The follow-up log of an opportunity you may see, newest first.' })
  @Allow(scoped(ApiScope.READ_SALES))
  followUps(@Args() args: FollowUpsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<OpportunityFollowUpConnection> {
    return new FollowUpService(ctx).followUps(args, { includeCount: selectsTotalCount(info) });
  }

  @Mutation(() => OpportunityFollowUp, {
    description: 'Logs a follow-up (跟进记录) on an opportunity you work; its next step becomes the opportunity’s when it is the latest.',
  })
  @Allow(dealWriters)
  logFollowUp(@Arg('input') input: LogFollowUpInput, @Ctx() ctx: RequestContext): Promise<OpportunityFollowUp> {
    return new FollowUpService(ctx).logFollowUp(input);
  }

  @FieldResolver(() => Opportunity, { nullable: true })
  opportunity(@Root() followUp: OpportunityFollowUp, @Ctx() ctx: RequestContext): Promise<Opportunity | null> {
    return ctx.loaders.pipeline.opportunityById.load(followUp.opportunity.id);
  }

  @FieldResolver(() => User, { nullable: true })
  author(@Root() followUp: OpportunityFollowUp, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(followUp.author.id);
  }

  @FieldResolver(() => Contact, { nullable: true })
  contact(@Root() followUp: OpportunityFollowUp, @Ctx() ctx: RequestContext): Promise<Contact | null> | null {
    return followUp.contact === null ? null : ctx.loaders.customers.contactById.load(followUp.contact.id);
  }

  @FieldResolver(() => Visit, { nullable: true })
  visit(@Root() followUp: OpportunityFollowUp, @Ctx() ctx: RequestContext): Promise<Visit | null> | null {
    return followUp.visit === null ? null : ctx.loaders.followUp.visitById.load(followUp.visit.id);
  }
}

/** The follow-up log on an opportunity. */
@Resolver(() => Opportunity)
export class OpportunityFollowUpsResolver {
  @FieldResolver(() => OpportunityFollowUpConnection, {
    description: 'The newest follow-ups (跟进记录); `followUps(opportunityId, after: pageInfo.endCursor)` pages on. Empty for partners.',
  })
  followUps(
    @Root() opportunity: Opportunity,
    @Arg('first', () => Int, { defaultValue: 5 }) first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<ConnectionShape<OpportunityFollowUp>> {
    return ctx.loaders.followUpLog.followUpPage.load({ opportunityId: opportunity.id, first: Math.min(Math.max(first, 1), MAX_PAGE_SIZE) });
  }
}

