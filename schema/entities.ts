import { PriceList } from './catalog/entities/price-list.entity';
import { PriceListEntry } from './catalog/entities/price-list-entry.entity';
import { Product } from './catalog/entities/product.entity';
import { ProductLine } from './catalog/entities/product-line.entity';
import { Distributor } from './channels/distributor.entity';
import { ApiKey } from './org/entities/api-key.entity';
import { ApprovalLimit } from './org/entities/approval-limit.entity';
import { OrgUnit } from './org/entities/org-unit.entity';
import { User } from './org/entities/user.entity';
import { CommissionPlan, CommissionTier } from './targets/entities/commission-plan.entity';

/** Every MikroORM entity, listed explicitly so discovery needs no file globbing (same in dist/ and under jest). */
export const ENTITIES = [
  OrgUnit,
  User,
  ApiKey,
  ApprovalLimit,
  Distributor,
  ProductLine,
  Product,
  PriceList,
  PriceListEntry,
  CommissionPlan,
  CommissionTier,
];
