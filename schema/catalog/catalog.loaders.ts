import type { EntityManager } from '@mikro-orm/postgresql';
import { entityByIdLoader, MATCHES_NOTHING } from '../../api/data-loaders';
import type { Viewer } from '../../api/permissions/viewer';
import { PriceList } from './entities/price-list.entity';
import { Product } from './entities/product.entity';
import { ProductLine } from './entities/product-line.entity';
import { priceListRowScope, productLineRowScope, productRowScope } from './catalog.policy';

export function createCatalogLoaders(em: EntityManager, viewer: Viewer | null) {
  return {
    productById: entityByIdLoader(em, Product, viewer === null ? MATCHES_NOTHING : productRowScope(viewer)),
    productLineById: entityByIdLoader(em, ProductLine, viewer === null ? MATCHES_NOTHING : productLineRowScope(viewer)),
    priceListById: entityByIdLoader(em, PriceList, viewer === null ? MATCHES_NOTHING : priceListRowScope(viewer)),
  };
}
