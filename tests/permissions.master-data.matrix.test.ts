import { APPROVAL_LIMITS, COMMISSION_PLANS, CREATE_API_KEY, DISTRIBUTOR_CREDIT, PRICE_LIST_ENTRIES, PRODUCT_COST } from './graphql/documents';
import { catalog, people, userId, type PersonName } from './fixtures/demo-people';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/**
 * Who may read sensitive master data, role by role, written out by hand: unit cost (directors, VP, finance,
 * admins), floor prices (managers and above, finance, admins), a distributor's credit (directors, VP, finance,
 * admins), commission plans (sales staff and their managers, finance, admins) and approval limits (internal users).
 */
type Access = 'read' | 'hidden' | 'denied';

interface Row {
  role: string;
  as: PersonName | 'integrationKey';
  unitCost: Access;
  floorPrice: Access;
  creditLimit: Access;
  commissionPlans: Access;
  approvalLimits: Access;
}

const MATRIX: Row[] = [
  { role: 'ADMIN', as: 'admin', unitCost: 'read', floorPrice: 'read', creditLimit: 'read', commissionPlans: 'read', approvalLimits: 'read' },
  { role: 'SALES_VP', as: 'vp', unitCost: 'read', floorPrice: 'read', creditLimit: 'read', commissionPlans: 'read', approvalLimits: 'read' },
  { role: 'REGIONAL_DIRECTOR', as: 'eastDirector', unitCost: 'read', floorPrice: 'read', creditLimit: 'read', commissionPlans: 'read', approvalLimits: 'read' },
  { role: 'TEAM_MANAGER', as: 'shanghai1Manager', unitCost: 'hidden', floorPrice: 'read', creditLimit: 'hidden', commissionPlans: 'read', approvalLimits: 'read' },
  { role: 'SALES_REP', as: 'shanghai1Rep', unitCost: 'hidden', floorPrice: 'hidden', creditLimit: 'hidden', commissionPlans: 'read', approvalLimits: 'read' },
  { role: 'KEY_ACCOUNT_MANAGER', as: 'keyAccountManager', unitCost: 'hidden', floorPrice: 'hidden', creditLimit: 'hidden', commissionPlans: 'read', approvalLimits: 'read' },
  { role: 'CUSTOMER_SERVICE', as: 'customerService', unitCost: 'hidden', floorPrice: 'hidden', creditLimit: 'hidden', commissionPlans: 'denied', approvalLimits: 'read' },
  { role: 'TECH_SUPPORT', as: 'techSupport', unitCost: 'hidden', floorPrice: 'hidden', creditLimit: 'hidden', commissionPlans: 'denied', approvalLimits: 'read' },
  { role: 'FINANCE', as: 'finance', unitCost: 'read', floorPrice: 'read', creditLimit: 'read', commissionPlans: 'read', approvalLimits: 'read' },
  { role: 'PARTNER', as: 'partner', unitCost: 'hidden', floorPrice: 'hidden', creditLimit: 'hidden', commissionPlans: 'denied', approvalLimits: 'denied' },
  { role: 'INTEGRATION', as: 'integrationKey', unitCost: 'hidden', floorPrice: 'hidden', creditLimit: 'hidden', commissionPlans: 'denied', approvalLimits: 'read' },
];

let app: TestApp;
const auths = new Map<string, Auth>();

beforeAll(async () => {
  app = await createTestApp();
  // The demo key reads only the org; an admin gives the integration user a catalogue key for this test.
  const created = await app.gql(
    CREATE_API_KEY,
    { input: { name: 'catalogue sync', scopes: ['READ_ORG', 'READ_CATALOG'], userId: userId(people.integration) } },
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

function expectField(response: { data: unknown; errors?: readonly { path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[] }, value: unknown, access: Access, field: string) {
  if (access === 'read') {
    expect(value).not.toBeNull();
    expect(value).toBeDefined();
    expect(response.errors ?? []).toEqual([]);
  } else {
    expect(value).toBeNull();
    expect(response.errors?.length).toBeGreaterThan(0);
    expect(response.errors?.every((e) => e.extensions?.code === 'FORBIDDEN' && e.path?.at(-1) === field)).toBe(true);
  }
}

it('covers every role', () => {
  expect(new Set(MATRIX.map((row) => row.role)).size).toBe(11);
});

describe.each(MATRIX.map((row) => [row.role, row] as const))('%s', (_role, row) => {
  it(`unit cost is ${row.unitCost}`, async () => {
    const response = await app.gql(PRODUCT_COST, { id: catalog.pt100 }, await authFor(row.as));
    expect(response.data?.product!.id).toBe(catalog.pt100);
    expectField(response, response.data?.product!.unitCost, row.unitCost, 'unitCost');
  });

  it(`floor prices are ${row.floorPrice}`, async () => {
    const response = await app.gql(PRICE_LIST_ENTRIES, { id: catalog.distributorPriceList, first: 3 }, await authFor(row.as));
    const entries = response.data!.priceList!.entries.nodes;
    expect(entries).toHaveLength(3);
    for (const entry of entries) {
      expect(entry.listPrice).toMatch(/^\d/);
      expectField(response, entry.floorPrice, row.floorPrice, 'floorPrice');
    }
  });

  it(`a distributor's credit limit is ${row.creditLimit}`, async () => {
    const response = await app.gql(DISTRIBUTOR_CREDIT, { id: userId(people.partner) }, await authFor(row.as));
    const distributor = response.data?.user!.distributor;
    expect(distributor?.code).toBe('D-GD-001');
    expectField(response, distributor?.creditLimit ?? null, row.creditLimit, 'creditLimit');
  });

  it(`commission plans are ${row.commissionPlans}`, async () => {
    const response = await app.gql(COMMISSION_PLANS, {}, await authFor(row.as));
    if (row.commissionPlans === 'read') expect(response.data?.commissionPlans[0].tiers).toHaveLength(5);
    else expect(response.errors?.[0]).toMatchObject({ path: ['commissionPlans'], extensions: { code: 'FORBIDDEN' } });
  });

  it(`approval limits are ${row.approvalLimits}`, async () => {
    const response = await app.gql(APPROVAL_LIMITS, {}, await authFor(row.as));
    if (row.approvalLimits === 'read') expect(response.data?.approvalLimits).toHaveLength(5);
    else expect(response.errors?.[0]).toMatchObject({ path: ['approvalLimits'], extensions: { code: 'FORBIDDEN' } });
  });
});
