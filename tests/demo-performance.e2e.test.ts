import { OrderStatus } from '../schema/orders/orders.enums';
import { Role } from '../schema/org/org.enums';
import { demoId } from '../seeds/demo-ids';
import { DEMO_COMPANY } from '../seeds/demo-company.data';
import { DEMO_PERFORMANCE_YEAR, DEMO_SLUMPING_REP, DEMO_UNALLOCATED_REGION, DEMO_UNALLOCATED_SHARE, demoSellers } from '../seeds/demo-performance.data';
import { seedDemoPerformanceIfEmpty } from '../seeds/demo-performance.seeder';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The demo year (seeds/demo-performance.*): every seller has 2026 orders, payments, visits and new customers made
 * through the services; targets exist for every level, period, metric and product line, and add up.
 */
let app: TestApp;
const YEAR = DEMO_PERFORMANCE_YEAR;

beforeAll(async () => {
  app = await createTestApp({}, { demoYear: true });
});

afterAll(async () => {
  await app?.close();
});

type Row = Record<string, string | number | null>;
const sql = (query: string, params: unknown[] = []) => app.orm.em.fork().execute<Row[]>(query, params);

describe('the demo year', () => {
  it('is seeded once', async () => {
    expect(await seedDemoPerformanceIfEmpty(app.orm, app.config)).toBe(false);
  });

  it('gives every seller 2026 orders, payments, visits and new customers', async () => {
    const rows = await sql(
      `select u.email, f.metric, count(*)::int as n
         from sales_performance_fact f join app_user u on u.id = f.user_id
        where f.occurred_on between ? and ?
        group by 1, 2`,
      [`${YEAR}-01-01`, `${YEAR}-12-31`],
    );
    const count = (email: string, metric: string) => Number(rows.find((row) => row.email === email && row.metric === metric)?.n ?? 0);
    const missing = demoSellers().flatMap((seller) =>
      ['BOOKED_SALES', 'COLLECTIONS', 'NEW_CUSTOMERS', 'VISITS'].filter((metric) => count(seller.email, metric) === 0).map((metric) => `${seller.email} ${metric}`),
    );
    expect(missing).toEqual([]);
    // Every team manager and director accompanies visits (协访).
    const companions = await sql(`select distinct accompanied_by_id as id from visit where accompanied_by_id is not null`);
    const heads = DEMO_COMPANY.regions.flatMap((region) => [region.director.email, ...region.teams.map((team) => team.manager.email)]);
    expect(heads.filter((email) => !companions.some((row) => row.id === demoId(`user:${email}`)))).toEqual([]);
  });

  it('has orders in every state the year brings: confirmed and beyond, a few cancelled, a few on credit hold (some released)', async () => {
    const rows = await sql(
      `select status, count(*)::int as n, count(credit_decided_at)::int as decided from sales_order where created_at >= ? and created_at < ? group by status`,
      [`${YEAR}-01-01`, `${YEAR}-12-01`],
    );
    const of = (status: OrderStatus) => Number(rows.find((row) => row.status === status)?.n ?? 0);
    expect(of(OrderStatus.INVOICED)).toBeGreaterThan(200);
    expect(of(OrderStatus.CANCELLED)).toBeGreaterThanOrEqual(3);
    expect(rows.reduce((sum, row) => sum + Number(row.decided), 0)).toBeGreaterThanOrEqual(1);
    const held = await sql(`select count(*)::int as n from sales_order where status = 'CREDIT_HOLD'`);
    expect(Number(held[0].n)).toBeGreaterThanOrEqual(2);
  });

  it('has new customers: customers whose first confirmed order falls in 2026, registered before it', async () => {
    const [row] = await sql(
      `select count(*)::int as n, count(*) filter (where c.created_at::date > f.occurred_on)::int as registered_later
         from sales_performance_fact f join customer c on c.id = f.customer_id
        where f.metric = 'NEW_CUSTOMERS' and f.occurred_on >= ?`,
      [`${YEAR}-01-01`],
    );
    expect(Number(row.n)).toBeGreaterThanOrEqual(demoSellers().length);
    expect(row.registered_later).toBe(0);
  });

  it('has targets for every level, every month, quarter and year, every metric, and for booked sales every product line', async () => {
    const levels = await sql(`select count(distinct coalesce(org_unit_id, user_id))::int as n from sales_target`);
    const units = 1 + DEMO_COMPANY.regions.length + DEMO_COMPANY.regions.reduce((sum, region) => sum + region.teams.length, 0);
    expect(Number(levels[0].n)).toBe(units + demoSellers().length);
    const lines = await sql(`select count(*)::int as n from product_line`);
    const [{ n }] = await sql(`select count(*)::int as n from sales_target`);
    // (4 metrics + booked sales per line) × (12 months + 4 quarters + 1 year) per level.
    expect(Number(n)).toBe((units + demoSellers().length) * (4 + Number(lines[0].n)) * 17);
    const incomplete = await sql(
      `select coalesce(org_unit_id, user_id) as level, metric, product_line_id, count(*)::int as n
         from sales_target group by 1, 2, 3 having count(*) <> 17`,
    );
    expect(incomplete).toEqual([]);
  });

  it('adds up: months to quarters to years at every level, lines to all lines, children to parents (one region keeps a reserve)', async () => {
    const periods = await sql(
      `select y.id from sales_target y
        where y.period_kind in ('YEAR', 'QUARTER')
          and y.value <> (select sum(m.value) from sales_target m
                           where m.period_kind = 'MONTH' and m.metric = y.metric
                             and m.org_unit_id is not distinct from y.org_unit_id and m.user_id is not distinct from y.user_id
                             and m.product_line_id is not distinct from y.product_line_id
                             and m.period_start >= y.period_start
                             and m.period_start < y.period_start + case when y.period_kind = 'YEAR' then interval '12 months' else interval '3 months' end)`,
    );
    expect(periods).toEqual([]);
    const lines = await sql(
      `select t.id from sales_target t
        where t.metric = 'BOOKED_SALES' and t.product_line_id is null
          and t.value <> (select sum(l.value) from sales_target l where l.metric = t.metric and l.period_kind = t.period_kind and l.period_start = t.period_start
                            and l.org_unit_id is not distinct from t.org_unit_id and l.user_id is not distinct from t.user_id and l.product_line_id is not null)`,
    );
    expect(lines).toEqual([]);
    // Each split of a target (into sub-units, sub-periods or product lines) adds up to it, but for the reserve.
    const splits = await sql(
      `select p.id, coalesce(p.org_unit_id, p.user_id) as level, p.metric, p.period_kind, p.product_line_id, p.value::numeric as parent,
              case when c.period_kind <> p.period_kind then 'period' when c.product_line_id is distinct from p.product_line_id then 'line' else 'unit' end as split,
              sum(c.value)::numeric as children
         from sales_target p join sales_target c on c.parent_id = p.id
        group by p.id, split`,
    );
    expect(splits.length).toBeGreaterThan(0);
    const unequal = splits.filter((row) => Number(row.parent) !== Number(row.children));
    const north = demoId(`unit:${DEMO_UNALLOCATED_REGION}`);
    expect(unequal.filter((row) => !(row.level === north && row.split === 'unit' && row.metric === 'BOOKED_SALES'))).toEqual([]);
    // The reserve: the region's booked sales (all lines) hold back about the documented share from its teams.
    const reserve = unequal.filter((row) => row.product_line_id === null && row.period_kind === 'YEAR');
    expect(reserve).toHaveLength(1);
    const share = (Number(reserve[0].parent) - Number(reserve[0].children)) / Number(reserve[0].children);
    expect(share).toBeCloseTo(DEMO_UNALLOCATED_SHARE, 2);
    // Every target but the company's year has a parent.
    const roots = await sql(`select count(*)::int as n from sales_target where parent_id is null`);
    expect(Number(roots[0].n)).toBe(4);
  });

  it('makes achievement non-trivial: some sellers above their year-to-date booked target, some below', async () => {
    const rows = await sql(
      `select t.user_id, sum(t.value)::numeric as target,
              (select coalesce(sum(f.value), 0) from sales_performance_fact f
                where f.metric = 'BOOKED_SALES' and f.user_id = t.user_id and f.occurred_on >= ? and f.occurred_on < ?)::numeric as actual
         from sales_target t
        where t.metric = 'BOOKED_SALES' and t.period_kind = 'MONTH' and t.user_id is not null and t.product_line_id is null
          and t.period_start >= ? and t.period_start < ?
        group by t.user_id`,
      [`${YEAR}-01-01`, `${YEAR}-12-01`, `${YEAR}-01-01`, `${YEAR}-12-01`],
    );
    const rates = rows.map((row) => Number(row.actual) / Number(row.target));
    expect(rates.filter((rate) => rate >= 1).length).toBeGreaterThanOrEqual(5);
    expect(rates.filter((rate) => rate < 1).length).toBeGreaterThanOrEqual(5);
    expect(rates.every((rate) => rate > 0.5 && rate < 1.8)).toBe(true);
  });

  it('has one rep who missed the booked-sales target three months in a row (September to November)', async () => {
    const rows = await sql(
      `select t.period_start::text as month, t.value::numeric as target,
              (select coalesce(sum(f.value), 0) from sales_performance_fact f
                where f.metric = 'BOOKED_SALES' and f.user_id = t.user_id
                  and f.occurred_on >= t.period_start and f.occurred_on < t.period_start + interval '1 month')::numeric as actual
         from sales_target t
        where t.user_id = ? and t.metric = 'BOOKED_SALES' and t.period_kind = 'MONTH' and t.product_line_id is null
        order by t.period_start`,
      [demoId(`user:${DEMO_SLUMPING_REP}`)],
    );
    const missed = rows.map((row) => Number(row.actual) < Number(row.target));
    expect(missed.slice(8, 11)).toEqual([true, true, true]);
    expect(missed.slice(0, 8).filter(Boolean).length).toBeLessThan(6);
  });

  it('gives every demo login with a sales scope non-trivial actuals in that scope', async () => {
    // A login's scope: itself and everyone in the units it heads (the VP: everyone).
    const logins = await sql(
      `select u.id, u.email, u.role from app_user u where u.role in (?, ?, ?, ?, ?)`,
      [Role.SALES_VP, Role.REGIONAL_DIRECTOR, Role.TEAM_MANAGER, Role.SALES_REP, Role.KEY_ACCOUNT_MANAGER],
    );
    const rows = await sql(
      `select u.id, f.metric, sum(f.value)::numeric as total
         from app_user u
         join app_user member on member.id = u.id
           or member.unit_id in (select child.id from org_unit head_unit join org_unit child on child.path like head_unit.path || '%' where head_unit.head_id = u.id)
         join sales_performance_fact f on f.user_id = member.id and f.occurred_on >= ?
        group by u.id, f.metric`,
      [`${YEAR}-01-01`],
    );
    const empty = logins.flatMap((login) =>
      ['BOOKED_SALES', 'COLLECTIONS', 'VISITS'].filter((metric) => !rows.some((row) => row.id === login.id && row.metric === metric && Number(row.total) > 0)).map((metric) => `${login.email} ${metric}`),
    );
    expect(empty).toEqual([]);
  });
});
