import Decimal from 'decimal.js';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import { shareOut } from '../schema/targets/targets.service';
import {
  APPROVE_TARGET_ADJUSTMENT,
  PROPOSE_TARGET_SPLIT,
  REFUSE_TARGET_ADJUSTMENT,
  REQUEST_TARGET_ADJUSTMENT,
  SALES_TARGETS,
  SET_TARGETS,
  TARGET_ADJUSTMENTS,
  TARGET_BREAKDOWN,
  TARGET_WITH_HISTORY,
} from './graphql/targets.documents';
import { DEMO_COMPANY, people, units, userId, type PersonName } from './fixtures/demo-people';
import { createTestApp, type Auth, type GraphQLResponse, type TestApp } from './support/test-app';

/**
 * Targets decomposed top-down, proposed, locked and adjusted, as the demo people. Today is the database's, in company
 * time; the tests use 2027 for targets whose period has not started and 2026-01 (or earlier) for locked ones.
 */
let app: TestApp;

const shanghai1Reps = DEMO_COMPANY.regions[0].teams[0].reps.map((rep) => userId(rep));
const eastTeams = DEMO_COMPANY.regions[0].teams.length;

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
}, 120_000);

afterAll(async () => {
  await app.close();
});

async function as(person: PersonName): Promise<Auth> {
  return { token: await app.tokenFor(people[person].email) };
}

function reasonOf(response: GraphQLResponse<unknown>): unknown {
  return response.errors?.[0]?.extensions?.reason ?? response.errors?.[0]?.extensions?.code;
}

function fieldsOf(response: GraphQLResponse<unknown>): unknown {
  return (response.errors?.[0]?.extensions?.fields as { path: string }[] | undefined)?.map((field) => field.path);
}

async function setTargets(person: PersonName, input: Record<string, unknown>) {
  return app.gql(SET_TARGETS, { input: input as never }, await as(person));
}

/** The unit of the org tree with this id's kind-children, from the database. */
async function childUnitIds(parentId: string): Promise<string[]> {
  const rows = await app.orm.em.fork().execute<{ id: string }[]>('select id from org_unit where parent_id = ? order by id', [parentId]);
  return rows.map((row) => row.id);
}

describe('shareOut', () => {
  it('adds up exactly to the total, the leftover cents to the largest remainders', () => {
    expect(shareOut('100.00', [1, 1, 1], 2)).toEqual(['33.34', '33.33', '33.33']);
    expect(shareOut('10', [3, 2, 1, 0], 0)).toEqual(['5', '3', '2', '0']);
    expect(shareOut('0.05', [1, 1, 1, 1, 1, 1], 2)).toEqual(['0.01', '0.01', '0.01', '0.01', '0.01', '0.00']);
    expect(shareOut('7', [0, 0], 0)).toEqual(['4', '3']);
  });
});

describe('decomposition top-down', () => {
  let companyTargetId: string;
  let eastTargetId: string;

  it('the VP sets the company’s 2027 target and the regions’; what they leave is unallocated', async () => {
    const company = await setTargets('vp', {
      metric: 'BOOKED_SALES',
      targets: [{ orgUnitId: units.company, periodKind: 'YEAR', periodStart: '2027-01-01', value: '10000000', reason: '2027 年度目标' }],
    });
    expect(company.errors).toBeUndefined();
    companyTargetId = company.data!.setTargets[0].id;
    expect(company.data!.setTargets[0]).toMatchObject({ periodEnd: '2027-12-31', value: '10000000', locked: false, version: 1 });

    const regions = await setTargets('vp', {
      parentId: companyTargetId,
      targets: [
        { orgUnitId: units.east, value: '4000000' },
        { orgUnitId: units.south, value: '3000000' },
        { orgUnitId: units.north, value: '2500000' },
      ],
    });
    expect(regions.errors).toBeUndefined();
    expect(regions.data!.setTargets.map((target) => target.parent?.id)).toEqual([companyTargetId, companyTargetId, companyTargetId]);
    eastTargetId = regions.data!.setTargets[0].id;

    const breakdown = await app.gql(TARGET_BREAKDOWN, { targetId: companyTargetId }, await as('vp'));
    expect(breakdown.errors).toBeUndefined();
    expect(breakdown.data!.targetBreakdown).toMatchObject({ allocated: '9500000', unallocated: '500000' });
    expect(breakdown.data!.targetBreakdown.children).toHaveLength(3);
  });

  it('a director splits his region into its teams, and may over-allocate (negative unallocated)', async () => {
    const teams = DEMO_COMPANY.regions[0].teams.length;
    const teamIds = await childUnitIds(units.east);
    expect(teamIds).toHaveLength(teams);
    const split = await setTargets('eastDirector', {
      parentId: eastTargetId,
      targets: teamIds.map((orgUnitId) => ({ orgUnitId, value: '1500000' })),
    });
    expect(split.errors).toBeUndefined();
    const breakdown = await app.gql(TARGET_BREAKDOWN, { targetId: eastTargetId }, await as('eastDirector'));
    const allocated = new Decimal(1500000).times(eastTeams);
    expect(breakdown.data!.targetBreakdown).toMatchObject({ allocated: allocated.toFixed(), unallocated: new Decimal(4000000).minus(allocated).toFixed() });
  });

  it('a manager splits his team into its reps; his reps see only their own, and no totals', async () => {
    const [team] = (await app.gql(SALES_TARGETS, { filter: { orgUnitId: units.shanghai1, year: 2027 } }, await as('shanghai1Manager'))).data!.salesTargets.nodes;
    const split = await setTargets('shanghai1Manager', {
      parentId: team.id,
      targets: shanghai1Reps.map((repId, index) => ({ userId: repId, value: String(300000 + index * 100000) })),
    });
    expect(split.errors).toBeUndefined();

    const asManager = await app.gql(TARGET_BREAKDOWN, { targetId: team.id }, await as('shanghai1Manager'));
    expect(asManager.data!.targetBreakdown).toMatchObject({ allocated: '1800000', unallocated: '-300000' });
    expect(asManager.data!.targetBreakdown.children).toHaveLength(4);

    const asRep = await app.gql(TARGET_BREAKDOWN, { targetId: team.id }, await as('shanghai1Rep'));
    expect(asRep.data!.targetBreakdown.target.value).toBe('1500000');
    expect(asRep.data!.targetBreakdown.children.map((child) => child.user?.id)).toEqual([userId(people.shanghai1Rep)]);
    expect(asRep.data!.targetBreakdown.allocated).toBeNull();
    expect(asRep.data!.targetBreakdown.unallocated).toBeNull();
    expect(asRep.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['targetBreakdown', 'allocated'], 'FORBIDDEN'],
      [['targetBreakdown', 'unallocated'], 'FORBIDDEN'],
    ]);
  });

  it('nobody sets their own level or a level outside their subtree', async () => {
    const [team] = (await app.gql(SALES_TARGETS, { filter: { orgUnitId: units.shanghai1, year: 2027 } }, await as('shanghai1Manager'))).data!.salesTargets.nodes;
    const ownTeam = await setTargets('shanghai1Manager', { metric: 'BOOKED_SALES', targets: [{ orgUnitId: units.shanghai1, periodKind: 'YEAR', periodStart: '2027-01-01', value: '1' }] });
    expect({ reason: reasonOf(ownTeam), fields: fieldsOf(ownTeam) }).toEqual({ reason: 'NOT_YOUR_LEVEL', fields: undefined });
    const self = await setTargets('shanghai1Manager', { parentId: team.id, targets: [{ userId: userId(people.shanghai1Manager), value: '1' }] });
    expect(reasonOf(self)).toBe('NOT_YOUR_LEVEL');
    const south = await setTargets('eastDirector', { metric: 'BOOKED_SALES', targets: [{ orgUnitId: units.south, periodKind: 'YEAR', periodStart: '2027-01-01', value: '1' }] });
    expect(reasonOf(south)).toBe('NOT_YOUR_LEVEL');
    const rep = await setTargets('shanghai1Rep', { metric: 'BOOKED_SALES', targets: [{ userId: userId(people.shanghai1Rep), periodKind: 'YEAR', periodStart: '2027-01-01', value: '1' }] });
    expect(rep.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses children that are no children, mixed dimensions and a period that does not start where it says', async () => {
    const notAChild = await setTargets('vp', { parentId: companyTargetId, targets: [{ orgUnitId: units.shanghai1, value: '1' }] });
    expect({ reason: reasonOf(notAChild), fields: fieldsOf(notAChild) }).toEqual({ reason: 'NOT_A_CHILD', fields: ['input.targets.0'] });
    const mixed = await setTargets('vp', {
      parentId: companyTargetId,
      targets: [
        { orgUnitId: units.east, value: '4000000' },
        { periodKind: 'QUARTER', periodStart: '2027-04-01', value: '1' },
      ],
    });
    expect({ reason: reasonOf(mixed), fields: fieldsOf(mixed) }).toEqual({ reason: 'MIXED_DIMENSIONS', fields: ['input.targets.1'] });
    const badPeriod = await setTargets('vp', { parentId: companyTargetId, targets: [{ periodKind: 'QUARTER', periodStart: '2027-02-01', value: '1' }] });
    expect({ reason: reasonOf(badPeriod), fields: fieldsOf(badPeriod) }).toEqual({ reason: 'BAD_PERIOD', fields: ['input.targets.0.periodStart'] });
    const rows = await app.orm.em.fork().execute<{ count: string }[]>(`select count(*)::text as count from sales_target where value = 1`);
    expect(rows[0].count).toBe('0');
  });

  it('splits a year into its quarters and shows the quarters’ breakdown apart from the regions’', async () => {
    const quarters = await setTargets('vp', {
      parentId: companyTargetId,
      targets: ['01', '04', '07', '10'].map((month) => ({ periodKind: 'QUARTER', periodStart: `2027-${month}-01`, value: '2500000' })),
    });
    expect(quarters.errors).toBeUndefined();
    const byPeriod = await app.gql(TARGET_BREAKDOWN, { targetId: companyTargetId, dimension: 'PERIOD' }, await as('finance'));
    expect(byPeriod.data!.targetBreakdown).toMatchObject({ allocated: '10000000', unallocated: '0' });
    expect(byPeriod.data!.targetBreakdown.children.map((child) => child.periodStart)).toEqual(['2027-01-01', '2027-04-01', '2027-07-01', '2027-10-01']);
    const byOrg = await app.gql(TARGET_BREAKDOWN, { targetId: companyTargetId }, await as('finance'));
    expect(byOrg.data!.targetBreakdown).toMatchObject({ allocated: '9500000', unallocated: '500000' });
  });

  it('changes a target whose period has not started directly, each value kept as a version', async () => {
    const changed = await setTargets('vp', { parentId: companyTargetId, targets: [{ orgUnitId: units.east, value: '4200000', reason: '华东扩编' }] });
    expect(changed.data!.setTargets[0]).toMatchObject({ id: eastTargetId, version: 2, value: '4200000' });
    const target = await app.gql(TARGET_WITH_HISTORY, { id: eastTargetId }, await as('eastDirector'));
    expect(target.data!.salesTarget!.history.map((version) => [version.version, version.value, version.reason, version.setBy?.name])).toEqual([
      [1, '4000000', null, people.vp.name],
      [2, '4200000', '华东扩编', people.vp.name],
    ]);
  });
});

describe('proposals', () => {
  let teamTargetId: string;

  beforeAll(async () => {
    // March 2024's visits of 上海一组, against March 2023's: 3, 2, 1 and 0 visits by its four reps.
    const em = app.orm.em.fork();
    const [customer] = await em.execute<{ id: string }[]>('select id from customer order by id limit 1');
    const visits = [3, 2, 1, 0];
    for (const [index, count] of visits.entries()) {
      for (let visit = 0; visit < count; visit += 1) {
        await em.execute(
          `insert into visit (id, customer_id, visited_by_id, visited_on, purpose) values (gen_random_uuid(), ?, ?, ?, '拜访')`,
          [customer.id, shanghai1Reps[index], `2023-03-${String(10 + visit).padStart(2, '0')}`],
        );
      }
    }
    const team = await setTargets('eastDirector', { metric: 'VISITS', targets: [{ orgUnitId: units.shanghai1, periodKind: 'MONTH', periodStart: '2024-03-01', value: '10' }] });
    expect(team.errors).toBeUndefined();
    teamTargetId = team.data!.setTargets[0].id;
  });

  it('from last year’s actuals, in whole visits adding up exactly to the target', async () => {
    const proposal = await app.gql(PROPOSE_TARGET_SPLIT, { parentId: teamTargetId, basis: 'LAST_YEAR_ACTUALS' }, await as('shanghai1Manager'));
    expect(proposal.errors).toBeUndefined();
    expect(proposal.data!.proposeTargetSplit.basis).toBe('LAST_YEAR_ACTUALS');
    const byRep = new Map(proposal.data!.proposeTargetSplit.children.map((child) => [child.user!.id, [child.value, child.lastYearActual]]));
    expect(shanghai1Reps.map((rep) => byRep.get(rep))).toEqual([
      ['5', '3'],
      ['3', '2'],
      ['2', '1'],
      ['0', '0'],
    ]);
  });

  it('in equal shares, to the cent, adding up exactly', async () => {
    const company = await setTargets('vp', { metric: 'COLLECTIONS', targets: [{ orgUnitId: units.company, periodKind: 'YEAR', periodStart: '2027-01-01', value: '1000000.01' }] });
    const proposal = await app.gql(PROPOSE_TARGET_SPLIT, { parentId: company.data!.setTargets[0].id, basis: 'EQUAL' }, await as('vp'));
    expect(proposal.errors).toBeUndefined();
    const values = proposal.data!.proposeTargetSplit.children.map((child) => child.value);
    // The three regions and the key account manager, who sells directly under the company.
    expect(values.reduce((sum, value) => sum.plus(value), new Decimal(0)).toFixed(2)).toBe('1000000.01');
    expect(values).toEqual(['250000.01', '250000', '250000', '250000']);
    const months = await app.gql(PROPOSE_TARGET_SPLIT, { parentId: company.data!.setTargets[0].id, dimension: 'PERIOD', basis: 'EQUAL' }, await as('vp'));
    expect(months.data!.proposeTargetSplit.children.map((child) => [child.periodKind, child.periodStart])).toEqual([
      ['QUARTER', '2027-01-01'],
      ['QUARTER', '2027-04-01'],
      ['QUARTER', '2027-07-01'],
      ['QUARTER', '2027-10-01'],
    ]);
  });

  it('only for whoever may set the children', async () => {
    const byRep = await app.gql(PROPOSE_TARGET_SPLIT, { parentId: teamTargetId }, await as('shanghai1Rep'));
    expect(byRep.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byOtherManager = await app.gql(PROPOSE_TARGET_SPLIT, { parentId: teamTargetId }, await as('shanghai2Manager'));
    expect(reasonOf(byOtherManager)).toBe('TARGET_NOT_FOUND');
  });
});

describe('locking and adjustments', () => {
  let repTargetId: string;

  beforeAll(async () => {
    // January 2026 has started: the target is created (targets for a running period may still be set), then locked.
    const created = await setTargets('shanghai1Manager', {
      metric: 'BOOKED_SALES',
      targets: [{ userId: userId(people.shanghai1Rep), periodKind: 'MONTH', periodStart: '2026-01-01', value: '100000', reason: '一月目标' }],
    });
    expect(created.errors).toBeUndefined();
    expect(created.data!.setTargets[0].locked).toBe(true);
    repTargetId = created.data!.setTargets[0].id;
  });

  it('a locked target keeps its value: setTargets is refused, naming the value', async () => {
    const changed = await setTargets('shanghai1Manager', {
      metric: 'BOOKED_SALES',
      targets: [{ userId: userId(people.shanghai1Rep), periodKind: 'MONTH', periodStart: '2026-01-01', value: '90000' }],
    });
    expect({ code: changed.errors?.[0]?.extensions?.code, reason: reasonOf(changed), fields: fieldsOf(changed) }).toEqual({
      code: 'CONFLICT',
      reason: 'TARGET_LOCKED',
      fields: undefined,
    });
  });

  it('an adjustment approved by the next level up changes it, on record with the adjustment behind it', async () => {
    const requested = await app.gql(REQUEST_TARGET_ADJUSTMENT, { input: { targetId: repTargetId, newValue: '80000', reason: '大客户项目延期' } }, await as('shanghai1Rep'));
    expect(requested.errors).toBeUndefined();
    expect(requested.data!.requestTargetAdjustment).toMatchObject({ status: 'PENDING', previousValue: '100000', newValue: '80000', approver: { name: people.shanghai1Manager.name } });
    const adjustment = requested.data!.requestTargetAdjustment;

    const second = await app.gql(REQUEST_TARGET_ADJUSTMENT, { input: { targetId: repTargetId, newValue: '70000', reason: '再调' } }, await as('shanghai1Rep'));
    expect(reasonOf(second)).toBe('ADJUSTMENT_PENDING');
    const waiting = await app.gql(TARGET_ADJUSTMENTS, { filter: { awaitingMyDecision: true } }, await as('shanghai1Manager'));
    expect(waiting.data!.targetAdjustments.nodes.map((node) => node.id)).toEqual([adjustment.id]);

    const approved = await app.gql(APPROVE_TARGET_ADJUSTMENT, { id: adjustment.id, version: adjustment.version, comment: '同意' }, await as('shanghai1Manager'));
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveTargetAdjustment).toMatchObject({ status: 'APPROVED', comment: '同意', decidedBy: { name: people.shanghai1Manager.name } });

    const again = await app.gql(APPROVE_TARGET_ADJUSTMENT, { id: adjustment.id, version: adjustment.version }, await as('eastDirector'));
    expect({ code: again.errors?.[0]?.extensions?.code, reason: reasonOf(again) }).toEqual({ code: 'CONFLICT', reason: 'ALREADY_DECIDED' });

    const target = (await app.gql(TARGET_WITH_HISTORY, { id: repTargetId }, await as('shanghai1Rep'))).data!.salesTarget!;
    expect(target).toMatchObject({ value: '80000', reason: '大客户项目延期', locked: true });
    expect(target.history.map((version) => [version.version, version.value, version.reason, version.adjustmentId, version.setBy?.name])).toEqual([
      [1, '100000', '一月目标', null, people.shanghai1Manager.name],
      [2, '80000', '大客户项目延期', adjustment.id, people.shanghai1Manager.name],
    ]);
  });

  it('a refused adjustment leaves the value and its history as they were, the refusal on record', async () => {
    const requested = await app.gql(REQUEST_TARGET_ADJUSTMENT, { input: { targetId: repTargetId, newValue: '50000', reason: '市场下滑' } }, await as('shanghai1Rep'));
    const adjustment = requested.data!.requestTargetAdjustment;
    const blank = await app.gql(REFUSE_TARGET_ADJUSTMENT, { id: adjustment.id, version: adjustment.version, comment: '  ' }, await as('shanghai1Manager'));
    expect(fieldsOf(blank)).toEqual(['comment']);
    const byRep = await app.gql(REFUSE_TARGET_ADJUSTMENT, { id: adjustment.id, version: adjustment.version, comment: '不行' }, await as('shanghai1Rep'));
    expect(byRep.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byOtherManager = await app.gql(REFUSE_TARGET_ADJUSTMENT, { id: adjustment.id, version: adjustment.version, comment: '不行' }, await as('shanghai2Manager'));
    expect(reasonOf(byOtherManager)).toBe('ADJUSTMENT_NOT_FOUND');
    const refused = await app.gql(REFUSE_TARGET_ADJUSTMENT, { id: adjustment.id, version: adjustment.version, comment: '一月已过半，维持目标' }, await as('eastDirector'));
    expect(refused.data!.refuseTargetAdjustment).toMatchObject({ status: 'REFUSED', comment: '一月已过半，维持目标', decidedBy: { name: people.eastDirector.name } });

    const target = (await app.gql(TARGET_WITH_HISTORY, { id: repTargetId }, await as('shanghai1Manager'))).data!.salesTarget!;
    expect(target.value).toBe('80000');
    expect(target.history).toHaveLength(2);
    expect(target.adjustments.map((each) => [each.status, each.previousValue, each.newValue, each.requestedBy?.name, each.decidedBy?.name])).toEqual([
      ['APPROVED', '100000', '80000', people.shanghai1Rep.name, people.shanghai1Manager.name],
      ['REFUSED', '80000', '50000', people.shanghai1Rep.name, people.eastDirector.name],
    ]);
  });

  it('nobody decides their own request; a target whose period has not started is changed directly instead', async () => {
    const [team] = (await app.gql(SALES_TARGETS, { filter: { orgUnitId: units.shanghai1, year: 2024 } }, await as('shanghai1Manager'))).data!.salesTargets.nodes;
    const requested = await app.gql(REQUEST_TARGET_ADJUSTMENT, { input: { targetId: team.id, newValue: '12', reason: '新增客户' } }, await as('shanghai1Manager'));
    expect(requested.data!.requestTargetAdjustment.approver?.name).toBe(people.eastDirector.name);
    const own = await app.gql(
      APPROVE_TARGET_ADJUSTMENT,
      { id: requested.data!.requestTargetAdjustment.id, version: requested.data!.requestTargetAdjustment.version },
      await as('shanghai1Manager'),
    );
    expect(reasonOf(own)).toBe('OWN_REQUEST');

    const future = (await app.gql(SALES_TARGETS, { filter: { userId: userId(people.shanghai1Rep), year: 2027 } }, await as('shanghai1Rep'))).data!.salesTargets.nodes[0];
    const early = await app.gql(REQUEST_TARGET_ADJUSTMENT, { input: { targetId: future.id, newValue: '1', reason: '太高' } }, await as('shanghai1Rep'));
    expect(reasonOf(early)).toBe('TARGET_NOT_LOCKED');
  });

  it('of two decisions at once, exactly one is stored: both wait on the request’s row lock, then one wins', async () => {
    const requested = await app.gql(REQUEST_TARGET_ADJUSTMENT, { input: { targetId: repTargetId, newValue: '60000', reason: '竞争加剧' } }, await as('shanghai1Rep'));
    const adjustment = requested.data!.requestTargetAdjustment;
    const managerAuth = await as('shanghai1Manager');
    const directorAuth = await as('eastDirector');

    let decisions: Promise<GraphQLResponse<unknown>>[] = [];
    await app.orm.em.fork().transactional(async (em) => {
      // Hold the request's row, start both decisions, and let go only once both are waiting for it.
      await em.execute('select id from target_adjustment where id = ? for update', [adjustment.id]);
      decisions = [
        app.gql(APPROVE_TARGET_ADJUSTMENT, { id: adjustment.id, version: adjustment.version }, managerAuth),
        app.gql(REFUSE_TARGET_ADJUSTMENT, { id: adjustment.id, version: adjustment.version, comment: '维持' }, directorAuth),
      ];
      const watcher = app.orm.em.fork();
      for (let attempt = 0; attempt < 200; attempt += 1) {
        const [row] = await watcher.execute<{ waiting: number }[]>(
          `select count(*)::int as waiting from pg_locks l join pg_class c on c.oid = l.relation where not l.granted and c.relname = 'target_adjustment'`,
        );
        const [tuple] = await watcher.execute<{ waiting: number }[]>(`select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`);
        if (row.waiting + tuple.waiting >= 2) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const [waiting] = await watcher.execute<{ waiting: number }[]>(`select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`);
      expect(waiting.waiting).toBe(2);
    });
    const [approve, refuse] = await Promise.all(decisions);
    const outcomes = [approve, refuse].map((response) => (response.errors === undefined ? 'stored' : reasonOf(response)));
    expect(outcomes.sort()).toEqual(['ALREADY_DECIDED', 'stored']);

    const target = (await app.gql(TARGET_WITH_HISTORY, { id: repTargetId }, managerAuth)).data!.salesTarget!;
    const decided = target.adjustments.at(-1)!;
    if (approve.errors === undefined) {
      expect([decided.status, target.value, target.history.length]).toEqual(['APPROVED', '60000', 3]);
    } else {
      expect([decided.status, target.value, target.history.length]).toEqual(['REFUSED', '80000', 2]);
    }
  });
});
