import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLObjectType } from 'graphql';
import { EVENT_AGGREGATES, payloadKeyGuard } from '../schema/events/event-redaction';
import { EVENT_CATALOGUE, EVENT_TYPES } from '../schema/events/event-catalogue';
import { fieldRuleOf } from '../api/permissions/policy-registry';
import { seedDemoAppraisalsIfEmpty } from '../seeds/demo-appraisals.seeder';
import { seedDemoExpensesIfEmpty } from '../seeds/demo-expenses.seeder';
import { seedDemoOrdersIfEmpty } from '../seeds/demo-orders.seeder';
import { seedDemoReportsIfEmpty } from '../seeds/demo-reports.seeder';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { TargetsService } from '../schema/targets/targets.service';
import { people, units, userId } from './fixtures/demo-people';
import { CREATE_WEBHOOK, EVENTS } from './graphql/events.documents';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The event catalogue (schema/events/event-catalogue.ts) is the one list of event types: the triggers, the schema,
 * webhook subscriptions, event filters and README's event table are each checked against it here.
 */
let app: TestApp;
/** Every payload key the demo data's events carry, by aggregate. */
let emittedKeys: Map<string, Set<string>>;

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
  await seedDemoOrdersIfEmpty(app.orm, app.config);
  await finalizedCommissionStatements(app);
  await seedDemoAppraisalsIfEmpty(app.orm, app.config);
  await seedDemoReportsIfEmpty(app.orm, app.config);
  await seedDemoExpensesIfEmpty(app.orm, app.config);
  // A target and a request to change it, so that their events are among those checked (whatever the demo data holds).
  const targets = (await TargetsService.actingAs(app.orm.em.fork(), userId(people.vp)))!;
  const [target] = await targets.setTargets({ metric: 'VISITS' as never, targets: [{ orgUnitId: units.company, periodKind: 'MONTH' as never, periodStart: '2026-01-01', value: '100' }] });
  await targets.requestAdjustment({ targetId: target.id, newValue: '90', reason: '春节' });
  const rows = await app.orm.em.fork().execute<{ aggregate_type: string; key: string }[]>(
    'select distinct aggregate_type, key from domain_event, jsonb_object_keys(payload) key',
  );
  emittedKeys = new Map();
  for (const row of rows) {
    const keys = emittedKeys.get(row.aggregate_type) ?? new Set<string>();
    keys.add(row.key);
    emittedKeys.set(row.aggregate_type, keys);
  }
});

afterAll(() => app.close());

/** A finalized commission statement and a finalized revision of it (no demo data has any): both commission events. */
async function finalizedCommissionStatements(testApp: TestApp): Promise<void> {
  const sql = (query: string, params: unknown[] = []) => testApp.orm.em.fork().getConnection().execute(query, params);
  const [plan] = await sql(`select id from commission_plan limit 1`);
  const [rep] = await sql(`select id from app_user where role = 'SALES_REP' limit 1`);
  const [finance] = await sql(`select id from app_user where role = 'FINANCE' limit 1`);
  const first = randomUUID();
  const revision = randomUUID();
  const insert = `insert into commission_statement (id, user_id, plan_id, period_start, revision, revises_id, basis_metric, target_value, actual_value, achievement_percent, total_commission)
    values (?, ?, ?, '2025-01-01', ?, ?, 'BOOKED_SALES', 100, 0, 0, 0)`;
  const finalize = `update commission_statement set status = 'FINALIZED', finalized_by_id = ?, finalized_at = now(), version = version + 1 where id = ?`;
  await sql(insert, [first, rep.id, plan.id, 1, null]);
  await sql(`update commission_statement set status = 'APPROVED', version = version + 1 where id = ?`, [first]);
  await sql(finalize, [finance.id, first]);
  await sql(insert, [revision, rep.id, plan.id, 2, first]);
  await sql(`update commission_statement set status = 'APPROVED', version = version + 1 where id = ?`, [revision]);
  await sql(finalize, [finance.id, revision]);
}

/** The source of every trigger function that writes events, with the type and aggregate literals it names. */
async function triggerSources(): Promise<{ name: string; types: string[]; aggregates: string[] }[]> {
  const functions = await app.orm.em.fork().execute<{ name: string; source: string }[]>(
    `select proname as name, prosrc as source from pg_proc
      where proname like 'salesgraph\\_%' and prosrc ~ 'salesgraph_record_(\\w+_)?event\\('`,
  );
  const aggregates = new Set<string>(EVENT_CATALOGUE.map((aggregate) => aggregate.aggregateType));
  return functions
    .filter((fn) => !fn.name.startsWith('salesgraph_record_'))
    .map((fn) => {
      const literals = [...fn.source.matchAll(/'([A-Za-z.]+)'/g)].map((match) => match[1]);
      return {
        name: fn.name,
        types: [...new Set(literals.filter((literal) => /^[a-z][a-zA-Z]*\.[a-zA-Z]+$/.test(literal)))],
        aggregates: [...new Set(literals.filter((literal) => aggregates.has(literal)))],
      };
    });
}

describe('the event catalogue', () => {
  it('lists every type each trigger writes, under the aggregate the trigger writes, and no type no trigger writes', async () => {
    const sources = await triggerSources();
    expect(sources.length).toBeGreaterThanOrEqual(9);
    const written = new Set<string>();
    for (const source of sources) {
      expect({ trigger: source.name, aggregates: source.aggregates.length }).toEqual({ trigger: source.name, aggregates: 1 });
      const aggregate = EVENT_CATALOGUE.find((each) => each.aggregateType === source.aggregates[0])!;
      for (const type of source.types) {
        expect({ trigger: source.name, type, catalogued: type in aggregate.types }).toEqual({ trigger: source.name, type, catalogued: true });
        written.add(type);
      }
    }
    expect([...EVENT_TYPES].sort()).toEqual([...written].sort());
  });

  it('names the same aggregates as the redaction, each with its GraphQL type', () => {
    expect(Object.keys(EVENT_AGGREGATES).sort()).toEqual(EVENT_CATALOGUE.map((aggregate) => aggregate.aggregateType).sort());
    for (const aggregate of Object.values(EVENT_AGGREGATES)) expect(app.server.schema.getType(aggregate.entity.name === 'SalesOrder' ? 'Order' : aggregate.entity.name)).toBeInstanceOf(GraphQLObjectType);
  });

  it('maps every payload key the triggers write to a field of the aggregate’s GraphQL type, whose rule guards it', () => {
    expect([...emittedKeys.keys()].sort()).toEqual(EVENT_CATALOGUE.map((aggregate) => aggregate.aggregateType).sort());
    const unmapped: string[] = [];
    for (const [aggregateType, keys] of emittedKeys) {
      for (const key of keys) {
        const guard = payloadKeyGuard(aggregateType, key);
        if (guard.field === null || guard.rule === null) unmapped.push(`${aggregateType}.${key}`);
      }
    }
    expect(unmapped).toEqual([]);
  });

  it('is the schema’s description of DomainEvent.type', () => {
    const description = (app.server.schema.getType('DomainEvent') as GraphQLObjectType).getFields().type.description ?? '';
    for (const type of EVENT_TYPES) expect(description).toContain(type);
  });

  it('refuses a webhook or a filter with an unknown event type', async () => {
    const admin = { token: await app.tokenFor(people.admin.email) };
    const webhook = await app.gql(CREATE_WEBHOOK, { input: { url: 'https://erp.example.com/hook', eventTypes: ['opportunity.won', 'no.such.event'] } }, admin);
    expect(webhook.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.eventTypes' }] });
    expect(webhook.data).toBeNull();
    const events = await app.gql(EVENTS, { first: 5, filter: { types: ['opportunity.wonn'] } }, admin);
    expect(events.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('matches README’s event table: the types of each aggregate and the guarded payload fields it names', () => {
    const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    const from = readme.indexOf('### Deal events');
    const section = readme.slice(from, readme.indexOf('\n#', from + 1));
    const rows = section.split('\n').filter((line) => /^\| `[A-Za-z]+` \|/.test(line));
    const table = new Map(
      rows.map((line) => {
        const cells = line.split('|').map((cell) => cell.trim());
        const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
        // The last column names payload keys (and may cite a field's rule as `Type.field`).
        return [names(cells[1])[0], { types: names(cells[2]).filter((name) => name.includes('.')), hidden: names(cells[4]).filter((name) => !name.includes('.')) }];
      }),
    );
    for (const aggregate of EVENT_CATALOGUE) {
      const row = table.get(aggregate.aggregateType);
      expect({ aggregate: aggregate.aggregateType, types: row?.types }).toEqual({ aggregate: aggregate.aggregateType, types: Object.keys(aggregate.types) });
      const entity = EVENT_AGGREGATES[aggregate.aggregateType].entity;
      const guarded = [...(emittedKeys.get(aggregate.aggregateType) ?? [])]
        .filter((key) => {
          const { field } = payloadKeyGuard(aggregate.aggregateType, key);
          return field !== null && fieldRuleOf(entity, field) !== undefined;
        })
        .sort();
      expect({ aggregate: aggregate.aggregateType, hidden: [...(row?.hidden ?? [])].sort() }).toEqual({ aggregate: aggregate.aggregateType, hidden: guarded });
    }
  });
});
