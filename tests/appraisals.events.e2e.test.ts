import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { seedDemoAppraisalsIfEmpty } from '../seeds/demo-appraisals.seeder';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { periodContaining } from '../schema/targets/periods';
import { PeriodKind } from '../schema/targets/targets.enums';
import { AppraisalData } from './fixtures/appraisal-data';
import { people, userId, type PersonName } from './fixtures/demo-people';
import { APPRAISALS } from './graphql/appraisals.documents';
import { CREATE_API_KEY } from './graphql/documents';
import { DEAL_CHANGED, EVENTS } from './graphql/events.documents';
import { pause, until } from './support/wait';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/**
 * `appraisal.finalized` through the outbox: written by the trigger when an appraisal is archived, delivered to
 * subscribers and `events` readers through the appraisal's row scope, its scores redacted by `Appraisal.totalScore`'s
 * rule. The archive is the demo one: 赵磊's last month, reviewed by 黄伟 and confirmed by the 华东 director.
 */
let app: TestApp;
const clients: Client[] = [];
const DELIVERED_WITHIN_MS = 8000;
const SCORE_FIELDS = ['grade', 'recommendation', 'totalScore'];

interface Delivered {
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  hiddenFields: string[];
}

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await app.close();
});

async function subscribe(person: PersonName): Promise<Delivered[]> {
  const token = await app.tokenFor(people[person].email);
  const deliveries: Delivered[] = [];
  const client = createClient({ url: `${app.baseUrl.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  clients.push(client);
  client.subscribe(
    { query: print(DEAL_CHANGED), variables: { filter: { types: ['appraisal.finalized'] } } },
    {
      next: (result) => {
        const data = result.data as Record<string, Delivered> | undefined;
        if (data) deliveries.push(...Object.values(data));
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  await pause(400);
  return deliveries;
}

async function keyWith(scopes: ('READ_SALES' | 'READ_PERFORMANCE')[]): Promise<Auth> {
  const created = await app.gql(CREATE_API_KEY, { input: { name: `HR ${scopes.join('+')}`, scopes, userId: userId(people.integration) } }, { token: await app.tokenFor(people.admin.email) });
  expect(created.errors).toBeUndefined();
  return { apiKey: created.data!.createApiKey.key };
}

async function appraisalEvents(auth: Auth): Promise<Delivered[]> {
  const response = await app.gql(EVENTS, { first: 50, filter: { types: ['appraisal.finalized'] } }, auth);
  expect(response.errors).toBeUndefined();
  return response.data!.events.nodes as unknown as Delivered[];
}

describe('appraisal.finalized', () => {
  it('reaches the person, their chain and finance with the scores; integrations without them; other teams and partners not at all', async () => {
    const [today] = await app.orm.em.fork().execute<{ today: string }[]>(`select current_date::text as today`);
    const thisMonth = periodContaining(PeriodKind.MONTH, today.today);
    const lastMonth = periodContaining(PeriodKind.MONTH, new Date(Date.parse(`${thisMonth.start}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10));
    // A target, so the archive has a score to guard.
    await new AppraisalData(app.orm).target(userId(people.shanghai1Rep), 'BOOKED_SALES', 'MONTH', lastMonth.start, '100000', userId(people.shanghai1Manager));

    const subscribers = {
      rep: await subscribe('shanghai1Rep'),
      director: await subscribe('eastDirector'),
      finance: await subscribe('finance'),
      otherTeam: await subscribe('shanghai2Rep'),
      partner: await subscribe('partner'),
    };
    expect(await seedDemoAppraisalsIfEmpty(app.orm, app.config)).toBe(true);

    const archived = await app.gql(APPRAISALS, { periodKind: 'MONTH', periodStart: lastMonth.start, userId: userId(people.shanghai1Rep) }, { token: await app.tokenFor(people.shanghai1Rep.email) });
    const appraisal = archived.data!.appraisals[0];
    expect(appraisal).toMatchObject({ status: 'ARCHIVED', recommendation: 'NONE', confirmedBy: { id: userId(people.eastDirector) } });
    expect(appraisal.totalScore).toEqual(expect.any(String));

    await until(() => subscribers.rep.length > 0 && subscribers.director.length > 0 && subscribers.finance.length > 0, DELIVERED_WITHIN_MS);
    expect([subscribers.rep.length, subscribers.director.length, subscribers.finance.length]).toEqual([1, 1, 1]);
    for (const deliveries of [subscribers.rep, subscribers.director, subscribers.finance]) {
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]).toMatchObject({
        type: 'appraisal.finalized',
        aggregateType: 'Appraisal',
        aggregateId: appraisal.id,
        payload: { userId: userId(people.shanghai1Rep), periodKind: 'MONTH', periodStart: lastMonth.start, status: 'ARCHIVED', totalScore: expect.any(String), grade: appraisal.grade, recommendation: 'NONE' },
        hiddenFields: [],
      });
    }
    await pause(1000);
    expect(subscribers.otherTeam).toEqual([]);
    expect(subscribers.partner).toEqual([]);

    expect(await appraisalEvents({ token: await app.tokenFor(people.shanghai1Manager.email) })).toHaveLength(1);
    expect(await appraisalEvents({ token: await app.tokenFor(people.shanghai2Manager.email) })).toEqual([]);
    const hr = await appraisalEvents(await keyWith(['READ_SALES', 'READ_PERFORMANCE']));
    expect(hr).toHaveLength(1);
    expect(hr[0].hiddenFields).toEqual(SCORE_FIELDS);
    for (const field of SCORE_FIELDS) expect(hr[0].payload).not.toHaveProperty(field);
    expect(hr[0].payload).toMatchObject({ userId: userId(people.shanghai1Rep), status: 'ARCHIVED' });
    expect(await appraisalEvents(await keyWith(['READ_SALES']))).toEqual([]);
  });
});
