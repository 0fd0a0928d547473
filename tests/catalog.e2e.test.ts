import type { ResultOf } from '@graphql-typed-document-node/core';
import { DEMO_API_KEY } from '../seeds/demo-company.seeder';
import {
  APPROVAL_LIMITS,
  COMMISSION_PLANS,
  CREATE_PRICE_LIST,
  CREATE_PRODUCT,
  PRICE_LIST_ENTRIES,
  PRICE_LISTS,
  PRODUCT_COST,
  PRODUCT_LINES,
  PRODUCTS,
  SET_PRICE_LIST_ENTRY,
  UPDATE_PRODUCT,
} from './graphql/documents';
import { catalog, people, units } from './fixtures/demo-people';
import { createTestApp, type TestApp } from './support/test-app';

let app: TestApp;
let admin: { token: string };
let rep: { token: string };

beforeAll(async () => {
  app = await createTestApp();
  admin = { token: await app.tokenFor(people.admin.email) };
  rep = { token: await app.tokenFor(people.shanghai1Rep.email) };
});

afterAll(async () => {
  await app.close();
});

describe('reading the catalogue', () => {
  it('lists six product lines and 300 products, keyset-paginated', async () => {
    const lines = await app.gql(PRODUCT_LINES, {}, rep);
    expect(lines.data?.productLines.map((l) => l.code)).toEqual(['DRIVE', 'HMI', 'MOTOR', 'PLC', 'PNEU', 'SENSOR']);

    const skus: string[] = [];
    let after: string | null | undefined = null;
    do {
      const page: Awaited<ReturnType<typeof app.gql<ResultOf<typeof PRODUCTS>, unknown>>> = await app.gql(
        PRODUCTS,
        { first: 100, after, orderBy: 'SKU_ASC' },
        rep,
      );
      expect(page.errors).toBeUndefined();
      skus.push(...page.data!.products.nodes.map((p) => p.sku));
      after = page.data!.products.pageInfo.hasNextPage ? page.data!.products.pageInfo.endCursor : null;
    } while (after);
    expect(skus).toHaveLength(catalog.productCount);
    expect([...skus].sort()).toEqual(skus);
  });

  it('filters by product line and by text in the SKU or name', async () => {
    const sensors = await app.gql(PRODUCTS, { first: 100, filter: { productLineId: catalog.sensorLine } }, rep);
    expect(sensors.data?.products.totalCount).toBe(50);
    expect(sensors.data?.products.nodes.every((p) => p.productLine?.code === 'SENSOR')).toBe(true);

    const bySku = await app.gql(PRODUCTS, { first: 20, filter: { search: 'pt100-0' } }, rep);
    expect(bySku.data?.products.nodes.map((p) => p.sku)).toContain('SEN-PT100-01');
    const byName = await app.gql(PRODUCTS, { first: 20, filter: { search: '伺服电机' } }, rep);
    expect(byName.data?.products.totalCount).toBe(10);
  });

  it('lists price lists with their region and pages through entries with quantity breaks', async () => {
    const lists = await app.gql(PRICE_LISTS, { filter: { activeOn: '2026-11-23' } }, rep);
    expect(lists.data?.priceLists.map((l) => l.id).sort()).toEqual(
      [catalog.directPriceList, catalog.distributorPriceList, catalog.southPromoPriceList, catalog.onlinePriceList].sort(),
    );
    expect(lists.data?.priceLists.find((l) => l.id === catalog.southPromoPriceList)?.region?.id).toBe(units.south);

    const entries = await app.gql(PRICE_LIST_ENTRIES, { id: catalog.directPriceList, first: 50 }, admin);
    expect(entries.errors).toBeUndefined();
    expect(entries.data?.priceList!.entries.totalCount).toBe(catalog.productCount);
    const entry = entries.data!.priceList!.entries.nodes[0];
    expect(entry.quantityBreaks.map((b) => b.minQuantity)).toEqual([10, 50]);
    expect(Number(entry.floorPrice)).toBeLessThanOrEqual(Number(entry.listPrice));
    expect(entry.listPrice).toMatch(/^\d+(\.\d+)?$/);
  });

  it('approval limits follow the layered authority and are internal', async () => {
    const limits = await app.gql(APPROVAL_LIMITS, {}, rep);
    expect(limits.data?.approvalLimits.map((l) => [l.role, l.maxContractAmount])).toEqual([
      ['SALES_REP', '200000'],
      ['KEY_ACCOUNT_MANAGER', '500000'],
      ['TEAM_MANAGER', '500000'],
      ['REGIONAL_DIRECTOR', '2000000'],
      ['SALES_VP', '10000000'],
    ]);
    const partner = await app.gql(APPROVAL_LIMITS, {}, { token: await app.tokenFor(people.partner.email) });
    expect(partner.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('the commission plan lists its tiers in order', async () => {
    const plans = await app.gql(COMMISSION_PLANS, {}, rep);
    expect(plans.data?.commissionPlans[0].tiers.map((t) => [t.achievementFrom, t.achievementTo, t.ratePercent])).toEqual([
      ['0', '60', '0'],
      ['60', '80', '1'],
      ['80', '100', '2'],
      ['100', '120', '3'],
      ['120', null, '4.5'],
    ]);
  });

  it('the integration key reads the catalogue only with read:catalog', async () => {
    const response = await app.gql(PRODUCTS, { first: 1 }, { apiKey: DEMO_API_KEY.key });
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('partners see the part of the catalogue they sell', () => {
  it('only distributor price lists, nationwide or for their region, and no floor or cost', async () => {
    const partner = { token: await app.tokenFor(people.partner.email) };
    const lists = await app.gql(PRICE_LISTS, {}, partner);
    expect(lists.data?.priceLists.map((l) => l.id).sort()).toEqual([catalog.distributorPriceList, catalog.southPromoPriceList].sort());
    const direct = await app.gql(PRICE_LIST_ENTRIES, { id: catalog.directPriceList, first: 1 }, partner);
    expect(direct.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const entries = await app.gql(PRICE_LIST_ENTRIES, { id: catalog.southPromoPriceList, first: 2 }, partner);
    expect(entries.data?.priceList!.entries.nodes.map((n) => n.floorPrice)).toEqual([null, null]);
    expect(entries.data?.priceList!.entries.nodes[0].listPrice).toMatch(/^\d/);
    expect(entries.errors?.every((e) => e.extensions?.code === 'FORBIDDEN' && e.path?.at(-1) === 'floorPrice')).toBe(true);

    const cost = await app.gql(PRODUCT_COST, { id: catalog.pt100 }, partner);
    expect(cost.data?.product!.unitCost).toBeNull();
  });
});

describe('admins maintain the catalogue through the API too', () => {
  const newProduct = {
    sku: 'SEN-TEST-0001',
    name: '测试传感器',
    unit: '个',
    productLineId: catalog.sensorLine,
    unitCost: '12.50',
  };

  it('creates a product that everyone allowed can read at once', async () => {
    const created = await app.gql(CREATE_PRODUCT, { input: newProduct }, admin);
    expect(created.errors).toBeUndefined();
    expect(created.data?.createProduct).toMatchObject({ sku: 'SEN-TEST-0001', unitCost: '12.5', version: 1, productLine: { code: 'SENSOR' } });
    const found = await app.gql(PRODUCTS, { first: 5, filter: { search: 'SEN-TEST' } }, rep);
    expect(found.data?.products.nodes.map((p) => p.sku)).toEqual(['SEN-TEST-0001']);
  });

  it('refuses a bad SKU, a negative cost and an unknown product line, naming each field, and stores nothing', async () => {
    // The input policy (numbers, text) is checked first, the catalogue's rules after it.
    const cost = await app.gql(CREATE_PRODUCT, { input: { ...newProduct, sku: 'bad sku', unitCost: '-1' } }, admin);
    expect(cost.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.unitCost', message: 'must not be negative' }] });
    const response = await app.gql(CREATE_PRODUCT, { input: { ...newProduct, sku: 'bad sku' } }, admin);
    expect(response.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.sku', message: expect.stringContaining('upper-case') }],
    });
    const line = await app.gql(CREATE_PRODUCT, { input: { ...newProduct, sku: 'SEN-TEST-0002', productLineId: '00000000-0000-4000-8000-000000000000' } }, admin);
    expect(line.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.productLineId' }] });
    const none = await app.gql(PRODUCTS, { first: 5, filter: { search: 'SEN-TEST-0002' } }, admin);
    expect(none.data?.products.totalCount).toBe(0);
  });

  it('refuses a duplicate SKU with CONFLICT', async () => {
    const response = await app.gql(CREATE_PRODUCT, { input: { ...newProduct, sku: 'SEN-PT100-01' } }, admin);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'SKU_TAKEN', field: 'input.sku' });
  });

  it('updates with optimistic locking: a stale version is a CONFLICT', async () => {
    const first = await app.gql(UPDATE_PRODUCT, { id: catalog.pt100, version: 1, input: { name: 'PT100 温度传感器 01 型（新款）' } }, admin);
    expect(first.data?.updateProduct).toMatchObject({ version: 2 });
    const stale = await app.gql(UPDATE_PRODUCT, { id: catalog.pt100, version: 1, input: { status: 'DISCONTINUED' } }, admin);
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
  });

  it('refuses a floor above the list price and breaks outside the price range', async () => {
    const input = { priceListId: catalog.directPriceList, productId: catalog.pt100, listPrice: '100', floorPrice: '120' };
    const above = await app.gql(SET_PRICE_LIST_ENTRY, { input }, admin);
    expect(above.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.floorPrice', message: 'must not be above the list price' }],
    });
    const breaks = await app.gql(
      SET_PRICE_LIST_ENTRY,
      { input: { ...input, floorPrice: '80', quantityBreaks: [{ minQuantity: 10, unitPrice: '70' }, { minQuantity: 5, unitPrice: '90' }] } },
      admin,
    );
    expect(breaks.errors?.[0].extensions?.fields).toEqual([
      { path: 'input.quantityBreaks.0.unitPrice', message: 'must lie between the floor price and the list price' },
      { path: 'input.quantityBreaks.1.minQuantity', message: 'must be a whole number above 10 and above the previous break' },
    ]);
    const ok = await app.gql(SET_PRICE_LIST_ENTRY, { input: { ...input, floorPrice: '80', quantityBreaks: [{ minQuantity: 10, unitPrice: '95' }] } }, admin);
    expect(ok.data?.setPriceListEntry).toMatchObject({ listPrice: '100', floorPrice: '80', quantityBreaks: [{ minQuantity: 10, unitPrice: '95' }] });
  });

  it('refuses an active price list that overlaps another of the same channel and region', async () => {
    const overlapping = await app.gql(
      CREATE_PRICE_LIST,
      { input: { name: '重叠的直销价', channel: 'DIRECT', validFrom: '2026-06-01', validTo: '2026-06-30' } },
      admin,
    );
    expect(overlapping.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'PRICE_LIST_OVERLAP', priceListId: catalog.directPriceList });

    const regional = await app.gql(
      CREATE_PRICE_LIST,
      { input: { name: '华东直销促销', channel: 'DIRECT', regionId: units.east, validFrom: '2026-06-01', validTo: '2026-06-30' } },
      admin,
    );
    expect(regional.errors).toBeUndefined();

    const backwards = await app.gql(
      CREATE_PRICE_LIST,
      { input: { name: '日期颠倒', channel: 'ONLINE', validFrom: '2027-06-01', validTo: '2027-05-01' } },
      admin,
    );
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.validTo' }] });
  });

  it('only admins write master data', async () => {
    for (const who of [people.vp, people.shanghai1Rep, people.finance]) {
      const response = await app.gql(CREATE_PRODUCT, { input: { ...newProduct, sku: 'SEN-TEST-0003' } }, { token: await app.tokenFor(who.email) });
      expect(response.errors?.[0]).toMatchObject({ path: ['createProduct'], extensions: { code: 'FORBIDDEN' } });
    }
  });
});
