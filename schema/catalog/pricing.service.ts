import type { EntityManager } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import type { RequestContext } from '../../api/context';
import { UserInputError } from '../../api/errors';
import { assertComputedAmount } from '../../api/validation';
import type { OrgUnit } from '../org/entities/org-unit.entity';
import { ProductStatus, type SalesChannel } from './catalog.enums';
import { PriceList } from './entities/price-list.entity';
import { PriceListEntry } from './entities/price-list-entry.entity';
import { Product } from './entities/product.entity';

/** The unit price for `quantity`: the quantity break with the highest minQuantity not above it, else the list price. */
export function listPriceFor(entry: Pick<PriceListEntry, 'listPrice' | 'quantityBreaks'>, quantity: number): Decimal {
  let best: { minQuantity: number; unitPrice: string } | undefined;
  for (const quantityBreak of entry.quantityBreaks) {
    if (quantityBreak.minQuantity <= quantity && (best === undefined || quantityBreak.minQuantity > best.minQuantity)) best = quantityBreak;
  }
  return new Decimal(best?.unitPrice ?? entry.listPrice);
}

/** listPrice × (1 − discount / 100), rounded half up to cents. */
export function discountedPrice(listPrice: Decimal, discountPercent: Decimal): Decimal {
  return listPrice.times(new Decimal(100).minus(discountPercent)).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/**
 * A discount as given by a client: 0 to 100 with at most two decimals, else BAD_USER_INPUT at `path`.
 */
export function discountPercentOf(value: string, path: string): Decimal {
  const discount = new Decimal(value);
  if (discount.isNegative() || discount.greaterThan(100)) throw UserInputError.field(path, 'must be between 0 and 100');
  if (discount.decimalPlaces() > 2) throw UserInputError.field(path, 'must have at most two decimals');
  return discount;
}

/** Who is buying: the channel picks the price lists, the region prefers its own list over the nationwide one. */
export interface PricingCustomer {
  channel: SalesChannel;
  region: Pick<OrgUnit, 'id'>;
}

/** One line to price; `path` names the line in errors (e.g. `input.lines.0`). */
export interface LineToPrice {
  productId: string;
  quantity: number;
  discountPercent: Decimal;
  path: string;
}

export interface PricedLine {
  product: Product;
  quantity: number;
  /** Per unit, quantity breaks applied. */
  listPrice: Decimal;
  discountPercent: Decimal;
  unitPrice: Decimal;
  priceList: PriceList;
}

/**
 * How each caller reports the two refusals in its own module's terms (quotes and orders have their own codes).
 * `path` is the line's path; the error should name the field within it.
 */
export interface PricingRefusals {
  noPrice(path: string, productId: string): Error;
  belowFloor(path: string): Error;
}

/**
 * Prices lines from the price lists (价目表), the one implementation quotes and orders share: the customer's
 * channel's active lists valid on the day, the customer's region's list first and the nationwide list for products
 * the regional one lacks, quantity breaks applied, nothing below the floor price.
 */
export class PricingService {
  constructor(private readonly ctx: RequestContext) {}

  /**
   * Prices every line, or refuses the first one that cannot be sold: an unknown or not-on-sale product
   * (BAD_USER_INPUT at `<path>.productId`), a quantity whose line total would be beyond the largest deal amount
   * (BAD_USER_INPUT at `<path>.quantity`), one no list prices (`refusals.noPrice`), a discount that would sell below
   * the floor price (`refusals.belowFloor`; the error must not say what the floor is: reps may not know it).
   */
  async price(customer: PricingCustomer, lines: readonly LineToPrice[], day: string, refusals: PricingRefusals): Promise<PricedLine[]> {
    const em = this.ctx.em;
    const productIds = [...new Set(lines.map((line) => line.productId))];
    const lists = await em.find(PriceList, {
      channel: customer.channel,
      active: true,
      validFrom: { $lte: day },
      $and: [{ $or: [{ validTo: null }, { validTo: { $gte: day } }] }, { $or: [{ region: null }, { region: customer.region.id }] }],
    });
    // One after the other: pricing runs inside its caller's transaction, on one connection.
    const products = await em.find(Product, { id: { $in: productIds } });
    const entries = lists.length === 0 ? [] : await em.find(PriceListEntry, { priceList: { $in: lists.map((list) => list.id) }, product: { $in: productIds } });
    const productById = new Map(products.map((product) => [product.id, product]));
    const listById = new Map(lists.map((list) => [list.id, list]));
    const regionalEntry = new Map<string, PriceListEntry>();
    const nationwideEntry = new Map<string, PriceListEntry>();
    for (const entry of entries) {
      const list = listById.get(entry.priceList.id);
      (list?.region === null ? nationwideEntry : regionalEntry).set(entry.product.id, entry);
    }

    return lines.map((line) => {
      const product = productById.get(line.productId);
      if (product === undefined) throw UserInputError.field(`${line.path}.productId`, 'no such product');
      if (product.status !== ProductStatus.ACTIVE) throw UserInputError.field(`${line.path}.productId`, 'is not on sale');
      const entry = regionalEntry.get(product.id) ?? nationwideEntry.get(product.id);
      if (entry === undefined) throw refusals.noPrice(line.path, product.id);
      const listPrice = listPriceFor(entry, line.quantity);
      assertComputedAmount(listPrice.times(line.quantity), `${line.path}.quantity`, 'the line total at list price');
      const unitPrice = discountedPrice(listPrice, line.discountPercent);
      if (unitPrice.lessThan(entry.floorPrice)) throw refusals.belowFloor(line.path);
      return { product, quantity: line.quantity, listPrice, discountPercent: line.discountPercent, unitPrice, priceList: listById.get(entry.priceList.id)! };
    });
  }
}

/** The most specific list a set of lines was priced from: a regional list if any line used one, else the first. */
export function mostSpecificPriceList(lines: readonly PricedLine[]): PriceList {
  return lines.find((line) => line.priceList.region !== null)?.priceList ?? lines[0].priceList;
}
