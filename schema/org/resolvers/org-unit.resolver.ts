import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../../api/auth/api-scopes';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { scoped } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { OrgUnit } from '../entities/org-unit.entity';
import { User } from '../entities/user.entity';
import { OrgUnitKind } from '../org.enums';
import { OrgService } from '../org.service';

@Resolver(() => OrgUnit)
export class OrgUnitResolver {
  @Query(() => [OrgUnit], { description: 'The org units visible to you, in tree order (parents before children).' })
  @Allow(scoped(ApiScope.READ_ORG))
  orgUnits(
    @Arg('kind', () => OrgUnitKind, { nullable: true }) kind: OrgUnitKind | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<OrgUnit[]> {
    return new OrgService(ctx).orgUnits(kind ?? undefined);
  }

  @Query(() => OrgUnit, { nullable: true, description: 'One org unit by id: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(scoped(ApiScope.READ_ORG))
  orgUnit(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> {
    return new OrgService(ctx).orgUnitById(assertId(id, 'id'));
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  parent(@Root() unit: OrgUnit, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> | null {
    return unit.parent === null ? null : ctx.loaders.org.unitById.load(unit.parent.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The person who heads this unit.' })
  head(@Root() unit: OrgUnit, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return unit.head === null ? null : ctx.loaders.org.userById.load(unit.head.id);
  }

  @FieldResolver(() => [OrgUnit], { description: 'Units directly below this one.' })
  children(@Root() unit: OrgUnit, @Ctx() ctx: RequestContext): Promise<OrgUnit[]> {
    return ctx.loaders.org.childrenByUnitId.load(unit.id);
  }

  @FieldResolver(() => [User], { description: 'Users placed directly in this unit (not in units below it).' })
  members(@Root() unit: OrgUnit, @Ctx() ctx: RequestContext): Promise<User[]> {
    return ctx.loaders.org.membersByUnitId.load(unit.id);
  }
}
