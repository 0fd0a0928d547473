import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../../api/auth/api-scopes';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { PageArgs } from '../../../api/pagination';
import { scoped } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { CreatePriceListInput, PriceListFilter, SetPriceListEntryInput } from '../catalog.inputs';
import { catalogEditors } from '../catalog.policy';
import { CatalogService } from '../catalog.service';
import { PriceListEntryConnection } from '../catalog.types';
import { PriceList } from '../entities/price-list.entity';
import { PriceListEntry } from '../entities/price-list-entry.entity';
import { Product } from '../entities/product.entity';

@Resolver(() => PriceList)
export class PriceListResolver {
  @Query(() => [PriceList], { description: 'Price lists visible to you; partners see their channel’s lists for their regions.' })
  @Allow(scoped(ApiScope.READ_CATALOG))
  priceLists(
    @Arg('filter', () => PriceListFilter, { nullable: true }) filter: PriceListFilter | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<PriceList[]> {
    return new CatalogService(ctx).priceLists(filter ?? undefined);
  }

  @Query(() => PriceList, { nullable: true, description: 'One price list by id: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(scoped(ApiScope.READ_CATALOG))
  priceList(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<PriceList | null> {
    return new CatalogService(ctx).priceListById(assertId(id, 'id'));
  }

  @Mutation(() => PriceList, { description: 'Refused when an active list of the same channel and region overlaps in time.' })
  @Allow(catalogEditors)
  createPriceList(@Arg('input') input: CreatePriceListInput, @Ctx() ctx: RequestContext): Promise<PriceList> {
    return new CatalogService(ctx).createPriceList(input);
  }

  @Mutation(() => PriceListEntry)
  @Allow(catalogEditors)
  setPriceListEntry(@Arg('input') input: SetPriceListEntryInput, @Ctx() ctx: RequestContext): Promise<PriceListEntry> {
    return new CatalogService(ctx).setPriceListEntry(input);
  }

  @FieldResolver(() => OrgUnit, { nullable: true, description: 'The region; null for a nationwide list.' })
  region(@Root() priceList: PriceList, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> | null {
    return priceList.region === null ? null : ctx.loaders.org.unitById.load(priceList.region.id);
  }

  @FieldResolver(() => PriceListEntryConnection)
  entries(@Root() priceList: PriceList, @Args() page: PageArgs, @Ctx() ctx: RequestContext): Promise<PriceListEntryConnection> {
    return new CatalogService(ctx).entries(priceList, page);
  }
}

@Resolver(() => PriceListEntry)
export class PriceListEntryResolver {
  @FieldResolver(() => Product, { nullable: true })
  product(@Root() entry: PriceListEntry, @Ctx() ctx: RequestContext): Promise<Product | null> {
    return ctx.loaders.catalog.productById.load(entry.product.id);
  }
}
