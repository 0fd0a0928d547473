import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../../api/auth/api-scopes';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { scoped } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { CreateProductInput, ProductsArgs, UpdateProductInput } from '../catalog.inputs';
import { catalogEditors } from '../catalog.policy';
import { CatalogService } from '../catalog.service';
import { ProductConnection } from '../catalog.types';
import { Product } from '../entities/product.entity';
import { ProductLine } from '../entities/product-line.entity';

@Resolver(() => Product)
export class ProductResolver {
  @Query(() => [ProductLine], { description: 'Product lines, by code.' })
  @Allow(scoped(ApiScope.READ_CATALOG))
  productLines(@Ctx() ctx: RequestContext): Promise<ProductLine[]> {
    return new CatalogService(ctx).productLines();
  }

  @Query(() => ProductConnection, { description: 'The catalogue, keyset-paginated.' })
  @Allow(scoped(ApiScope.READ_CATALOG))
  products(@Args() args: ProductsArgs, @Ctx() ctx: RequestContext): Promise<ProductConnection> {
    return new CatalogService(ctx).products(args);
  }

  @Query(() => Product, { nullable: true, description: 'One product by id: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(scoped(ApiScope.READ_CATALOG))
  product(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Product | null> {
    return new CatalogService(ctx).productById(assertId(id, 'id'));
  }

  @Mutation(() => Product)
  @Allow(catalogEditors)
  createProduct(@Arg('input') input: CreateProductInput, @Ctx() ctx: RequestContext): Promise<Product> {
    return new CatalogService(ctx).createProduct(input);
  }

  @Mutation(() => Product, { description: 'Changes a product; `version` must be the one you read (optimistic locking).' })
  @Allow(catalogEditors)
  updateProduct(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: UpdateProductInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Product> {
    return new CatalogService(ctx).updateProduct(assertId(id, 'id'), version, input);
  }

  @FieldResolver(() => ProductLine, { nullable: true })
  productLine(@Root() product: Product, @Ctx() ctx: RequestContext): Promise<ProductLine | null> {
    return ctx.loaders.catalog.productLineById.load(product.productLine.id);
  }
}
