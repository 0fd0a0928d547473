import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { EVENTS, APPROVAL_REQUESTED, DEAL_CHANGED } from './graphql/events.documents';
import { REQUEST_TARGET_ADJUSTMENT, SET_TARGETS } from './graphql/targets.documents';
import { people, userId, type PersonName } from './fixtures/demo-people';
import { pause, until } from './support/wait';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * `target.changed` and `target.adjustmentRequested` come from the triggers on sales_target and target_adjustment, in
 * the writing transaction, and reach readers as the other events do: only those who may see the target, and `value`,
 * `previousValue`, `newValue` left out for whoever may not read the target's value.
 */
const DELIVERED_WITHIN_MS = 8000;

interface Delivered {
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  hiddenFields: string[];
}

let app: TestApp;
const clients: Client[] = [];

beforeAll(async () => {
  app = await createTestApp();
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await app.close();
});

const token = (person: PersonName) => app.tokenFor(people[person].email);

async function subscribe(person: PersonName, query: string): Promise<Delivered[]> {
  const received: Delivered[] = [];
  const client = createClient({ url: `${app.baseUrl.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${await token(person)}` }, retryAttempts: 0 });
  clients.push(client);
  client.subscribe(
    { query },
    {
      next: (result) => {
        const data = result.data as Record<string, Delivered> | undefined;
        if (data) received.push(...Object.values(data));
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  await pause(400);
  return received;
}

async function targetEvents(person: PersonName): Promise<Delivered[]> {
  const response = await app.gql(EVENTS, { first: 100, filter: { types: ['target.changed', 'target.adjustmentRequested'] } }, { token: await token(person) });
  expect(response.errors).toBeUndefined();
  return response.data!.events.nodes as unknown as Delivered[];
}

it('writes target.changed and target.adjustmentRequested, read and delivered only in the target’s scope', async () => {
  const manager = await subscribe('shanghai1Manager', print(DEAL_CHANGED));
  const teammate = await subscribe('shanghai1Teammate', print(DEAL_CHANGED));
  const approvals = await subscribe('shanghai1Manager', print(APPROVAL_REQUESTED));

  const set = await app.gql(
    SET_TARGETS,
    { input: { metric: 'BOOKED_SALES', targets: [{ userId: userId(people.shanghai1Rep), periodKind: 'MONTH', periodStart: '2026-02-01', value: '120000' }] } },
    { token: await token('shanghai1Manager') },
  );
  expect(set.errors).toBeUndefined();
  const targetId = set.data!.setTargets[0].id;
  const requested = await app.gql(REQUEST_TARGET_ADJUSTMENT, { input: { targetId, newValue: '100000', reason: '春节假期' } }, { token: await token('shanghai1Rep') });
  expect(requested.errors).toBeUndefined();
  const adjustmentId = requested.data!.requestTargetAdjustment.id;

  await until(() => manager.some((event) => event.aggregateId === adjustmentId) && approvals.length > 0, DELIVERED_WITHIN_MS);
  expect(manager.find((event) => event.aggregateId === targetId)).toMatchObject({
    type: 'target.changed',
    aggregateType: 'SalesTarget',
    payload: { value: '120000.00', userId: userId(people.shanghai1Rep), periodStart: '2026-02-01' },
    hiddenFields: [],
  });
  expect(manager.find((event) => event.aggregateId === adjustmentId)).toMatchObject({
    type: 'target.adjustmentRequested',
    aggregateType: 'TargetAdjustment',
    payload: { targetId, previousValue: '120000.00', newValue: '100000.00', approverId: userId(people.shanghai1Manager), status: 'PENDING' },
  });
  expect(approvals.map((event) => [event.type, event.aggregateId])).toEqual([['target.adjustmentRequested', adjustmentId]]);
  await pause(1000);
  expect(teammate.filter((event) => event.aggregateType === 'SalesTarget' || event.aggregateType === 'TargetAdjustment')).toEqual([]);

  // The same through events: the rep and finance read both with their values; a teammate, customer service and the
  // partner read none.
  for (const person of ['shanghai1Rep', 'finance', 'eastDirector'] as const) {
    const events = await targetEvents(person);
    expect({ person, events: events.map((event) => [event.type, event.hiddenFields]) }).toEqual({
      person,
      events: [
        ['target.changed', []],
        ['target.adjustmentRequested', []],
      ],
    });
  }
  for (const person of ['shanghai1Teammate', 'customerService', 'partner', 'northDirector'] as const) {
    expect({ person, events: await targetEvents(person) }).toEqual({ person, events: [] });
  }
});
