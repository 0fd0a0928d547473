import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { payloadKeyGuard } from '../schema/events/event-redaction';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { people, userId, type PersonName } from './fixtures/demo-people';
import { CREATE_API_KEY } from './graphql/documents';
import { DEAL_CHANGED, EVENTS } from './graphql/events.documents';
import { CREATE_WORK_REPORT, REVIEW_WORK_REPORT, SUBMIT_WORK_REPORT } from './graphql/reports.documents';
import { pause, until } from './support/wait';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/**
 * `workReport.submitted` and `workReport.reviewed` through the outbox: written by the trigger in the transaction of the
 * change, with the API's actor, delivered to subscribers and `events` readers through the report's row scope (the
 * author and their chain, the VP, admins), the score judged by `WorkReport.score`'s rule like any guarded field.
 */
let app: TestApp;
const clients: Client[] = [];
const TYPES = ['workReport.submitted', 'workReport.reviewed'];

interface Delivered {
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  hiddenFields: string[];
  actor: { name: string } | null;
}

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await app.close();
});

async function as(person: PersonName): Promise<Auth> {
  return { token: await app.tokenFor(people[person].email) };
}

async function subscribe(person: PersonName): Promise<Delivered[]> {
  const token = await app.tokenFor(people[person].email);
  const deliveries: Delivered[] = [];
  const client = createClient({ url: `${app.baseUrl.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  clients.push(client);
  client.subscribe(
    { query: print(DEAL_CHANGED), variables: { filter: { types: TYPES } } },
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

async function reportEvents(auth: Auth): Promise<Delivered[]> {
  const response = await app.gql(EVENTS, { first: 50, filter: { types: TYPES } }, auth);
  expect(response.errors).toBeUndefined();
  return response.data!.events.nodes as unknown as Delivered[];
}

describe('work report events', () => {
  it('the score is guarded in payloads by WorkReport.score’s rule', () => {
    expect(payloadKeyGuard('WorkReport', 'score').rule?.name).toBe('review-score-readers');
    expect(payloadKeyGuard('WorkReport', 'authorId').field).toBe('author');
  });

  it('submitted and reviewed reach the author and their chain with the score; peers, other regions, partners and API keys nothing', async () => {
    const subscribers = {
      author: await subscribe('shanghai1Rep'),
      manager: await subscribe('shanghai1Manager'),
      director: await subscribe('eastDirector'),
      peer: await subscribe('shanghai1Teammate'),
      otherDirector: await subscribe('northDirector'),
      partner: await subscribe('partner'),
    };
    const created = await app.gql(CREATE_WORK_REPORT, { input: { kind: 'WEEKLY', progress: '本周进展' } }, await as('shanghai1Rep'));
    const draft = created.data!.createWorkReport;
    const submitted = await app.gql(SUBMIT_WORK_REPORT, { id: draft.id, version: draft.version }, await as('shanghai1Rep'));
    expect(submitted.errors).toBeUndefined();
    const reviewed = await app.gql(REVIEW_WORK_REPORT, { id: draft.id, version: submitted.data!.submitWorkReport.version, input: { score: 5, comment: '好' } }, await as('shanghai1Manager'));
    expect(reviewed.errors).toBeUndefined();

    await until(() => subscribers.author.length >= 2 && subscribers.manager.length >= 2 && subscribers.director.length >= 2, 8000);
    for (const deliveries of [subscribers.author, subscribers.manager, subscribers.director]) {
      expect(deliveries.map((event) => event.type)).toEqual(TYPES);
      expect(deliveries[0]).toMatchObject({
        aggregateType: 'WorkReport',
        aggregateId: draft.id,
        payload: { authorId: userId(people.shanghai1Rep), kind: 'WEEKLY', periodStart: draft.periodStart, status: 'SUBMITTED', late: false },
        hiddenFields: [],
        actor: { name: people.shanghai1Rep.name },
      });
      expect(deliveries[1]).toMatchObject({
        payload: { status: 'REVIEWED', score: 5, reviewedById: userId(people.shanghai1Manager) },
        hiddenFields: [],
        actor: { name: people.shanghai1Manager.name },
      });
    }
    await pause(1000);
    expect(subscribers.peer).toEqual([]);
    expect(subscribers.otherDirector).toEqual([]);
    expect(subscribers.partner).toEqual([]);

    expect(await reportEvents(await as('vp'))).toHaveLength(2);
    expect(await reportEvents(await as('shanghai2Manager'))).toEqual([]);
    expect(await reportEvents(await as('finance'))).toEqual([]);
    const key = await app.gql(
      CREATE_API_KEY,
      { input: { name: 'HR sync', scopes: ['READ_SALES', 'READ_PERFORMANCE'], userId: userId(people.integration) } },
      await as('admin'),
    );
    expect(await reportEvents({ apiKey: key.data!.createApiKey.key })).toEqual([]);
  });
});
