import { getNamedType, GraphQLObjectType } from 'graphql';
import { collectPolicy } from '../api/permissions/shield';
import { people, userId, type PersonName } from './fixtures/demo-people';
import { CREATE_API_KEY } from './graphql/documents';
import {
  MARK_NOTIFICATIONS_READ,
  NOTIFICATION_PREFERENCES,
  NOTIFICATIONS,
  RUN_NOTIFICATION_RULES,
  SET_NOTIFICATION_PREFERENCES,
  UNREAD_NOTIFICATION_COUNT,
} from './graphql/notifications.documents';
import { createTestApp, type Auth, type GraphQLResponse, type TestApp } from './support/test-app';

/**
 * Who may use the notification inbox, role by role, written out by hand so the table is the spec. An inbox is
 * personal: every signed-in person and API key reads and marks its own, nobody another's — admins included — and
 * only admins run the rules on demand. Run on the demo year, whose last step filled the inboxes.
 *
 * Columns: `inbox` (`notifications` and `unreadNotificationCount` answer, and every row listed is the viewer's own);
 * `markOwn` (`markNotificationsRead(all: true)`); `markOthers` (`markNotificationsRead` of a notification of a demo
 * rep who is none of the logins: NOT_FOUND, exactly as an id nobody has; refused FORBIDDEN when the operation is);
 * `channels` (`notificationPreferences` and `setNotificationPreferences`); `runRules` (`runNotificationRules`).
 */
type Outcome = 'allowed' | 'refused';

interface Row {
  role: string;
  as: PersonName | 'integrationKey';
  inbox: Outcome;
  markOwn: Outcome;
  markOthers: 'NOT_FOUND' | 'refused';
  channels: Outcome;
  runRules: Outcome;
}

const PERSON = { inbox: 'allowed', markOwn: 'allowed', markOthers: 'NOT_FOUND', channels: 'allowed', runRules: 'refused' } as const;

const MATRIX: Row[] = [
  { role: 'ADMIN', as: 'admin', ...PERSON, runRules: 'allowed' },
  { role: 'SALES_VP', as: 'vp', ...PERSON },
  { role: 'REGIONAL_DIRECTOR', as: 'eastDirector', ...PERSON },
  { role: 'TEAM_MANAGER', as: 'shanghai1Manager', ...PERSON },
  { role: 'SALES_REP', as: 'shanghai1Rep', ...PERSON },
  { role: 'KEY_ACCOUNT_MANAGER', as: 'keyAccountManager', ...PERSON },
  { role: 'CUSTOMER_SERVICE', as: 'customerService', ...PERSON },
  { role: 'TECH_SUPPORT', as: 'techSupport', ...PERSON },
  { role: 'FINANCE', as: 'finance', ...PERSON },
  { role: 'PARTNER', as: 'partner', ...PERSON },
  { role: 'INTEGRATION', as: 'integrationKey', ...PERSON },
];

/** The operations of the inbox, and the object types they return. */
const OPERATIONS = [
  'notifications',
  'unreadNotificationCount',
  'notificationPreferences',
  'markNotificationsRead',
  'setNotificationPreferences',
  'runNotificationRules',
  'notificationReceived',
];
const TYPES = [
  'Notification',
  'NotificationEdge',
  'NotificationConnection',
  'NotificationPreferenceView',
  'MarkNotificationsReadPayload',
  'NotificationRuleRun',
  'NotificationKindCount',
];

let app: TestApp;
const auths = new Map<string, Auth>();
/** A notification of a demo rep who is none of the logins. */
let strangers: string;

beforeAll(async () => {
  app = await createTestApp({ MAIL_DELIVERY: 'false' }, { demoYear: true });
  const created = await app.gql(CREATE_API_KEY, { input: { name: 'inbox matrix', scopes: ['READ_ORG'], userId: userId(people.integration) } }, await authFor('admin'));
  auths.set('integrationKey', { apiKey: created.data!.createApiKey.key });
  const logins = Object.values(people).map(userId);
  const [row] = await app.orm.em
    .fork()
    .getConnection()
    .execute<{ id: string }[]>(`select id from notification where in_app and read_at is null and recipient_id not in (?) order by id limit 1`, [logins]);
  strangers = row.id;
});

afterAll(async () => {
  await app.close();
});

async function authFor(as: Row['as']): Promise<Auth> {
  const known = auths.get(as);
  if (known) return known;
  const auth = { token: await app.tokenFor(people[as as PersonName].email) };
  auths.set(as, auth);
  return auth;
}

const codes = (response: GraphQLResponse<unknown>) => (response.errors ?? []).map((error) => String(error.extensions?.code));
const outcome = (...responses: GraphQLResponse<unknown>[]): string => {
  const all = responses.flatMap(codes);
  return all.length === 0 ? 'allowed' : all.every((code) => code === 'FORBIDDEN') ? 'refused' : `unexpected ${all.join()}`;
};

describe('the matrix is complete', () => {
  it('covers every role', () => {
    expect(new Set(MATRIX.map((row) => row.role)).size).toBe(11);
  });

  it('covers every operation on notifications, each with its declared rule', () => {
    const schema = app.server.schema;
    const rules = new Map(collectPolicy(schema).fields.map((entry) => [`${entry.typeName}.${entry.fieldName}`, entry.rule.name]));
    const roots = [schema.getQueryType()!, schema.getMutationType()!, schema.getSubscriptionType()!];
    const operations = roots.flatMap((root) =>
      Object.values(root.getFields())
        .filter((field) => TYPES.includes(getNamedType(field.type).name) || /otification/.test(field.name))
        .map((field) => `${root.name}.${field.name}`),
    );
    expect(operations.map((name) => name.split('.')[1]).sort()).toEqual([...OPERATIONS].sort());
    expect(Object.fromEntries(operations.map((name) => [name, rules.get(name)]))).toEqual({
      'Query.notifications': 'signed-in',
      'Query.unreadNotificationCount': 'signed-in',
      'Query.notificationPreferences': 'signed-in',
      'Mutation.markNotificationsRead': 'signed-in',
      'Mutation.setNotificationPreferences': 'signed-in',
      'Mutation.runNotificationRules': 'notification-rule-runners',
      'Subscription.notificationReceived': 'signed-in',
    });
  });

  it('names every object type of the module, each with a type rule; a notification is readable by its recipient alone', () => {
    const { types } = collectPolicy(app.server.schema);
    const objectTypes = Object.values(app.server.schema.getTypeMap())
      .filter((type) => type instanceof GraphQLObjectType && /Notification/.test(type.name))
      .map((type) => type.name);
    expect(objectTypes.sort()).toEqual([...TYPES].sort());
    for (const type of TYPES) expect([type, types.has(type)]).toEqual([type, true]);
    expect(types.get('Notification')?.name).toBe('notification-recipient');
  });
});

describe.each(MATRIX.map((row) => [`${row.role} (${row.as})`, row] as const))('%s', (_name, row) => {
  it(`inbox ${row.inbox}, own marked ${row.markOwn}, another's ${row.markOthers}, channels ${row.channels}, rules ${row.runRules}`, async () => {
    const auth = await authFor(row.as);
    const list = await app.gql(NOTIFICATIONS, { first: 100 }, auth);
    const unread = await app.gql(UNREAD_NOTIFICATION_COUNT, {}, auth);
    const observed: Record<string, string> = {};
    observed.inbox = outcome(list, unread);
    if (observed.inbox === 'allowed' && list.data!.notifications.nodes.length > 0) {
      const ids = list.data!.notifications.nodes.map((node) => node.id);
      const [{ others }] = await app.orm.em
        .fork()
        .getConnection()
        .execute<{ others: number }[]>(`select count(*)::int as others from notification where id in (?) and recipient_id <> ?`, [ids, await viewerId(row)]);
      if (others > 0) observed.inbox = `shows ${others} of others`;
    }
    const others = await app.gql(MARK_NOTIFICATIONS_READ, { ids: [strangers] }, auth);
    observed.markOthers = codes(others).join() === 'NOT_FOUND' ? 'NOT_FOUND' : outcome(others);
    observed.markOwn = outcome(await app.gql(MARK_NOTIFICATIONS_READ, { all: true }, auth));
    observed.channels = outcome(
      await app.gql(NOTIFICATION_PREFERENCES, {}, auth),
      await app.gql(SET_NOTIFICATION_PREFERENCES, { preferences: [{ kind: 'RENEWAL_DUE', inApp: true, email: false }] }, auth),
    );
    // Only RENEWAL_DUE: quick, and the demo's renewal is already notified, so an allowed run makes nothing.
    observed.runRules = outcome(await app.gql(RUN_NOTIFICATION_RULES, { kinds: ['RENEWAL_DUE'] }, auth));
    const { role: _role, as: _as, ...expected } = row;
    expect(observed).toEqual(expected);
  });
});

it('left the stranger’s notification unread, whoever tried', async () => {
  const [row] = await app.orm.em.fork().getConnection().execute<{ read_at: Date | null }[]>(`select read_at from notification where id = ?`, [strangers]);
  expect(row.read_at).toBeNull();
});

async function viewerId(row: Row): Promise<string> {
  return row.as === 'integrationKey' ? userId(people.integration) : userId(people[row.as]);
}
