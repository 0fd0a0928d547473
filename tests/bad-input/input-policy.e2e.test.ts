import { seedDemoSalesIfEmpty } from '../../seeds/demo-sales.seeder';
import { seedDemoOrdersIfEmpty } from '../../seeds/demo-orders.seeder';
import { catalog, people, units, userId } from '../fixtures/demo-people';
import { SET_CUSTOMER_CREDIT_LIMIT, VISITS, LOG_VISIT } from '../graphql/customers.documents';
import { CREATE_PRODUCT, LOGIN, SET_PRICE_LIST_ENTRY } from '../graphql/documents';
import { ORDERS } from '../graphql/orders.documents';
import { CONVERT_LEAD, CREATE_LEAD, CREATE_OPPORTUNITY, OPPORTUNITIES } from '../graphql/pipeline.documents';
import { CREATE_QUOTE } from '../graphql/quotes.documents';
import { errorOf } from '../support/errors';
import { createTestApp, type Auth, type TestApp } from '../support/test-app';

/** The text and number rules of the README, one trigger of issue 13 at a time, over HTTP as the demo people. */

let app: TestApp;
let rep: Auth;
let finance: Auth;
let admin: Auth;
const repId = userId(people.shanghai1Rep);

async function one<T>(sql: string): Promise<T> {
  const [row] = await app.orm.em.fork().getConnection().execute<T[]>(sql);
  return row;
}

const count = async (table: string) => (await one<{ n: number }>(`select count(*)::int as n from "${table}"`)).n;

beforeAll(async () => {
  app = await createTestApp({ WEBHOOK_DELIVERY: 'false' });
  await seedDemoSalesIfEmpty(app.orm, app.config);
  await seedDemoOrdersIfEmpty(app.orm, app.config);
  rep = { token: await app.tokenFor(people.shanghai1Rep.email) };
  finance = { token: await app.tokenFor(people.finance.email) };
  admin = { token: await app.tokenFor(people.admin.email) };
});

afterAll(async () => {
  await app.close();
});

const lead = { source: 'WEBSITE' as const, company: '语料线索公司', contactName: '王先生' };

describe('text', () => {
  it('a NUL byte in login is BAD_USER_INPUT at email, before anyone is signed in', async () => {
    const response = await app.gql(LOGIN, { email: 'lei.zhao@huaxin.demo\u0000', password: 'demo1234' });
    expect(response.status).toBeLessThan(500);
    expect(errorOf(response.errors)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'email', message: 'must not contain control characters, found U+0000' }] });
  });

  it('a NUL byte in a filter is BAD_USER_INPUT at its path, not a database error', async () => {
    const response = await app.gql(OPPORTUNITIES, { first: 5, filter: { search: 'a\u0000' } }, rep);
    expect(errorOf(response.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['filter.search'] });
  });

  it('names of spaces only or of zero-width characters only are refused, and nothing is stored', async () => {
    const before = await count('lead');
    const spaces = await app.gql(CREATE_LEAD, { input: { ...lead, company: '   ' } }, rep);
    expect(errorOf(spaces.errors)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.company', message: 'must contain a visible character, not only spaces' }] });
    const invisible = await app.gql(CREATE_LEAD, { input: { ...lead, contactName: '\u200b\u200c\u200d\ufeff' } }, rep);
    expect(errorOf(invisible.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.contactName'] });
    expect(await count('lead')).toBe(before);
  });

  it('an unpaired surrogate is refused, not stored as U+FFFD; every bad value of a request is named at once', async () => {
    const response = await app.gql(CREATE_LEAD, { input: { ...lead, company: 'a\ud800', notes: 'b\u0007', phone: '1'.repeat(41) } }, rep);
    expect(errorOf(response.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.company', 'input.phone', 'input.notes'] });
    expect(errorOf(response.errors).fields![0].message).toBe('must not contain an unpaired UTF-16 surrogate (U+D800)');
  });

  it('text is stored trimmed and in NFC; notes keep their line breaks and tabs', async () => {
    const response = await app.gql(CREATE_LEAD, { input: { ...lead, company: '  Cafe\u0301 自动化  ', notes: 'first line\r\n\tsecond line' } }, rep);
    expect(response.errors).toBeUndefined();
    expect(response.data?.createLead).toMatchObject({ company: 'Café 自动化', notes: 'first line\n\tsecond line' });
  });
});

describe('numbers', () => {
  it('a credit limit with more integer digits than numeric(14,2) holds is refused at creditLimit', async () => {
    const customer = await one<{ id: string; version: number }>(`select id, version from customer where owner_id = '${repId}' order by code limit 1`);
    const tooLong = await app.gql(SET_CUSTOMER_CREDIT_LIMIT, { id: customer.id, version: customer.version, creditLimit: '999999999999999' }, finance);
    expect(errorOf(tooLong.errors)).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'creditLimit', message: 'must have at most 12 digits before the decimal point' }],
    });
    const beyond = await app.gql(SET_CUSTOMER_CREDIT_LIMIT, { id: customer.id, version: customer.version, creditLimit: '10000000000.01' }, finance);
    expect(errorOf(beyond.errors)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'creditLimit', message: 'must be at most 10000000000' }] });
    const cents = await app.gql(SET_CUSTOMER_CREDIT_LIMIT, { id: customer.id, version: customer.version, creditLimit: '1.005' }, finance);
    expect(errorOf(cents.errors)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'creditLimit', message: 'must have at most 2 decimals' }] });
  });

  it('deal amounts, converted leads, product costs and list prices are bounded by their columns', async () => {
    const customer = await one<{ id: string }>(`select id from customer where owner_id = '${repId}' order by code limit 1`);
    const opportunity = await app.gql(CREATE_OPPORTUNITY, { input: { customerId: customer.id, name: '语料商机', amount: '1234567890123', productLineIds: [] } }, rep);
    expect(errorOf(opportunity.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.amount'] });

    const convertible = await one<{ id: string; version: number }>(`select id, version from lead where owner_id = '${repId}' limit 1`);
    const converted = await app.gql(
      CONVERT_LEAD,
      { id: convertible.id, version: convertible.version, input: { existingCustomerId: customer.id, opportunity: { name: '语料', amount: '999999999999999' } } },
      rep,
    );
    expect(errorOf(converted.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.opportunity.amount'] });

    const product = await app.gql(
      CREATE_PRODUCT,
      { input: { sku: 'SEN-CORPUS-02', name: '语料', unit: '只', productLineId: catalog.sensorLine, unitCost: '999999999999999' } },
      admin,
    );
    expect(errorOf(product.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.unitCost'] });

    const entry = await app.gql(
      SET_PRICE_LIST_ENTRY,
      { input: { priceListId: catalog.directPriceList, productId: catalog.pt100, listPrice: '999999999999999', floorPrice: '1.00', quantityBreaks: [] } },
      admin,
    );
    expect(errorOf(entry.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.listPrice'] });
  });

  it('only the currencies the company trades in; a lower-case code is stored upper-case', async () => {
    const customer = await one<{ id: string }>(`select id from customer where owner_id = '${repId}' order by code limit 1`);
    const zzz = await app.gql(CREATE_OPPORTUNITY, { input: { customerId: customer.id, name: '语料商机', amount: '1000.00', currency: 'ZZZ', productLineIds: [] } }, rep);
    expect(errorOf(zzz.errors)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.currency', message: 'must be one of CNY, HKD, USD, EUR' }] });
    const usd = await app.gql(CREATE_OPPORTUNITY, { input: { customerId: customer.id, name: '语料美元商机', amount: '1000.00', currency: 'usd', productLineIds: [] } }, rep);
    expect(usd.errors).toBeUndefined();
    expect(usd.data?.createOpportunity.currency).toBe('USD');
  });

  it('a quote line of 2147483647 units is refused at its quantity, and one whose total would pass ten billion too', async () => {
    const opportunity = await one<{ id: string }>(`select id from opportunity where owner_id = '${repId}' and stage = 'PROPOSAL' limit 1`);
    const validUntil = (await one<{ day: string }>(`select (current_date + 30)::text as day`)).day;
    const quotes = await count('quote');
    const huge = await app.gql(CREATE_QUOTE, { input: { opportunityId: opportunity.id, validUntil, lines: [{ productId: catalog.pt100, quantity: 2147483647 }] } }, rep);
    expect(errorOf(huge.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.lines.0.quantity'] });

    // 20,000 units at 50,000,000 each: a line total of 1,000,000,000,000 would not even fit numeric(14,2).
    const priced = await app.gql(
      SET_PRICE_LIST_ENTRY,
      { input: { priceListId: catalog.directPriceList, productId: catalog.pt100, listPrice: '50000000.00', floorPrice: '1.00', quantityBreaks: [] } },
      admin,
    );
    expect(priced.errors).toBeUndefined();
    const overflow = await app.gql(CREATE_QUOTE, { input: { opportunityId: opportunity.id, validUntil, lines: [{ productId: catalog.pt100, quantity: 20000 }] } }, rep);
    expect(errorOf(overflow.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.lines.0.quantity'] });
    expect(errorOf(overflow.errors).fields![0].message).toMatch(/^the line total at list price would be 1000000000000\.00, above the largest allowed, 10000000000\.00$/);
    expect(await count('quote')).toBe(quotes);
  });
});

describe('dates, cursors and types', () => {
  it('year 0000 is refused at the field, in a filter and in a form; year 10000 is not a LocalDate at all', async () => {
    const filter = await app.gql(VISITS, { filter: { from: '0000-01-01' } }, rep);
    expect(errorOf(filter.errors)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'filter.from', message: 'must be between 1900-01-01 and 9999-12-31' }] });
    const customer = await one<{ id: string }>(`select id from customer where owner_id = '${repId}' order by code limit 1`);
    const visit = await app.gql(LOG_VISIT, { input: { customerId: customer.id, visitedOn: '0000-01-01', purpose: '回访' } }, rep);
    expect(errorOf(visit.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.visitedOn'] });
    const far = await app.gql(LOG_VISIT, { input: { customerId: customer.id, visitedOn: '10000-01-01', purpose: '回访' } }, rep);
    expect(errorOf(far.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.visitedOn'] });
    const instant = await app.gql(ORDERS, { filter: { createdFrom: '0000-01-01T00:00:00Z' } }, rep);
    expect(errorOf(instant.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['filter.createdFrom'] });
  });

  it('a cursor with the right number of values but the wrong types is BAD_USER_INPUT at after; a real one still pages', async () => {
    const mistyped = await app.gql(ORDERS, { orderBy: 'TOTAL_DESC', after: 'WyJ4IiwieSJd' }, finance);
    expect(errorOf(mistyped.errors)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'after', message: 'is not a cursor returned by this list' }] });
    const first = await app.gql(ORDERS, { orderBy: 'TOTAL_DESC', first: 2 }, finance);
    const next = await app.gql(ORDERS, { orderBy: 'TOTAL_DESC', first: 2, after: first.data!.orders.pageInfo.endCursor }, finance);
    expect(next.errors).toBeUndefined();
    expect(next.data!.orders.nodes).toHaveLength(2);
  });

  it('values graphql-js refuses itself (unknown enum values, strings for numbers) name their field too', async () => {
    const response = await app.request
      .post('/graphql')
      .set('authorization', `Bearer ${(rep as { token: string }).token}`)
      .send({
        query: 'mutation Bad($lead: CreateLeadInput!) { createLead(input: $lead) { id } }',
        variables: { lead: { ...lead, source: 'CARRIER_PIGEON' } },
      });
    expect(response.status).toBe(400);
    expect(errorOf(response.body.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['input.source'] });
    const region = await app.gql(CREATE_LEAD, { input: { ...lead, regionId: units.east.slice(0, 8) } }, rep);
    expect(errorOf(region.errors)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.regionId', message: 'is not a valid id' }] });
  });
});
