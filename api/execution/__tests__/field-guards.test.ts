import { graphql, GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { Role } from '../../../schema/org/org.enums';
import type { RequestContext } from '../../context';
import { accessRule, viewerRule, type AccessRule } from '../../permissions/access-rule';
import type { Viewer } from '../../permissions/viewer';
import { guardField } from '../field-guards';

type Row = { id: string; ownerId: string; phone: string; email: string; note: string };

const ROWS: Row[] = [
  { id: 'a', ownerId: 'u1', phone: 'p-a', email: 'e-a', note: 'n-a' },
  { id: 'b', ownerId: 'u2', phone: 'p-b', email: 'e-b', note: 'n-b' },
  { id: 'c', ownerId: 'u1', phone: 'p-c', email: 'e-c', note: 'n-c' },
];

function viewer(userId: string, role: Role = Role.SALES_REP): Viewer {
  return {
    userId,
    role,
    unitId: null,
    headedUnitPaths: [],
    managedUserIds: new Set(),
    managedUnitIds: new Set(),
    distributorId: null,
    distributorRegionIds: [],
    scopes: null,
    apiKeyId: null,
    sessionId: null,
  };
}

/** A context as the rules see it: they read only the viewer. */
function contextFor(who: Viewer | null): RequestContext {
  return { viewer: who } as RequestContext;
}

/** A list of rows whose phone and email share a row rule, note has a viewer rule, and `secret` has no rule at all. */
function schemaWith(ownerRule: AccessRule<never>, managerRule: AccessRule<never>): GraphQLSchema {
  const row = new GraphQLObjectType<Row>({
    name: 'Row',
    fields: { id: { type: GraphQLString }, phone: { type: GraphQLString }, email: { type: GraphQLString }, note: { type: GraphQLString } },
  });
  guardField(row, 'phone', { rule: ownerRule });
  guardField(row, 'email', { rule: ownerRule });
  guardField(row, 'note', { rule: managerRule });
  const hidden = new GraphQLObjectType({ name: 'Hidden', fields: { secret: { type: GraphQLString } } });
  guardField(hidden, 'secret', 'deny');
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        rows: { type: new GraphQLList(row), resolve: () => ROWS },
        hidden: { type: hidden, resolve: () => ({ secret: 's' }) },
      },
    }),
  });
}

function counted<Row>(rule: AccessRule<Row>): { rule: AccessRule<never>; calls: () => number } {
  let calls = 0;
  const wrapped = { ...rule, allows: (ctx: RequestContext, row: Row) => ((calls += 1), rule.allows(ctx, row)) };
  return { rule: wrapped as AccessRule<never>, calls: () => calls };
}

const ownRows = accessRule<Row>('own-rows', 'the row’s owner', (ctx, row) => ctx.viewer?.userId === row.ownerId);
const managers = viewerRule<Row>('managers', 'team managers', (who) => who.role === Role.TEAM_MANAGER);

describe('field guards', () => {
  it('decide a row rule once per row, whatever the number of fields it guards, and a viewer rule once per request', async () => {
    const owner = counted(ownRows);
    const manager = counted(managers);
    const result = await graphql({ schema: schemaWith(owner.rule, manager.rule), source: '{ rows { id phone email note } }', contextValue: contextFor(viewer('u1')) });
    expect(owner.calls()).toBe(3);
    expect(manager.calls()).toBe(1);
    expect(result.data).toEqual({
      rows: [
        { id: 'a', phone: 'p-a', email: 'e-a', note: null },
        { id: 'b', phone: null, email: null, note: null },
        { id: 'c', phone: 'p-c', email: 'e-c', note: null },
      ],
    });
  });

  it('refuse a field with null and FORBIDDEN naming the rule at the field’s path, one error per field', async () => {
    const result = await graphql({ schema: schemaWith(ownRows as AccessRule<never>, managers as AccessRule<never>), source: '{ rows { phone email } }', contextValue: contextFor(viewer('u1')) });
    expect(result.errors?.map((error) => [error.path, error.extensions.code, error.extensions.readableBy])).toEqual([
      [['rows', 1, 'phone'], 'FORBIDDEN', 'the row’s owner'],
      [['rows', 1, 'email'], 'FORBIDDEN', 'the row’s owner'],
    ]);
  });

  it('tell a signed-out caller to authenticate, and refuse a type without a rule with the generic FORBIDDEN', async () => {
    const result = await graphql({ schema: schemaWith(ownRows as AccessRule<never>, managers as AccessRule<never>), source: '{ rows { phone } hidden { secret } }', contextValue: contextFor(null) });
    expect(result.data).toEqual({ rows: [{ phone: null }, { phone: null }, { phone: null }], hidden: { secret: null } });
    const codes = result.errors?.map((error) => [error.path?.join('.'), error.extensions.code, error.extensions.readableBy]);
    expect(codes).toEqual(expect.arrayContaining([['rows.0.phone', 'UNAUTHENTICATED', undefined], ['hidden.secret', 'FORBIDDEN', undefined]]));
  });

  it('ask an asynchronous rule once per row and give its answer to every field it guards', async () => {
    let calls = 0;
    const later = accessRule<Row>('own-rows-later', 'the row’s owner', async (ctx, row) => {
      calls += 1;
      await new Promise((resolve) => setImmediate(resolve));
      return ctx.viewer?.userId === row.ownerId;
    });
    const result = await graphql({ schema: schemaWith(later as AccessRule<never>, managers as AccessRule<never>), source: '{ rows { phone email } }', contextValue: contextFor(viewer('u2')) });
    expect(calls).toBe(3);
    expect(result.data).toEqual({ rows: [{ phone: null, email: null }, { phone: 'p-b', email: 'e-b' }, { phone: null, email: null }] });
  });

  it('refuse with the generic FORBIDDEN when the rule itself fails', async () => {
    const broken = accessRule<Row>('broken', 'nobody', () => {
      throw new Error('rule failed');
    });
    const result = await graphql({ schema: schemaWith(broken as AccessRule<never>, managers as AccessRule<never>), source: '{ rows { phone } }', contextValue: contextFor(viewer('u1')) });
    expect(result.errors?.map((error) => [error.extensions.code, error.extensions.readableBy, error.message])).toEqual(
      ROWS.map(() => ['FORBIDDEN', undefined, 'You are not allowed to do this or to see this field.']),
    );
  });

  it('decide again when the request’s viewer changes (after login)', async () => {
    const ctx = { viewer: viewer('u1') as Viewer | null };
    const schema = schemaWith(ownRows as AccessRule<never>, managers as AccessRule<never>);
    const first = await graphql({ schema, source: '{ rows { phone } }', contextValue: ctx });
    ctx.viewer = viewer('u2');
    const second = await graphql({ schema, source: '{ rows { phone } }', contextValue: ctx });
    expect(first.data).toEqual({ rows: [{ phone: 'p-a' }, { phone: null }, { phone: 'p-c' }] });
    expect(second.data).toEqual({ rows: [{ phone: null }, { phone: 'p-b' }, { phone: null }] });
  });
});
