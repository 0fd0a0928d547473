import { OptimisticLockError, raw, UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../api/context';
import { likeContains } from '../../api/database/like';
import { lockVersion } from '../../api/database/optimistic-lock';
import { UserInputError, type FieldProblem } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { findPage, type ConnectionShape, type PageArgs } from '../../api/pagination';
import type { Viewer } from '../../api/permissions/viewer';
import { OrgUnit } from '../org/entities/org-unit.entity';
import { OrgUnitKind } from '../org/org.enums';
import { CatalogError, CatalogErrorCode } from './catalog.errors';
import type { CreatePriceListInput, CreateProductInput, PriceListFilter, ProductsArgs, SetPriceListEntryInput, UpdateProductInput } from './catalog.inputs';
import { ProductOrder } from './catalog.inputs';
import { priceListRowScope, productLineRowScope, productRowScope } from './catalog.policy';
import { dateRangeProblems, dateRangesOverlap, nonNegativeProblems, priceProblems, skuProblems } from './catalog.validation';
import { PriceList } from './entities/price-list.entity';
import { PriceListEntry } from './entities/price-list-entry.entity';
import { Product } from './entities/product.entity';
import { ProductLine } from './entities/product-line.entity';


function assertValid(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new UserInputError(problems);
}

/** Product lines, products and price lists: reads in the viewer's scope, writes (admins) validated in one place. */
export class CatalogService {
  constructor(private readonly ctx: RequestContext) {}

  private get em() {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  productLines(): Promise<ProductLine[]> {
    return this.em.find(ProductLine, productLineRowScope(this.viewer), { orderBy: { code: 'asc' } });
  }

  productById(id: string): Promise<Product> {
    return findVisibleOrFail(this.em, Product, { id }, productRowScope(this.viewer), () => new CatalogError(CatalogErrorCode.PRODUCT_NOT_FOUND, { id }));
  }

  products(args: ProductsArgs): Promise<ConnectionShape<Product>> {
    const filter = args.filter;
    const conditions: FilterQuery<Product>[] = [productRowScope(this.viewer)];
    if (filter?.search !== undefined) {
      conditions.push({
        [raw((alias) => `(${alias}.sku || ' ' || ${alias}.name || ' ' || coalesce(${alias}.english_name, ''))`)]: {
          $ilike: likeContains(filter.search),
        },
      });
    }
    if (filter?.productLineId !== undefined) conditions.push({ productLine: filter.productLineId });
    if (filter?.status !== undefined) conditions.push({ status: filter.status });
    const orderBy = args.orderBy === ProductOrder.SKU_ASC ? { sku: 'asc', id: 'asc' } : { name: 'asc', id: 'asc' };
    return findPage(this.em, Product, { $and: conditions }, args, orderBy as never);
  }

  priceLists(filter: PriceListFilter | undefined): Promise<PriceList[]> {
    const conditions: FilterQuery<PriceList>[] = [priceListRowScope(this.viewer)];
    if (filter?.channel !== undefined) conditions.push({ channel: filter.channel });
    if (filter?.regionId !== undefined) conditions.push({ $or: [{ region: null }, { region: filter.regionId }] });
    if (filter?.activeOn !== undefined) {
      conditions.push({ active: true, validFrom: { $lte: filter.activeOn }, $or: [{ validTo: null }, { validTo: { $gte: filter.activeOn } }] });
    }
    return this.em.find(PriceList, { $and: conditions }, { orderBy: { channel: 'asc', validFrom: 'desc', id: 'asc' } });
  }

  priceListById(id: string): Promise<PriceList> {
    return findVisibleOrFail(this.em, PriceList, { id }, priceListRowScope(this.viewer), () => new CatalogError(CatalogErrorCode.PRICE_LIST_NOT_FOUND, { id }));
  }

  /** Entries of one list, keyset-paginated in a stable (id) order. */
  entries(priceList: PriceList, page: PageArgs): Promise<ConnectionShape<PriceListEntry>> {
    return findPage(this.em, PriceListEntry, { priceList: priceList.id, product: productRowScope(this.viewer) }, page, { id: 'asc' });
  }

  private productLine(id: string, path: string): Promise<ProductLine> {
    return findVisibleOrFail(this.em, ProductLine, { id }, {}, () => UserInputError.field(path, 'no such product line'));
  }

  async createProduct(input: CreateProductInput): Promise<Product> {
    const sku = input.sku.trim();
    assertValid([...skuProblems(sku, 'input.sku'), ...nonNegativeProblems(input.unitCost, 'input.unitCost')]);
    const productLine = await this.productLine(input.productLineId, 'input.productLineId');
    if ((await this.em.count(Product, { sku })) > 0) throw new CatalogError(CatalogErrorCode.SKU_TAKEN, { field: 'input.sku', sku });
    const product = this.em.create(Product, {
      sku,
      name: input.name.trim(),
      englishName: input.englishName?.trim() || null,
      unit: input.unit.trim(),
      productLine,
      status: input.status,
      unitCost: input.unitCost,
      specification: input.specification ?? null,
    });
    await this.flush({ sku });
    return product;
  }

  async updateProduct(id: string, version: number, input: UpdateProductInput): Promise<Product> {
    if (input.unitCost !== undefined && input.unitCost !== null) assertValid(nonNegativeProblems(input.unitCost, 'input.unitCost'));
    const product = await this.productById(id);
    await lockVersion(this.em, product, version, () => new CatalogError(CatalogErrorCode.STALE_VERSION, { field: 'version' }));
    if (input.productLineId) product.productLine = await this.productLine(input.productLineId, 'input.productLineId');
    if (input.name) product.name = input.name.trim();
    if (input.englishName !== undefined) product.englishName = input.englishName?.trim() || null;
    if (input.unit) product.unit = input.unit.trim();
    if (input.status) product.status = input.status;
    if (input.unitCost) product.unitCost = input.unitCost;
    if (input.specification !== undefined) product.specification = input.specification ?? null;
    await this.flush();
    return product;
  }

  async createPriceList(input: CreatePriceListInput): Promise<PriceList> {
    assertValid(dateRangeProblems(input.validFrom, input.validTo, 'input.validTo'));
    let region: OrgUnit | null = null;
    if (input.regionId !== undefined && input.regionId !== null) {
      region = await this.em.findOne(OrgUnit, { id: input.regionId, kind: OrgUnitKind.REGION });
      if (region === null) throw UserInputError.field('input.regionId', 'is not a region');
    }
    const validTo = input.validTo ?? null;
    if (input.active) {
      const sameScope = await this.em.find(PriceList, { channel: input.channel, region: region?.id ?? null, active: true });
      const clash = sameScope.find((other) => dateRangesOverlap(input.validFrom, validTo, other.validFrom, other.validTo));
      if (clash) throw new CatalogError(CatalogErrorCode.PRICE_LIST_OVERLAP, { field: 'input.validFrom', priceListId: clash.id, priceListName: clash.name });
    }
    const priceList = this.em.create(PriceList, {
      name: input.name.trim(),
      currency: input.currency.toUpperCase(),
      channel: input.channel,
      region,
      validFrom: input.validFrom,
      validTo,
      active: input.active,
    });
    await this.flush();
    return priceList;
  }

  async setPriceListEntry(input: SetPriceListEntryInput): Promise<PriceListEntry> {
    const breaks = (input.quantityBreaks ?? []).map((b) => ({ minQuantity: b.minQuantity, unitPrice: b.unitPrice }));
    assertValid(priceProblems(input.listPrice, input.floorPrice, breaks, 'input.'));
    const priceList = await findVisibleOrFail(this.em, PriceList, { id: input.priceListId }, {}, () => UserInputError.field('input.priceListId', 'no such price list'));
    const product = await findVisibleOrFail(this.em, Product, { id: input.productId }, {}, () => UserInputError.field('input.productId', 'no such product'));
    const existing = await this.em.findOne(PriceListEntry, { priceList, product });
    const entry = existing ?? this.em.create(PriceListEntry, { priceList, product, listPrice: input.listPrice, floorPrice: input.floorPrice });
    entry.listPrice = input.listPrice;
    entry.floorPrice = input.floorPrice;
    entry.quantityBreaks = breaks;
    await this.flush();
    return entry;
  }

  /** The database has the last word on uniqueness (two admins racing for one SKU). */
  private async flush(context: { sku?: string } = {}): Promise<void> {
    try {
      await this.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException && context.sku !== undefined) {
        throw new CatalogError(CatalogErrorCode.SKU_TAKEN, { field: 'input.sku', sku: context.sku });
      }
      if (error instanceof OptimisticLockError) throw new CatalogError(CatalogErrorCode.STALE_VERSION, { field: 'version' });
      // price_list_no_overlap, the exclusion constraint behind the overlap check, when two admins race.
      if ((error as { code?: string }).code === '23P01') throw new CatalogError(CatalogErrorCode.PRICE_LIST_OVERLAP, { field: 'input.validFrom' });
      throw error;
    }
  }
}
