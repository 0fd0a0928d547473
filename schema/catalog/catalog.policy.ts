import type { FilterQuery } from '@mikro-orm/postgresql';
import { rolesRule, rowReaders } from '../../api/permissions/access-rule';
import { isPartner, type Viewer } from '../../api/permissions/viewer';
import { Role } from '../org/org.enums';
import { ProductStatus, SalesChannel } from './catalog.enums';
import type { PriceList } from './entities/price-list.entity';
import type { Product } from './entities/product.entity';
import type { ProductLine } from './entities/product-line.entity';

/** The catalogue is readable by everyone who may see the row; partners see the part they sell. */
export const catalogReaders = rowReaders;

/** Unit cost and anything derived from it (margins): directors, the VP, finance, admins. */
export const costReaders = rolesRule('cost-readers', 'regional directors, the VP, finance and admins', [
  Role.REGIONAL_DIRECTOR,
  Role.SALES_VP,
  Role.FINANCE,
  Role.ADMIN,
]);

/** Floor prices (底价): managers and above, finance, admins. Reps get a refusal, not the number. */
export const floorPriceReaders = rolesRule(
  'floor-price-readers',
  'team managers, regional directors, the VP, finance and admins',
  [Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR, Role.SALES_VP, Role.FINANCE, Role.ADMIN],
);

/** Master data is written by admins (in the admin UI or through these mutations). */
export const catalogEditors = rolesRule('catalog-editors', 'admins', [Role.ADMIN]);

export function productLineRowScope(viewer: Viewer): FilterQuery<ProductLine> {
  return isPartner(viewer) ? { active: true } : {};
}

/** Partners see the products on sale; internal users see drafts and discontinued products too. */
export function productRowScope(viewer: Viewer): FilterQuery<Product> {
  return isPartner(viewer) ? { status: ProductStatus.ACTIVE } : {};
}

/** Partners see the active distributor price lists that are nationwide or for one of their regions. */
export function priceListRowScope(viewer: Viewer): FilterQuery<PriceList> {
  if (!isPartner(viewer)) return {};
  return {
    channel: SalesChannel.DISTRIBUTOR,
    active: true,
    $or: [{ region: null }, { region: { $in: [...viewer.distributorRegionIds] } }],
  };
}
