import { DEMO_API_KEY } from '../seeds/demo-company.seeder';
import { ORG_UNIT, USERS, USER_PERSONAL_FIELDS } from './graphql/documents';
import { DEMO_USER_COUNT, people, units, userId, type PersonName } from './fixtures/demo-people';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/**
 * Who may read a user's personal fields (email, phone, hire date): the person, the heads of the units above
 * them, and admins. Users outside the org tree (the partner user, the integration account) have no one above them:
 * only they and admins read theirs, not even the VP. Written out by hand, role by role, so the table is the spec and the engine is checked
 * against it.
 */
type Access = 'read' | 'hidden' | 'invisible';

const TARGETS = ['shanghai1Rep', 'shanghai1Teammate', 'shanghai2Rep', 'northRep', 'shanghai1Manager', 'eastDirector', 'vp', 'partner', 'integration'] as const;
type Target = (typeof TARGETS)[number];

const MATRIX: Record<string, { role: string; as: PersonName | 'integrationKey'; sees: Record<Target, Access> }> = {
  admin: {
    role: 'ADMIN',
    as: 'admin',
    sees: { shanghai1Rep: 'read', shanghai1Teammate: 'read', shanghai2Rep: 'read', northRep: 'read', shanghai1Manager: 'read', eastDirector: 'read', vp: 'read', partner: 'read', integration: 'read' },
  },
  vp: {
    role: 'SALES_VP',
    as: 'vp',
    sees: { shanghai1Rep: 'read', shanghai1Teammate: 'read', shanghai2Rep: 'read', northRep: 'read', shanghai1Manager: 'read', eastDirector: 'read', vp: 'read', partner: 'hidden', integration: 'hidden' },
  },
  eastDirector: {
    role: 'REGIONAL_DIRECTOR',
    as: 'eastDirector',
    sees: { shanghai1Rep: 'read', shanghai1Teammate: 'read', shanghai2Rep: 'read', northRep: 'hidden', shanghai1Manager: 'read', eastDirector: 'read', vp: 'hidden', partner: 'hidden', integration: 'hidden' },
  },
  northDirector: {
    role: 'REGIONAL_DIRECTOR',
    as: 'northDirector',
    sees: { shanghai1Rep: 'hidden', shanghai1Teammate: 'hidden', shanghai2Rep: 'hidden', northRep: 'read', shanghai1Manager: 'hidden', eastDirector: 'hidden', vp: 'hidden', partner: 'hidden', integration: 'hidden' },
  },
  shanghai1Manager: {
    role: 'TEAM_MANAGER',
    as: 'shanghai1Manager',
    sees: { shanghai1Rep: 'read', shanghai1Teammate: 'read', shanghai2Rep: 'hidden', northRep: 'hidden', shanghai1Manager: 'read', eastDirector: 'hidden', vp: 'hidden', partner: 'hidden', integration: 'hidden' },
  },
  shanghai2Manager: {
    role: 'TEAM_MANAGER',
    as: 'shanghai2Manager',
    sees: { shanghai1Rep: 'hidden', shanghai1Teammate: 'hidden', shanghai2Rep: 'read', northRep: 'hidden', shanghai1Manager: 'hidden', eastDirector: 'hidden', vp: 'hidden', partner: 'hidden', integration: 'hidden' },
  },
  shanghai1Rep: {
    role: 'SALES_REP',
    as: 'shanghai1Rep',
    sees: { shanghai1Rep: 'read', shanghai1Teammate: 'hidden', shanghai2Rep: 'hidden', northRep: 'hidden', shanghai1Manager: 'hidden', eastDirector: 'hidden', vp: 'hidden', partner: 'hidden', integration: 'hidden' },
  },
  northRep: {
    role: 'SALES_REP',
    as: 'northRep',
    sees: { shanghai1Rep: 'hidden', shanghai1Teammate: 'hidden', shanghai2Rep: 'hidden', northRep: 'read', shanghai1Manager: 'hidden', eastDirector: 'hidden', vp: 'hidden', partner: 'hidden', integration: 'hidden' },
  },
  keyAccountManager: {
    role: 'KEY_ACCOUNT_MANAGER',
    as: 'keyAccountManager',
    sees: { shanghai1Rep: 'hidden', shanghai1Teammate: 'hidden', shanghai2Rep: 'hidden', northRep: 'hidden', shanghai1Manager: 'hidden', eastDirector: 'hidden', vp: 'hidden', partner: 'hidden', integration: 'hidden' },
  },
  customerService: {
    role: 'CUSTOMER_SERVICE',
    as: 'customerService',
    sees: { shanghai1Rep: 'hidden', shanghai1Teammate: 'hidden', shanghai2Rep: 'hidden', northRep: 'hidden', shanghai1Manager: 'hidden', eastDirector: 'hidden', vp: 'hidden', partner: 'hidden', integration: 'hidden' },
  },
  techSupport: {
    role: 'TECH_SUPPORT',
    as: 'techSupport',
    sees: { shanghai1Rep: 'hidden', shanghai1Teammate: 'hidden', shanghai2Rep: 'hidden', northRep: 'hidden', shanghai1Manager: 'hidden', eastDirector: 'hidden', vp: 'hidden', partner: 'hidden', integration: 'hidden' },
  },
  finance: {
    role: 'FINANCE',
    as: 'finance',
    sees: { shanghai1Rep: 'hidden', shanghai1Teammate: 'hidden', shanghai2Rep: 'hidden', northRep: 'hidden', shanghai1Manager: 'hidden', eastDirector: 'hidden', vp: 'hidden', partner: 'hidden', integration: 'hidden' },
  },
  partner: {
    role: 'PARTNER',
    as: 'partner',
    sees: { shanghai1Rep: 'invisible', shanghai1Teammate: 'invisible', shanghai2Rep: 'invisible', northRep: 'invisible', shanghai1Manager: 'invisible', eastDirector: 'invisible', vp: 'invisible', partner: 'read', integration: 'invisible' },
  },
  integrationKey: {
    role: 'INTEGRATION',
    as: 'integrationKey',
    sees: { shanghai1Rep: 'hidden', shanghai1Teammate: 'hidden', shanghai2Rep: 'hidden', northRep: 'hidden', shanghai1Manager: 'hidden', eastDirector: 'hidden', vp: 'hidden', partner: 'hidden', integration: 'read' },
  },
};

const PERSONAL_FIELDS = ['email', 'phone', 'hireDate'] as const;

let app: TestApp;
const auths = new Map<string, Auth>();

async function authFor(as: PersonName | 'integrationKey'): Promise<Auth> {
  if (as === 'integrationKey') return { apiKey: DEMO_API_KEY.key };
  const cached = auths.get(as);
  if (cached) return cached;
  const auth = { token: await app.tokenFor(people[as].email) };
  auths.set(as, auth);
  return auth;
}

beforeAll(async () => {
  app = await createTestApp();
});

afterAll(async () => {
  await app.close();
});

it('covers every role', () => {
  expect(new Set(Object.values(MATRIX).map((row) => row.role)).size).toBe(11);
});

const cases = Object.entries(MATRIX).flatMap(([viewer, row]) => TARGETS.map((target) => [viewer, target, row.sees[target]] as const));

describe.each(cases)('%s reading %s', (viewer, target, access) => {
  it(`personal fields are ${access}`, async () => {
    const response = await app.gql(USER_PERSONAL_FIELDS, { id: userId(people[target]) }, await authFor(MATRIX[viewer].as));
    if (access === 'invisible') {
      expect(response.data).toEqual({ user: null });
      expect(response.errors).toEqual([expect.objectContaining({ path: ['user'], extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
      return;
    }
    const user = response.data!.user;
    // The directory part is readable by everyone who may see the row.
    expect(user!.name).toBe(people[target].name);
    if (access === 'read') {
      expect(response.errors).toBeUndefined();
      expect(user!.email).toBe(people[target].email);
      expect(user!.phone).toBe(people[target].phone);
      expect(user!.hireDate).toBe(people[target].hireDate);
    } else {
      for (const field of PERSONAL_FIELDS) expect(user![field]).toBeNull();
      expect(response.errors?.map((e) => [e.path, e.extensions?.code])).toEqual(
        PERSONAL_FIELDS.map((field) => [['user', field], 'FORBIDDEN']),
      );
    }
  });
});

describe('a hidden field cannot be probed through a filter', () => {
  const count = async (as: PersonName | 'integrationKey', filter: Record<string, string>) => {
    const response = await app.gql(USERS, { first: 10, filter }, await authFor(as));
    expect(response.errors).toBeUndefined();
    return response.data!.users.totalCount;
  };

  it.each(Object.entries(MATRIX))('%s finds a user by email or phone only where that field is readable', async (viewer, row) => {
    for (const target of TARGETS) {
      const expected = row.sees[target] === 'read' ? 1 : 0;
      expect([target, await count(row.as, { email: people[target].email })]).toEqual([target, expected]);
      expect([target, await count(row.as, { phone: people[target].phone })]).toEqual([target, expected]);
    }
  });
});

describe('row scope of the directory', () => {
  it.each(Object.entries(MATRIX))('%s sees the directory it should', async (_viewer, row) => {
    const response = await app.gql(USERS, { first: 1 }, await authFor(row.as));
    expect(response.data?.users.totalCount).toBe(row.role === 'PARTNER' ? 1 : DEMO_USER_COUNT);
    const unit = await app.gql(ORG_UNIT, { id: units.shanghai1 }, await authFor(row.as));
    if (row.role === 'PARTNER') expect(unit.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    else expect(unit.data?.orgUnit!.members.length).toBeGreaterThan(0);
  });
});
