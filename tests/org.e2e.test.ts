import { DEMO_API_KEY } from '../seeds/demo-company.seeder';
import { ORG_TREE, ORG_UNIT, PARTNER_VIEW, USERS, USERS_WITH_MANAGERS, USER_PERSONAL_FIELDS } from './graphql/documents';
import { DEMO_COMPANY, DEMO_USER_COUNT, people, units, userId } from './fixtures/demo-people';
import { createTestApp, type TestApp } from './support/test-app';

let app: TestApp;
let vpToken: string;

beforeAll(async () => {
  app = await createTestApp();
  vpToken = await app.tokenFor(people.vp.email);
});

afterAll(async () => {
  await app.close();
});

describe('the org tree', () => {
  it('lists company → regions → teams with heads, children and members', async () => {
    const tree = await app.gql(ORG_TREE, {}, { token: vpToken });
    expect(tree.errors).toBeUndefined();
    const list = tree.data!.orgUnits;
    const company = list.find((u) => u.kind === 'COMPANY')!;
    expect(company).toMatchObject({ depth: 0, parent: null, head: { id: userId(people.vp) } });
    expect(company.children.map((c) => c.name).sort()).toEqual(['华东', '华北', '华南'].sort());
    expect(list.filter((u) => u.kind === 'TEAM')).toHaveLength(8);
    const shanghai1 = list.find((u) => u.id === units.shanghai1)!;
    expect(shanghai1.head?.id).toBe(userId(people.shanghai1Manager));
    expect(shanghai1.members).toHaveLength(5);
    expect(shanghai1.members.every((m) => m.unit?.id === units.shanghai1)).toBe(true);
    // Parents come before their children.
    expect(list.findIndex((u) => u.id === units.east)).toBeLessThan(list.findIndex((u) => u.id === units.shanghai1));
  });

  it('orgUnit(id) answers with members and children; an unknown id is NOT_FOUND', async () => {
    const east = await app.gql(ORG_UNIT, { id: units.east }, { token: vpToken });
    expect(east.data?.orgUnit).toMatchObject({ name: '华东', kind: 'REGION', head: { name: people.eastDirector.name } });
    expect(east.data?.orgUnit!.children).toHaveLength(3);
    expect(east.data?.orgUnit!.members.map((m) => m.role)).toEqual(['REGIONAL_DIRECTOR']);

    const missing = await app.gql(ORG_UNIT, { id: '00000000-0000-4000-8000-000000000000' }, { token: vpToken });
    expect(missing.errors?.[0]).toMatchObject({ path: ['orgUnit'], extensions: { code: 'NOT_FOUND', reason: 'ORG_UNIT_NOT_FOUND' } });
  });

  it('an id that is not a uuid is BAD_USER_INPUT naming the argument', async () => {
    const response = await app.gql(USER_PERSONAL_FIELDS, { id: 'not-a-uuid' }, { token: vpToken });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'id', message: 'is not a valid id' }] });
  });
});

describe('users: a keyset-paginated directory', () => {
  it('walks every page without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    let total = 0;
    for (;;) {
      const page: Awaited<ReturnType<typeof app.gql<any, any>>> = await app.gql(USERS, { first: 7, after }, { token: vpToken });
      expect(page.errors).toBeUndefined();
      const connection = page.data.users;
      total = connection.totalCount;
      seen.push(...connection.edges.map((e: { node: { id: string } }) => e.node.id));
      pages += 1;
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(total).toBe(DEMO_USER_COUNT);
    expect(seen).toHaveLength(DEMO_USER_COUNT);
    expect(new Set(seen).size).toBe(DEMO_USER_COUNT);
    expect(pages).toBe(Math.ceil(DEMO_USER_COUNT / 7));
  });

  it('sorts by name both ways', async () => {
    const asc = await app.gql(USERS, { first: 100, orderBy: 'NAME_ASC' }, { token: vpToken });
    const desc = await app.gql(USERS, { first: 100, orderBy: 'NAME_DESC' }, { token: vpToken });
    const names = asc.data!.users.edges.map((e) => e.node.name);
    expect(names).toEqual([...names].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1)));
    expect(desc.data!.users.edges.map((e) => e.node.name)).toEqual([...names].reverse());
  });

  it('filters by unit subtree, role, search text and managedByMe', async () => {
    const region = await app.gql(USERS, { first: 100, filter: { unitId: units.east } }, { token: vpToken });
    const eastPeople = 1 + DEMO_COMPANY.regions[0].teams.reduce((n, t) => n + 1 + t.reps.length, 0);
    expect(region.data?.users.totalCount).toBe(eastPeople);

    const direct = await app.gql(USERS, { first: 100, filter: { unitId: units.east, includeSubunits: false } }, { token: vpToken });
    expect(direct.data?.users.edges.map((e) => e.node.role)).toEqual(['REGIONAL_DIRECTOR']);

    const directors = await app.gql(USERS, { first: 100, filter: { roles: ['REGIONAL_DIRECTOR'] } }, { token: vpToken });
    expect(directors.data?.users.totalCount).toBe(3);

    const byChinese = await app.gql(USERS, { first: 100, filter: { search: people.northRep.name } }, { token: vpToken });
    expect(byChinese.data?.users.edges.map((e) => e.node.id)).toContain(userId(people.northRep));
    const byPinyin = await app.gql(
      USERS,
      { first: 100, filter: { search: people.northRep.nameEn.split(' ')[0].toLowerCase() } },
      { token: vpToken },
    );
    expect(byPinyin.data?.users.edges.map((e) => e.node.id)).toContain(userId(people.northRep));
    const wildcard = await app.gql(USERS, { first: 100, filter: { search: '%' } }, { token: vpToken });
    expect(wildcard.data?.users.totalCount).toBe(0);

    const managerToken = await app.tokenFor(people.shanghai1Manager.email);
    const team = await app.gql(USERS, { first: 100, filter: { managedByMe: true } }, { token: managerToken });
    expect(team.data?.users.totalCount).toBe(DEMO_COMPANY.regions[0].teams[0].reps.length + 1);
    const repToken = await app.tokenFor(people.shanghai1Rep.email);
    const nobody = await app.gql(USERS, { first: 100, filter: { managedByMe: true } }, { token: repToken });
    expect(nobody.data?.users.totalCount).toBe(0);
  });

  it('rejects a page size over 100, a bad cursor and an unknown unit with BAD_USER_INPUT naming the argument', async () => {
    const tooBig = await app.gql(USERS, { first: 101 }, { token: vpToken });
    expect(tooBig.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'first' })] });

    const badCursor = await app.gql(USERS, { first: 5, after: 'garbage' }, { token: vpToken });
    expect(badCursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'after' })] });

    const badUnit = await app.gql(USERS, { first: 5, filter: { unitId: '00000000-0000-4000-8000-000000000000' } }, { token: vpToken });
    expect(badUnit.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'filter.unitId' })] });

    const badSearch = await app.gql(USERS, { first: 5, filter: { search: '' } }, { token: vpToken });
    expect(badSearch.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'filter.search' })] });

    const badRole = await app.gql(USERS, { first: 5, filter: { roles: ['EMPEROR' as never] } }, { token: vpToken });
    expect(badRole.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('batching: no N+1', () => {
  it('users with manager and unit costs the same number of statements for 5 rows as for 50', async () => {
    app.resetQueries();
    const small = await app.gql(USERS_WITH_MANAGERS, { first: 5 }, { token: vpToken });
    const smallCount = app.queries.length;
    app.resetQueries();
    const large = await app.gql(USERS_WITH_MANAGERS, { first: 50 }, { token: vpToken });
    const largeCount = app.queries.length;
    expect(small.errors).toBeUndefined();
    expect(large.data?.users.nodes.length).toBe(Math.min(50, DEMO_USER_COUNT));
    expect(large.data?.users.nodes.some((n) => n.manager !== null)).toBe(true);
    expect(largeCount).toBe(smallCount);
    // auth (user + headed units) + page + count + managers + units (+ unit paths for guarded fields: none asked)
    expect(largeCount).toBeLessThanOrEqual(7);
  });

  it('the whole tree with members and their units is a constant handful of statements', async () => {
    app.resetQueries();
    const tree = await app.gql(ORG_TREE, {}, { token: vpToken });
    expect(tree.errors).toBeUndefined();
    // auth 2 + units + parents + heads + children + members + members' units
    expect(app.queries.length).toBeLessThanOrEqual(8);
  });
});

describe('partners and API keys see only their slice', () => {
  it('a partner sees its distributor, its region and its own users only', async () => {
    const token = await app.tokenFor(people.partner.email);
    const view = await app.gql(PARTNER_VIEW, {}, { token });
    expect(view.errors).toBeUndefined();
    expect(view.data?.me.distributor).toMatchObject({ code: DEMO_COMPANY.distributor.code });
    expect(view.data?.orgUnits.map((u) => u.id)).toEqual([units.south]);
    expect(view.data?.users.totalCount).toBe(1);

    const internal = await app.gql(USER_PERSONAL_FIELDS, { id: userId(people.southRep) }, { token });
    expect(internal.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'USER_NOT_FOUND' });
    const company = await app.gql(ORG_UNIT, { id: units.company }, { token });
    expect(company.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('the integration key reads the directory but no personal field', async () => {
    const response = await app.gql(USER_PERSONAL_FIELDS, { id: userId(people.shanghai1Rep) }, { apiKey: DEMO_API_KEY.key });
    expect(response.data?.user).toMatchObject({ name: people.shanghai1Rep.name, email: null, phone: null, hireDate: null });
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
  });
});
