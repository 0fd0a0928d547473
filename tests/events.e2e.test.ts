import pg from 'pg';
import { DomainEvent } from '../schema/events/domain-event.entity';
import { pruneEvents } from '../schema/events/event-retention';
import { Opportunity } from '../schema/pipeline/entities/opportunity.entity';
import { demoId } from '../seeds/demo-ids';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { people, userId } from './fixtures/demo-people';
import type { EventsQuery } from './gql/graphql';
import { EVENTS } from './graphql/events.documents';
import { CREATE_OPPORTUNITY, MOVE_OPPORTUNITY_STAGE } from './graphql/pipeline.documents';
import { pause } from './support/wait';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

let app: TestApp;
const as = async (person: { email: string }): Promise<Auth> => ({ token: await app.tokenFor(person.email) });
const shenlian = demoId('customer:shenlian-automation');
const midea = demoId('opportunity:midea-q1');
/** Events of deals; order-to-cash events (tests/order-events.e2e.test.ts) go by their own records' scopes. */
const DEAL_AGGREGATES = ['Opportunity', 'Quote', 'ApprovalRequest'];
const isDealEvent = (event: { aggregateType: string }) => DEAL_AGGREGATES.includes(event.aggregateType);

/** A second connection, writing as any other program would (the admin UI through Prisma, an import script). */
async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: app.config.databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Reads until `ready` holds (at most ~10 s). Events show once every older transaction on the PostgreSQL server has
 * ended, and other test files run transactions on the same server at the same time.
 */
async function eventually<T>(read: () => Promise<T>, ready: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    const value = await read();
    if (ready(value) || attempt === 100) return value;
    await pause(100);
  }
}

async function eventsOf(opportunityId: string, auth: Auth, atLeast = 1) {
  const read = async () => {
    const response = await app.gql(EVENTS, { first: 100, filter: { opportunityId } }, auth);
    expect(response.errors).toBeUndefined();
    return response.data!.events.nodes;
  };
  return eventually(read, (nodes) => nodes.length >= atLeast);
}

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
});

afterAll(async () => {
  await app.close();
});

describe('the outbox', () => {
  it('records an API change in its transaction, with the signed-in actor and the changed fields', async () => {
    const rep = await as(people.shanghai1Rep);
    const created = await app.gql(CREATE_OPPORTUNITY, { input: { customerId: shenlian, name: '申联 伺服备件', amount: '52000', productLineIds: [] } }, rep);
    const opportunity = created.data!.createOpportunity;
    const moved = await app.gql(MOVE_OPPORTUNITY_STAGE, { id: opportunity.id, version: opportunity.version, input: { stage: 'NEEDS_ANALYSIS' } }, rep);
    expect(moved.errors).toBeUndefined();

    const events = await eventsOf(opportunity.id, rep, 2);
    expect(events.map((event) => event.type)).toEqual(['opportunity.created', 'opportunity.stageChanged']);
    expect(events[0]).toMatchObject({ aggregateType: 'Opportunity', aggregateId: opportunity.id, actor: { name: people.shanghai1Rep.name }, hiddenFields: [] });
    expect(events[0].payload).toMatchObject({ name: '申联 伺服备件', amount: '52000.00', stage: 'LEAD', customerId: shenlian });
    expect(events[1].payload).toEqual(expect.objectContaining({ stage: 'NEEDS_ANALYSIS', previousStage: 'LEAD', probability: '40' }));
    expect(events[1].aggregateVersion).toBe(events[0].aggregateVersion! + 1);
  });

  it('writes nothing for a change that is refused or rolled back', async () => {
    const before = await app.orm.em.fork().count(DomainEvent);
    const rep = await as(people.shanghai1Rep);
    const sensors = demoId('opportunity:baosteel-2027-sensors');
    const refused = await app.gql(MOVE_OPPORTUNITY_STAGE, { id: sensors, version: 1, input: { stage: 'WON' } }, rep);
    expect(refused.errors?.[0].extensions?.code).toBeDefined();
    await sql(`begin; update opportunity set name = 'rolled back' where id = '${sensors}'; rollback;`);
    expect(await app.orm.em.fork().count(DomainEvent)).toBe(before);
  });

  it('records writes that bypass the API (the admin UI through Prisma, imports) too, without an actor', async () => {
    const opportunity = demoId('opportunity:shenlian-drives');
    await sql(`update opportunity set next_step = $1, version = version + 1 where id = $2`, ['客户要求现场演示', opportunity]);
    const manager = await as(people.shanghai1Manager);
    const events = await eventually(() => eventsOf(opportunity, manager), (nodes) => nodes.some((event) => event.type === 'opportunity.updated'));
    expect(events.at(-1)).toMatchObject({ type: 'opportunity.updated', actor: null, payload: { nextStep: '客户要求现场演示' } });
  });

  it('holds the events of the demo seed: every demo deal was created, quotes submitted, approvals requested and decided', async () => {
    const types = (await app.orm.em.fork().find(DomainEvent, { actorId: null }, { fields: ['type'] })).map((event) => event.type);
    expect(types.filter((type) => type === 'opportunity.created').length).toBeGreaterThanOrEqual(14);
    expect(types).toEqual(expect.arrayContaining(['quote.submitted', 'approval.requested', 'approval.approved', 'quote.accepted', 'opportunity.won']));
  });
});

describe('events(after) as each viewer may see them', () => {
  it('a rep reads only the events of their own deals', async () => {
    const response = await app.gql(EVENTS, { first: 200 }, await as(people.shanghai1Rep));
    const owned = await app.orm.em.fork().find(Opportunity, { owner: userId(people.shanghai1Rep) }, { fields: ['id'] });
    const mine = new Set(owned.map((opportunity) => opportunity.id));
    const dealEvents = response.data!.events.nodes.filter((event) => event.aggregateType === 'Opportunity');
    expect(dealEvents.length).toBeGreaterThan(0);
    expect(dealEvents.filter((event) => !mine.has(event.aggregateId))).toEqual([]);
  });

  it('a partner reads its deals’ events without the amount and internal fields, and no quote or approval events', async () => {
    const events = await eventsOf(midea, await as(people.partner));
    expect(events.map((event) => event.type)).toEqual(['opportunity.created']);
    expect(events[0].payload.amount).toBeUndefined();
    expect(events[0].payload.probability).toBeUndefined();
    expect(events[0].hiddenFields).toEqual(expect.arrayContaining(['amount', 'probability']));
    const all = await app.gql(EVENTS, { first: 200 }, await as(people.partner));
    const partnerDeals = [midea, demoId('opportunity:dongguan-trial')];
    const dealEvents = all.data!.events.nodes.filter(isDealEvent);
    expect(dealEvents.filter((event) => event.aggregateType !== 'Opportunity' || !partnerDeals.includes(event.aggregateId))).toEqual([]);
  });

  it('finance reads deal events with the amount left out', async () => {
    const events = await eventsOf(demoId('opportunity:yanshan-radar'), await as(people.finance));
    const created = events.find((event) => event.type === 'opportunity.created');
    expect(created?.payload.amount).toBeUndefined();
    expect(created?.hiddenFields).toEqual(['amount']);
    expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(['quote.created', 'quote.submitted', 'approval.requested', 'approval.approved']));
  });

  it('resumes after a cursor without gaps or repeats', async () => {
    const vp = await as(people.vp);
    const all = (await app.gql(EVENTS, { first: 200 }, vp)).data!.events.nodes.map((event) => event.id);
    const paged: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const { data } = await app.gql(EVENTS, { first: 7, after }, vp);
      const page: EventsQuery['events'] = data!.events;
      paged.push(...page.nodes.map((event) => event.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? null;
    }
    expect(paged).toEqual(all);
  });

  it('does not read past a transaction still running, so its events are not skipped when it commits', async () => {
    const vp = await as(people.vp);
    const start = (await app.gql(EVENTS, { first: 200 }, vp)).data!.events.pageInfo.endCursor;
    const slow = new pg.Client({ connectionString: app.config.databaseUrl });
    await slow.connect();
    try {
      await slow.query('begin');
      await slow.query(`update opportunity set next_step = 'slow writer' where id = $1`, [demoId('opportunity:huichuan-servo')]);
      // A later change commits while the first is still open.
      await sql(`update opportunity set next_step = 'fast writer' where id = $1`, [demoId('opportunity:tianjin-conveyor')]);
      const during = await app.gql(EVENTS, { first: 50, after: start }, vp);
      expect(during.data!.events.nodes).toEqual([]);
      await slow.query('commit');
    } finally {
      await slow.end();
    }
    const after = await eventually(() => app.gql(EVENTS, { first: 50, after: start }, vp), (response) => (response.data?.events.nodes.length ?? 0) >= 2);
    expect(after.data!.events.nodes.map((event) => event.payload.nextStep)).toEqual(['slow writer', 'fast writer']);
  });

  it('refuses a cursor older than the retention window with CURSOR_EXPIRED', async () => {
    const old = Buffer.from(`1:${Date.now() - 31 * 24 * 60 * 60 * 1000}`).toString('base64url');
    const response = await app.gql(EVENTS, { first: 10, after: old }, await as(people.vp));
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'CURSOR_EXPIRED', retentionDays: 30 });
    const garbage = await app.gql(EVENTS, { first: 10, after: 'not-a-cursor' }, await as(people.vp));
    expect(garbage.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('customer service, which sees no deals, reads no deal events', async () => {
    const response = await app.gql(EVENTS, { first: 200 }, await as(people.customerService));
    expect(response.data!.events.nodes.filter(isDealEvent)).toEqual([]);
  });
});

describe('retention', () => {
  it('prunes the events older than the window and keeps the rest', async () => {
    const em = app.orm.em.fork();
    const total = await em.count(DomainEvent);
    await sql(`update domain_event set occurred_at = now() - interval '40 days' where position in (select position from domain_event order by position limit 3)`);
    expect(await pruneEvents(app.orm, 30)).toBe(3);
    expect(await em.count(DomainEvent)).toBe(total - 3);
  });
});
