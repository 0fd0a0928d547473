import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../../api/auth/api-scopes';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { selectsTotalCount } from '../../../api/pagination';
import { scoped } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { ChannelConflictService } from '../channel-conflicts.service';
import { ChannelConflictStatus } from '../channels.enums';
import { ChannelConflictsArgs } from '../channels.inputs';
import { conflictResolvers } from '../channels.policy';
import { ChannelConflictConnection } from '../channels.types';
import { Distributor } from '../distributor.entity';
import { ChannelConflict } from '../entities/channel-conflict.entity';

@Resolver(() => ChannelConflict)
export class ChannelConflictResolver {
  @Query(() => ChannelConflictConnection, {
    description:
      'Cross-region selling detected from distributors’ shipments and sell-through reports, newest first: the regional ' +
      'directors of the regions involved see theirs, the VP and admins all; everyone else, partners included, none.',
  })
  @Allow(scoped(ApiScope.READ_SALES))
  channelConflicts(@Args() args: ChannelConflictsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<ChannelConflictConnection> {
    return new ChannelConflictService(ctx).conflicts(args, { includeCount: selectsTotalCount(info) });
  }

  @Query(() => ChannelConflict, { nullable: true, description: 'One channel conflict by id: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(scoped(ApiScope.READ_SALES))
  channelConflict(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ChannelConflict | null> {
    return new ChannelConflictService(ctx).conflictById(assertId(id, 'id'));
  }

  @Mutation(() => ChannelConflict, {
    description:
      'Confirms or dismisses an OPEN conflict you see (a director: one touching their region), once, with what was ' +
      'found; `version` as read. A second resolution gets CONFLICT.',
  })
  @Allow(conflictResolvers)
  resolveChannelConflict(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('status', () => ChannelConflictStatus, { description: 'CONFIRMED or DISMISSED.' }) status: ChannelConflictStatus,
    @Arg('resolution', { description: 'What was found and done.' }) resolution: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ChannelConflict> {
    return new ChannelConflictService(ctx).resolve(assertId(id, 'id'), version, status, resolution);
  }

  @FieldResolver(() => Distributor, { nullable: true })
  distributor(@Root() conflict: ChannelConflict, @Ctx() ctx: RequestContext): Promise<Distributor | null> {
    return ctx.loaders.channels.distributorById.load(conflict.distributor.id);
  }

  @FieldResolver(() => OrgUnit, { nullable: true, description: 'The region the goods were sold into the channel for.' })
  homeRegion(@Root() conflict: ChannelConflict, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> {
    return ctx.loaders.org.unitById.load(conflict.homeRegion.id);
  }

  @FieldResolver(() => OrgUnit, { nullable: true, description: 'The region they turned up in.' })
  foundRegion(@Root() conflict: ChannelConflict, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> {
    return ctx.loaders.org.unitById.load(conflict.foundRegion.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who confirmed or dismissed it.' })
  resolvedBy(@Root() conflict: ChannelConflict, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return conflict.resolvedBy === null ? null : ctx.loaders.org.userById.load(conflict.resolvedBy.id);
  }
}
