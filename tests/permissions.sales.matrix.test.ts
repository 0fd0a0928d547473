import { collectPolicy } from '../api/permissions/shield';
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
 * each role's lists return. Fields: every guarded field of customers, opportunities, quotes, quote lines and
 * approval requests (GUARDED_FIELDS below), as `read` (a value on every row), `hidden` (null and FORBIDDEN at its
 * path on every row) or `booked` (the money rule: read on the WON deal and its accepted quote, hidden on every open
 * or lost deal and its quotes). `amountProbe` and `creditProbe` are the rows a filter or sort on the hidden field
 * returns: never more than the rows whose value is readable.
 *
 * The money rule (README): pipeline money — an open deal's amount, its quotes' totals, discounts and line prices,
 * an approval request's discount — is the sales line's (owner, chain, key account manager, the VP, admins); booked
 * money — a WON deal's amount and its accepted quote — is also finance's and integrations'. The demo has one WON deal
 * (宝钢精密 冷轧线 PLC 改造, its quote accepted) among 14.
 */
type Access = 'read' | 'hidden';
type MoneyAccess = Access | 'booked';

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
  /** Opportunity.amount. */
  amount: MoneyAccess;
  internalDealFields: Access;
  /** Quote.listTotal, total, maxDiscountPercent; QuoteLine.listPrice, discountPercent, unitPrice, lineTotal. */
  quoteMoney: MoneyAccess;
  /** QuoteLine.unitCost. */
  cost: Access;
  /** QuoteLine.margin: the price less the cost, so both rules. */
  margin: MoneyAccess;
  amountProbe: number;
  creditProbe: number;
}

const MATRIX: Row[] = [
  { role: 'ADMIN', as: 'admin', customers: 13, opportunities: 14, leads: 6, approvals: 2, visits: 7, complaints: 3, credit: 'read', internalCustomerFields: 'read', amount: 'read', internalDealFields: 'read', quoteMoney: 'read', cost: 'read', margin: 'read', amountProbe: 14, creditProbe: 13 },
  { role: 'SALES_VP', as: 'vp', customers: 13, opportunities: 14, leads: 6, approvals: 2, visits: 7, complaints: 3, credit: 'read', internalCustomerFields: 'read', amount: 'read', internalDealFields: 'read', quoteMoney: 'read', cost: 'read', margin: 'read', amountProbe: 14, creditProbe: 13 },
  { role: 'REGIONAL_DIRECTOR', as: 'eastDirector', customers: 6, opportunities: 7, leads: 4, approvals: 1, visits: 4, complaints: 2, credit: 'read', internalCustomerFields: 'read', amount: 'read', internalDealFields: 'read', quoteMoney: 'read', cost: 'read', margin: 'read', amountProbe: 7, creditProbe: 6 },
  { role: 'TEAM_MANAGER', as: 'shanghai1Manager', customers: 3, opportunities: 4, leads: 2, approvals: 1, visits: 3, complaints: 1, credit: 'read', internalCustomerFields: 'read', amount: 'read', internalDealFields: 'read', quoteMoney: 'read', cost: 'hidden', margin: 'hidden', amountProbe: 4, creditProbe: 3 },
  { role: 'SALES_REP', as: 'shanghai1Rep', customers: 2, opportunities: 3, leads: 1, approvals: 1, visits: 3, complaints: 1, credit: 'hidden', internalCustomerFields: 'read', amount: 'read', internalDealFields: 'read', quoteMoney: 'read', cost: 'hidden', margin: 'hidden', amountProbe: 3, creditProbe: 0 },
  { role: 'KEY_ACCOUNT_MANAGER', as: 'keyAccountManager', customers: 3, opportunities: 4, leads: 0, approvals: 0, visits: 3, complaints: 1, credit: 'hidden', internalCustomerFields: 'read', amount: 'read', internalDealFields: 'read', quoteMoney: 'read', cost: 'hidden', margin: 'hidden', amountProbe: 4, creditProbe: 0 },
  { role: 'CUSTOMER_SERVICE', as: 'customerService', customers: 13, opportunities: 0, leads: 0, approvals: 0, visits: 7, complaints: 3, credit: 'hidden', internalCustomerFields: 'read', amount: 'read', internalDealFields: 'read', quoteMoney: 'read', cost: 'hidden', margin: 'hidden', amountProbe: 0, creditProbe: 0 },
  { role: 'TECH_SUPPORT', as: 'techSupport', customers: 13, opportunities: 0, leads: 0, approvals: 0, visits: 7, complaints: 3, credit: 'hidden', internalCustomerFields: 'read', amount: 'read', internalDealFields: 'read', quoteMoney: 'read', cost: 'hidden', margin: 'hidden', amountProbe: 0, creditProbe: 0 },
  { role: 'FINANCE', as: 'finance', customers: 13, opportunities: 14, leads: 0, approvals: 0, visits: 7, complaints: 3, credit: 'read', internalCustomerFields: 'read', amount: 'booked', internalDealFields: 'read', quoteMoney: 'booked', cost: 'read', margin: 'booked', amountProbe: 1, creditProbe: 13 },
  { role: 'PARTNER', as: 'partner', customers: 2, opportunities: 2, leads: 0, approvals: 0, visits: 0, complaints: 0, credit: 'hidden', internalCustomerFields: 'hidden', amount: 'hidden', internalDealFields: 'hidden', quoteMoney: 'hidden', cost: 'hidden', margin: 'hidden', amountProbe: 0, creditProbe: 0 },
  { role: 'INTEGRATION', as: 'integrationKey', customers: 13, opportunities: 14, leads: 6, approvals: 0, visits: 7, complaints: 3, credit: 'hidden', internalCustomerFields: 'read', amount: 'booked', internalDealFields: 'read', quoteMoney: 'booked', cost: 'hidden', margin: 'hidden', amountProbe: 1, creditProbe: 0 },
];

type Column = keyof Pick<Row, 'credit' | 'internalCustomerFields' | 'amount' | 'internalDealFields' | 'quoteMoney' | 'cost' | 'margin'> | 'approvalAmount';

/** The guarded fields of the sales types, each checked by a column above (`approvalAmount`: read wherever an approval is seen). */
const GUARDED_FIELDS: Record<string, Column> = {
  'Customer.creditLimit': 'credit',
  'Customer.currentExposure': 'credit',
  'Customer.paymentDelayDays': 'credit',
  'Customer.tier': 'internalCustomerFields',
  'Customer.tags': 'internalCustomerFields',
  'Customer.healthScore': 'internalCustomerFields',
  'Customer.latitude': 'internalCustomerFields',
  'Customer.longitude': 'internalCustomerFields',
  'Customer.followUpStatus': 'internalCustomerFields',
  'Opportunity.amount': 'amount',
  'Opportunity.probability': 'internalDealFields',
  'Opportunity.nextStep': 'internalDealFields',
  'Opportunity.nextStepDate': 'internalDealFields',
  'Opportunity.stageHistory': 'internalDealFields',
  'Opportunity.quoteLines': 'internalDealFields',
  'Quote.listTotal': 'quoteMoney',
  'Quote.total': 'quoteMoney',
  'Quote.maxDiscountPercent': 'quoteMoney',
  'QuoteLine.listPrice': 'quoteMoney',
  'QuoteLine.discountPercent': 'quoteMoney',
  'QuoteLine.unitPrice': 'quoteMoney',
  'QuoteLine.lineTotal': 'quoteMoney',
  'QuoteLine.unitCost': 'cost',
  'QuoteLine.margin': 'margin',
  'ApprovalRequest.discountPercent': 'approvalAmount',
};
const SALES_TYPES = ['Customer', 'Opportunity', 'Quote', 'QuoteLine', 'ApprovalRequest'];

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

/**
 * Every row's `field` is readable (a value, no error) or hidden (null, FORBIDDEN at exactly that row's path);
 * `booked`: readable on the rows `isBooked` picks, hidden on the others.
 */
function expectAccess(
  response: GraphQLResponse<unknown>,
  listPath: (string | number)[],
  rows: Record<string, unknown>[],
  field: string,
  access: MoneyAccess,
  isBooked: (row: Record<string, unknown>, index: number) => boolean = () => false,
): void {
  const errorsAt = new Set(
    (response.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => JSON.stringify(e.path)),
  );
  rows.forEach((row, index) => {
    const path = JSON.stringify([...listPath, index, field]);
    const readable = access === 'booked' ? isBooked(row, index) : access === 'read';
    if (readable) {
      expect({ path, value: row[field] === null || row[field] === undefined ? 'missing' : 'present' }).toEqual({ path, value: 'present' });
      expect(errorsAt.has(path)).toBe(false);
    } else {
      expect({ path, value: row[field] }).toEqual({ path, value: null });
      expect({ path, forbidden: errorsAt.has(path) }).toEqual({ path, forbidden: true });
    }
  });
}

/** One value at `path`: present without an error, or null with FORBIDDEN at exactly that path. */
function expectOne(response: GraphQLResponse<unknown>, path: (string | number)[], value: unknown, readable: boolean): void {
  const forbidden = (response.errors ?? []).some((e) => e.extensions?.code === 'FORBIDDEN' && JSON.stringify(e.path) === JSON.stringify(path));
  const at = JSON.stringify(path);
  if (readable) expect({ at, present: value !== null && value !== undefined, forbidden }).toEqual({ at, present: true, forbidden: false });
  else expect({ at, value, forbidden }).toEqual({ at, value: null, forbidden: true });
}

describe('the matrix is complete', () => {
  it('covers every role', () => {
    expect(new Set(MATRIX.map((row) => row.role)).size).toBe(11);
  });

  it('covers every guarded field of the sales types', () => {
    const guarded = collectPolicy(app.server.schema)
      .fields.filter((entry) => SALES_TYPES.includes(entry.typeName))
      .map((entry) => `${entry.typeName}.${entry.fieldName}`);
    expect(guarded.sort()).toEqual(Object.keys(GUARDED_FIELDS).sort());
  });

  it('guards every field that carries the deal’s money with the money rule', () => {
    const rules = new Map(collectPolicy(app.server.schema).fields.map((entry) => [`${entry.typeName}.${entry.fieldName}`, entry.rule.name]));
    expect(rules.get('Opportunity.amount')).toBe('deal-amount-readers');
    for (const field of ['Quote.listTotal', 'Quote.total', 'Quote.maxDiscountPercent']) expect([field, rules.get(field)]).toEqual([field, 'quote-money-readers']);
    for (const field of ['QuoteLine.listPrice', 'QuoteLine.discountPercent', 'QuoteLine.unitPrice', 'QuoteLine.lineTotal']) {
      expect([field, rules.get(field)]).toEqual([field, 'quote-line-money-readers']);
    }
    expect(rules.get('QuoteLine.margin')).toBe('quote-line-margin-readers');
    expect(rules.get('ApprovalRequest.discountPercent')).toBe('approval-amount-readers');
  });
});

describe.each(MATRIX.map((row) => [`${row.role} (${row.as})`, row] as const))('%s', (_name, row) => {
  it(`sees ${row.customers} customers; credit fields ${row.credit}, tier/tags/health ${row.internalCustomerFields}`, async () => {
    const response = await app.gql(SALES_MATRIX_CUSTOMERS, {}, await authFor(row.as));
    const nodes = response.data!.customers.nodes as unknown as Record<string, unknown>[];
    expect(response.data!.customers.totalCount).toBe(row.customers);
    expect(nodes).toHaveLength(row.customers);
    for (const field of ['creditLimit', 'currentExposure', 'paymentDelayDays']) expectAccess(response, ['customers', 'nodes'], nodes, field, row.credit);
    // latitude and longitude (null until set): per role in tests/permissions.follow-up.matrix.test.ts, on the demo follow-ups.
    for (const field of ['tier', 'tags', 'healthScore', 'followUpStatus']) expectAccess(response, ['customers', 'nodes'], nodes, field, row.internalCustomerFields);
  });

  it(`sees ${row.opportunities} opportunities; amount ${row.amount}, internal deal fields ${row.internalDealFields}, quote money ${row.quoteMoney}, cost ${row.cost}, margin ${row.margin}`, async () => {
    const response = await app.gql(SALES_MATRIX_OPPORTUNITIES, {}, await authFor(row.as));
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    const nodes = response.data!.opportunities.nodes as unknown as Record<string, unknown>[];
    expect(response.data!.opportunities.totalCount).toBe(row.opportunities);
    expect(nodes).toHaveLength(row.opportunities);
    const won = (node: Record<string, unknown>) => node.stage === 'WON';
    if (row.amount === 'booked') expect(nodes.filter(won)).toHaveLength(1);
    expectAccess(response, ['opportunities', 'nodes'], nodes, 'amount', row.amount, won);
    for (const field of ['probability', 'stageHistory', 'quoteLines']) {
      expectAccess(response, ['opportunities', 'nodes'], nodes, field, row.internalDealFields);
    }
    nodes.forEach((node, index) => {
      const booked = () => won(node);
      if (row.internalDealFields === 'read') {
        const lines = node.quoteLines as Record<string, unknown>[];
        const at = ['opportunities', 'nodes', index, 'quoteLines'];
        for (const field of ['listPrice', 'discountPercent', 'unitPrice', 'lineTotal']) expectAccess(response, at, lines, field, row.quoteMoney, booked);
        expectAccess(response, at, lines, 'unitCost', row.cost);
        expectAccess(response, at, lines, 'margin', row.margin, booked);
      }
      const quote = node.currentQuote as Record<string, unknown> | null;
      // Partners see no quotes at all (null, no error); everyone else who sees the deal sees its current quote.
      if (quote === null) return;
      expect(row.role).not.toBe('PARTNER');
      if (won(node)) expect(quote.status).toBe('ACCEPTED');
      for (const field of ['listTotal', 'total', 'maxDiscountPercent']) {
        expectOne(response, ['opportunities', 'nodes', index, 'currentQuote', field], quote[field], row.quoteMoney === 'booked' ? booked() : row.quoteMoney === 'read');
      }
      const lines = quote.lines as Record<string, unknown>[];
      for (const field of ['listPrice', 'discountPercent', 'unitPrice', 'lineTotal']) expectAccess(response, ['opportunities', 'nodes', index, 'currentQuote', 'lines'], lines, field, row.quoteMoney, booked);
    });
    // The won deal's amount is its accepted quote's total: whoever reads one reads the other, and nobody else either.
    for (const node of nodes) {
      const quote = node.currentQuote as Record<string, unknown> | null;
      if (won(node) && quote !== null) expect(quote.total).toBe(node.amount);
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
    const approvals = await app.gql(SALES_MATRIX_APPROVALS, {}, auth);
    expect(approvals.data!.approvals.totalCount).toBe(row.approvals);
    // Whoever sees an approval request (approver, requester, the requester's chain) reads its discount and its quote's total.
    expect(approvals.errors).toBeUndefined();
    for (const node of approvals.data!.approvals.nodes) {
      expect(node.discountPercent).toEqual(expect.any(String));
      expect(node.quote?.total).toEqual(expect.any(String));
    }
    expect((await app.gql(SALES_MATRIX_VISITS, {}, auth)).data!.visits.totalCount).toBe(row.visits);
    expect((await app.gql(SALES_MATRIX_COMPLAINTS, {}, auth)).data!.complaints.totalCount).toBe(row.complaints);
  });
});
