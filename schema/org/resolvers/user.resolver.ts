import { Args, Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../../api/auth/api-scopes';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { scoped, signedIn } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { Distributor } from '../../channels/distributor.entity';
import { OrgUnit } from '../entities/org-unit.entity';
import { User } from '../entities/user.entity';
import { UsersArgs } from '../org.inputs';
import { OrgService } from '../org.service';
import { UserConnection } from '../org.types';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { description: 'The signed-in user (or the user an API key acts as).' })
  @Allow(signedIn)
  me(@Ctx() ctx: RequestContext): Promise<User> {
    return new OrgService(ctx).me();
  }

  @Query(() => User, { nullable: true, description: 'One user by id: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(scoped(ApiScope.READ_ORG))
  user(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<User | null> {
    return new OrgService(ctx).userById(assertId(id, 'id'));
  }

  @Query(() => UserConnection, { description: 'The user directory, keyset-paginated.' })
  @Allow(scoped(ApiScope.READ_ORG))
  users(@Args() args: UsersArgs, @Ctx() ctx: RequestContext): Promise<UserConnection> {
    return new OrgService(ctx).users(args);
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  unit(@Root() user: User, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> | null {
    return user.unit === null ? null : ctx.loaders.org.unitById.load(user.unit.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Direct manager.' })
  manager(@Root() user: User, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return user.manager === null ? null : ctx.loaders.org.userById.load(user.manager.id);
  }

  @FieldResolver(() => Distributor, { nullable: true, description: 'Partner users only: their distributor.' })
  distributor(@Root() user: User, @Ctx() ctx: RequestContext): Promise<Distributor | null> | null {
    return user.distributor === null ? null : ctx.loaders.channels.distributorById.load(user.distributor.id);
  }
}
