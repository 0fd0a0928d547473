import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../api/context';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { Distributor } from '../distributor.entity';

@Resolver(() => Distributor)
export class DistributorResolver {
  @FieldResolver(() => [OrgUnit], { description: 'The regions the distributor holds exclusively, by name.' })
  regions(@Root() distributor: Distributor, @Ctx() ctx: RequestContext): Promise<OrgUnit[]> {
    return ctx.loaders.channels.regionsByDistributorId.load(distributor.id);
  }
}
