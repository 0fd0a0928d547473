import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import {
  SALES_MATRIX_APPROVALS,
  SALES_MATRIX_COMPLAINTS,
  SALES_MATRIX_CUSTOMERS,
  SALES_MATRIX_CUSTOMERS_BY_CREDIT,
  SALES_MATRIX_LEADS,
  SALES_MATRIX_OPPORTUNITIES,
  SALES_MATRIX_OPPORTUNITIES_BY_AMOUNT,
  SALES_MATRIX_OPPORTUNITIES_FILTERED_BY_AMOUNT,
  SALES_MATRIX_VISITS,
} from './graphql/sales-matrix.documents';
import { CREATE_API_KEY } from './graphql/documents';
import { people, userId, type PersonName } from './fixtures/demo-people';
import { createTestApp, type Auth, type GraphQLResponse, type TestApp } from './support/test-app';

/**
 * Who sees which sales rows and fields, role by role, on the demo sales data (seeds/demo-sales.*), written out by
 * hand so the table is the spec. Rows: how many customers, opportunities, leads, approvals, visits and complaints
 * each role's lists return. Fields: every guarded field of customers, opportunities and quote lines, as `read`
 * (a value on every row) or `hidden` (null and FORBIDDEN at its path on every row). `amountProbe` and `creditProbe`
 * are the rows a filter or sort on the hidden field returns: never more than the rows whose value is readable.
 */
type Access = 'read' | 'hidden';

interface Row {
  role: string;
  as: PersonName | 'integrationKey';
  customers: number;
  opportunities: number;
  leads: number;
  approvals: number;
  visits: number;
  complaints: number;
  credit: Access;
  internalCustomerFields: Access;
  amount: Access;
  internalDealFields: Access;
  cost: Access;
  amountProbe: number;
  creditProbe: number;
}

const MATRIX: Row[] = [
  { role: 'ADMIN', as: 'admin', customers: 13, opportunities: 14, leads: 6, approvals: 2, visits: 7, complaints: 3, credit: 'read', internalCustomerFields: 'read', amount: 'read', internalDealFields: 'read', cost: 'read', amountProbe: 14, creditProbe: 13 },
  { role: 'SALES_VP', as: 'vp', customers: 13, opportunities: 14, leads: 6, approvals: 2, visits: 7, complaints: 3, credit: 'read', internalCustomerFields: 'read', amount: 'read', internalDealFields: 'read', cost: 'read', amountProbe: 14, creditProbe: 13 },
  { role: 'REGIONAL_DIRECTOR', as: 'eastDirector', customers: 6, opportunities: 7, leads: 4, approvals: 1, visits: 4, complaints: 2, credit: 'read', internalCustomerFields: 'read', amount: 'read', internalDealFields: 'read', cost: 'read', amountProbe: 7, creditProbe: 6 },
  { role: 'TEAM_MANAGER', as: 'shanghai1Manager', customers: 3, opportunities: 4, leads: 2, approvals: 1, visits: 3, complaints: 1, credit: 'read', internalCustomerFields: 'read', amount: 'read', internalDealFields: 'read', cost: 'hidden', amountProbe: 4, creditProbe: 3 },
  { role: 'SALES_REP', as: 'shanghai1Rep', customers: 2, opportunities: 3, leads: 1, approvals: 1, visits: 3, complaints: 1, credit: 'hidden', internalCustomerFields: 'read', amount: 'read', internalDealFields: 'read', cost: 'hidden', amountProbe: 3, creditProbe: 0 },
  { role: 'KEY_ACCOUNT_MANAGER', as: 'keyAccountManager', customers: 3, opportunities: 4, leads: 0, approvals: 0, visits: 3, complaints: 1, credit: 'hidden', internalCustomerFields: 'read', amount: 'read', internalDealFields: 'read', cost: 'hidden', amountProbe: 4, creditProbe: 0 },
  { role: 'CUSTOMER_SERVICE', as: 'customerService', customers: 13, opportunities: 0, leads: 0, approvals: 0, visits: 7, complaints: 3, credit: 'hidden', internalCustomerFields: 'read', amount: 'read', internalDealFields: 'read', cost: 'hidden', amountProbe: 0, creditProbe: 0 },
  { role: 'TECH_SUPPORT', as: 'techSupport', customers: 13, opportunities: 0, leads: 0, approvals: 0, visits: 7, complaints: 3, credit: 'hidden', internalCustomerFields: 'read', amount: 'read', internalDealFields: 'read', cost: 'hidden', amountProbe: 0, creditProbe: 0 },
  { role: 'FINANCE', as: 'finance', customers: 13, opportunities: 14, leads: 0, approvals: 0, visits: 7, complaints: 3, credit: 'read', internalCustomerFields: 'read', amount: 'hidden', internalDealFields: 'read', cost: 'read', amountProbe: 0, creditProbe: 13 },
  { role: 'PARTNER', as: 'partner', customers: 2, opportunities: 2, leads: 0, approvals: 0, visits: 0, complaints: 0, credit: 'hidden', internalCustomerFields: 'hidden', amount: 'hidden', internalDealFields: 'hidden', cost: 'hidden', amountProbe: 0, creditProbe: 0 },
  { role: 'INTEGRATION', as: 'integrationKey', customers: 13, opportunities: 14, leads: 6, approvals: 0, visits: 7, complaints: 3, credit: 'hidden', internalCustomerFields: 'read', amount: 'hidden', internalDealFields: 'read', cost: 'hidden', amountProbe: 0, creditProbe: 0 },
];

let app: TestApp;
const auths = new Map<string, Auth>();

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
  const created = await app.gql(
    CREATE_API_KEY,
    { input: { name: 'CRM sync', scopes: ['READ_SALES'], userId: userId(people.integration) } },
    { token: await app.tokenFor(people.admin.email) },
  );
  auths.set('integrationKey', { apiKey: created.data!.createApiKey.key });
});

afterAll(async () => {
  await app.close();
});

async function authFor(as: PersonName | 'integrationKey'): Promise<Auth> {
  const known = auths.get(as);
  if (known) return known;
  const auth = { token: await app.tokenFor(people[as as PersonName].email) };
  auths.set(as, auth);
  return auth;
}

/** Every row's `field` is readable (a value, no error) or hidden (null, FORBIDDEN at exactly that row's path). */
function expectAccess(response: GraphQLResponse<unknown>, listPath: (string | number)[], rows: Record<string, unknown>[], field: string, access: Access): void {
  const errorsAt = new Set(
    (response.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => JSON.stringify(e.path)),
  );
  rows.forEach((row, index) => {
    const path = JSON.stringify([...listPath, index, field]);
    if (access === 'read') {
      expect({ path, value: row[field] === null || row[field] === undefined ? 'missing' : 'present' }).toEqual({ path, value: 'present' });
      expect(errorsAt.has(path)).toBe(false);
    } else {
      expect({ path, value: row[field] }).toEqual({ path, value: null });
      expect({ path, forbidden: errorsAt.has(path) }).toEqual({ path, forbidden: true });
    }
  });
}

it('covers every role', () => {
  expect(new Set(MATRIX.map((row) => row.role)).size).toBe(11);
});

describe.each(MATRIX.map((row) => [`${row.role} (${row.as})`, row] as const))('%s', (_name, row) => {
  it(`sees ${row.customers} customers; credit fields ${row.credit}, tier/tags/health ${row.internalCustomerFields}`, async () => {
    const response = await app.gql(SALES_MATRIX_CUSTOMERS, {}, await authFor(row.as));
    const nodes = response.data!.customers.nodes as unknown as Record<string, unknown>[];
    expect(response.data!.customers.totalCount).toBe(row.customers);
    expect(nodes).toHaveLength(row.customers);
    for (const field of ['creditLimit', 'currentExposure', 'paymentDelayDays']) expectAccess(response, ['customers', 'nodes'], nodes, field, row.credit);
    for (const field of ['tier', 'tags', 'healthScore']) expectAccess(response, ['customers', 'nodes'], nodes, field, row.internalCustomerFields);
  });

  it(`sees ${row.opportunities} opportunities; amount ${row.amount}, internal deal fields ${row.internalDealFields}, quote cost ${row.cost}`, async () => {
    const response = await app.gql(SALES_MATRIX_OPPORTUNITIES, {}, await authFor(row.as));
    const nodes = response.data!.opportunities.nodes as unknown as Record<string, unknown>[];
    expect(response.data!.opportunities.totalCount).toBe(row.opportunities);
    expect(nodes).toHaveLength(row.opportunities);
    expectAccess(response, ['opportunities', 'nodes'], nodes, 'amount', row.amount);
    for (const field of ['probability', 'stageHistory', 'quoteLines']) {
      expectAccess(response, ['opportunities', 'nodes'], nodes, field, row.internalDealFields);
    }
    if (row.internalDealFields === 'read') {
      nodes.forEach((node, index) => {
        const lines = node.quoteLines as Record<string, unknown>[];
        for (const field of ['unitCost', 'margin']) expectAccess(response, ['opportunities', 'nodes', index, 'quoteLines'], lines, field, row.cost);
      });
    }
  });

  it(`cannot probe hidden amounts or credit limits: ${row.amountProbe} opportunities by amount, ${row.creditProbe} customers by credit`, async () => {
    const auth = await authFor(row.as);
    const byAmount = await app.gql(SALES_MATRIX_OPPORTUNITIES_BY_AMOUNT, {}, auth);
    expect(byAmount.errors).toBeUndefined();
    expect(byAmount.data!.opportunities.nodes).toHaveLength(row.amountProbe);
    const filtered = await app.gql(SALES_MATRIX_OPPORTUNITIES_FILTERED_BY_AMOUNT, {}, auth);
    expect(filtered.data!.opportunities.nodes).toHaveLength(row.amountProbe);
    const byCredit = await app.gql(SALES_MATRIX_CUSTOMERS_BY_CREDIT, {}, auth);
    expect(byCredit.data!.customers.nodes).toHaveLength(row.creditProbe);
  });

  it(`lists ${row.leads} leads, ${row.approvals} approvals, ${row.visits} visits and ${row.complaints} complaints`, async () => {
    const auth = await authFor(row.as);
    expect((await app.gql(SALES_MATRIX_LEADS, {}, auth)).data!.leads.totalCount).toBe(row.leads);
    expect((await app.gql(SALES_MATRIX_APPROVALS, {}, auth)).data!.approvals.totalCount).toBe(row.approvals);
    expect((await app.gql(SALES_MATRIX_VISITS, {}, auth)).data!.visits.totalCount).toBe(row.visits);
    expect((await app.gql(SALES_MATRIX_COMPLAINTS, {}, auth)).data!.complaints.totalCount).toBe(row.complaints);
  });
});
