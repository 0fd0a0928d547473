import type { EntityManager } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import { SalesChannel } from '../schema/catalog/catalog.enums';
import { PriceList } from '../schema/catalog/entities/price-list.entity';
import { PriceListEntry } from '../schema/catalog/entities/price-list-entry.entity';
import { Product } from '../schema/catalog/entities/product.entity';
import { ProductLine } from '../schema/catalog/entities/product-line.entity';
import { ApprovalLimit } from '../schema/org/entities/approval-limit.entity';
import type { OrgUnit } from '../schema/org/entities/org-unit.entity';
import { Role } from '../schema/org/org.enums';
import { CommissionPlan, CommissionTier } from '../schema/targets/entities/commission-plan.entity';
import { VisitNorm } from '../schema/targets/entities/visit-norm.entity';
import { CustomerTier } from '../schema/customers/customers.enums';
import { DEMO_APPROVAL_LIMITS, DEMO_COMMISSION_PLAN, DEMO_PRODUCT_LINES } from './demo-catalog.data';
import { demoId } from './demo-ids';

interface PricingRule {
  /** List price = cost × markup; floor = cost × floorMarkup. */
  markup: number;
  floorMarkup: number;
  quantityBreaks: boolean;
}

interface DemoPriceList {
  key: string;
  name: string;
  channel: SalesChannel;
  regionKey: string | null;
  validFrom: string;
  validTo: string | null;
  pricing: PricingRule;
}

const DIRECT: PricingRule = { markup: 1.6, floorMarkup: 1.15, quantityBreaks: true };

/** Three channels, one regional list, one list from last year; two lists run out within weeks of the demo date. */
export const DEMO_PRICE_LISTS: DemoPriceList[] = [
  { key: 'direct-2026', name: '2026 直销价目表（全国）', channel: SalesChannel.DIRECT, regionKey: null, validFrom: '2026-01-01', validTo: null, pricing: DIRECT },
  { key: 'direct-2025', name: '2025 直销价目表（全国）', channel: SalesChannel.DIRECT, regionKey: null, validFrom: '2025-01-01', validTo: '2025-12-31', pricing: DIRECT },
  {
    key: 'distributor-2026',
    name: '2026 经销价目表（全国）',
    channel: SalesChannel.DISTRIBUTOR,
    regionKey: null,
    validFrom: '2026-01-01',
    // Open-ended like the direct list: the demo's partner orders are priced from it whatever day it is seeded.
    validTo: null,
    pricing: { markup: 1.35, floorMarkup: 1.08, quantityBreaks: true },
  },
  {
    key: 'distributor-south-2026q4',
    name: '2026 Q4 华南经销促销价',
    channel: SalesChannel.DISTRIBUTOR,
    regionKey: 'south',
    validFrom: '2026-10-01',
    validTo: '2026-12-15',
    pricing: { markup: 1.3, floorMarkup: 1.08, quantityBreaks: false },
  },
  {
    key: 'online-2026',
    name: '2026 线上价目表',
    channel: SalesChannel.ONLINE,
    regionKey: null,
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    pricing: { markup: 1.7, floorMarkup: 1.3, quantityBreaks: false },
  },
];

const money = (value: Decimal.Value) => new Decimal(value).toDecimalPlaces(2).toFixed(2);

/** Product lines, ~300 products, price lists with an entry per product, approval limits, a commission plan and visit norms. */
export function seedDemoCatalog(em: EntityManager, regions: ReadonlyMap<string, OrgUnit>): void {
  const products: { product: Product; cost: Decimal }[] = [];
  for (const line of DEMO_PRODUCT_LINES) {
    const productLine = em.create(ProductLine, {
      id: demoId(`product-line:${line.code}`),
      code: line.code,
      name: line.name,
      englishName: line.nameEn,
      description: line.description,
    });
    for (const family of line.families) {
      family.variants.forEach((variant, index) => {
        const sku = `${line.skuPrefix}-${family.code}-${variant}`;
        const cost = new Decimal(family.baseCost).times(new Decimal(1.12).pow(index));
        const product = em.create(Product, {
          id: demoId(`product:${sku}`),
          sku,
          name: `${family.name} ${variant} 型`,
          englishName: `${family.nameEn}, model ${variant}`,
          unit: family.unit,
          productLine,
          unitCost: money(cost),
          specification: `${family.name}，型号 ${sku}，规格档位 ${index + 1}/${family.variants.length}。`,
        });
        products.push({ product, cost: new Decimal(product.unitCost) });
      });
    }
  }

  for (const list of DEMO_PRICE_LISTS) {
    const region = list.regionKey === null ? null : (regions.get(list.regionKey) ?? null);
    const priceList = em.create(PriceList, {
      id: demoId(`price-list:${list.key}`),
      name: list.name,
      channel: list.channel,
      region,
      validFrom: list.validFrom,
      validTo: list.validTo,
    });
    for (const { product, cost } of products) {
      const listPrice = cost.times(list.pricing.markup);
      const breaks = list.pricing.quantityBreaks
        ? [
            { minQuantity: 10, unitPrice: money(listPrice.times(0.95)) },
            { minQuantity: 50, unitPrice: money(listPrice.times(0.9)) },
          ]
        : [];
      em.create(PriceListEntry, {
        id: demoId(`price-list-entry:${list.key}:${product.sku}`),
        priceList,
        product,
        listPrice: money(listPrice),
        floorPrice: money(cost.times(list.pricing.floorMarkup)),
        quantityBreaks: breaks,
      });
    }
  }

  for (const limit of DEMO_APPROVAL_LIMITS) {
    em.create(ApprovalLimit, {
      id: demoId(`approval-limit:${limit.role}`),
      role: Role[limit.role],
      maxDiscountPercent: limit.maxDiscountPercent,
      maxContractAmount: limit.maxContractAmount,
      maxExpenseAmount: limit.maxExpenseAmount,
    });
  }

  const plan = em.create(CommissionPlan, {
    id: demoId('commission-plan:2026'),
    name: DEMO_COMMISSION_PLAN.name,
    validFrom: DEMO_COMMISSION_PLAN.validFrom,
    validTo: DEMO_COMMISSION_PLAN.validTo,
    // The plan of every rep and key account manager, as the commissions migration set it for plans already there.
    appliesToRoles: [Role.SALES_REP, Role.KEY_ACCOUNT_MANAGER],
  });
  DEMO_COMMISSION_PLAN.tiers.forEach((tier, index) => {
    em.create(CommissionTier, { id: demoId(`commission-tier:2026:${index}`), plan, ...tier });
  });

  // Key-customer visit norms (N3): A customers weekly, B customers twice a month; C customers are not measured.
  for (const [tier, visitsPerMonth] of [[CustomerTier.A, '4.00'], [CustomerTier.B, '2.00']] as const) {
    em.create(VisitNorm, { id: demoId(`visit-norm:${tier}`), tier, visitsPerMonth });
  }
}
