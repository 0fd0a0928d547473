import pg from 'pg';
import { benchChecks } from '../seeds/bench/bench-checks';
import { BENCH_DATASET, seedBenchDataset } from '../seeds/bench/bench-dataset';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The bench generator's targets (seeds/bench/bench-targets.ts) on a small dataset of the same shape: every rep and
 * unit has the year's targets, they add up, orders span the target year, and achievement spreads around 100 %.
 */
let app: TestApp;
let client: pg.Client;
const SMALL = { ...BENCH_DATASET, customers: 300, opportunities: 600, quoteLines: 1500, contracts: 200, orders: 2000 };

beforeAll(async () => {
  app = await createTestApp();
  client = new pg.Client({ connectionString: app.config.databaseUrl });
  await client.connect();
  await seedBenchDataset(client, SMALL);
}, 300_000);

afterAll(async () => {
  await client?.end();
  await app?.close();
});

const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0] as Record<string, string | number>;

it('gives every rep and unit targets for every month, quarter and the year, each metric, and booked sales per line', async () => {
  const reps = await one(`select count(*)::int as n from app_user where role in ('SALES_REP', 'KEY_ACCOUNT_MANAGER') and status = 'ACTIVE' and unit_id is not null`);
  const units = await one(`select count(*)::int as n from org_unit`);
  const lines = await one(`select count(*)::int as n from product_line`);
  const targets = await one(`select count(*)::int as n, count(distinct coalesce(org_unit_id, user_id))::int as levels from sales_target`);
  expect(Number(targets.levels)).toBe(Number(reps.n) + Number(units.n));
  expect(Number(targets.n)).toBe(Number(targets.levels) * 17 * (4 + Number(lines.n)));
});

it('adds up (the consistency checks, targets included, are all 0)', async () => {
  const checks = await benchChecks(client, SMALL.today);
  expect(Object.entries(checks).filter(([, count]) => count > 0)).toEqual([]);
  expect(Object.keys(checks)).toEqual(expect.arrayContaining(['target of a quarter or year ≠ the sum of its months']));
});

it('has orders in every month of the target year up to today, and achievement around 100 %', async () => {
  const months = await one(
    `select count(distinct date_trunc('month', occurred_on))::int as n from sales_performance_fact where metric = 'BOOKED_SALES' and occurred_on >= '2026-01-01'`,
  );
  expect(Number(months.n)).toBe(11);
  const rates = await client.query<{ rate: string }>(
    `select sum(f.value) / nullif((select sum(t.value) from sales_target t where t.user_id = f.user_id and t.metric = 'BOOKED_SALES'
                                     and t.period_kind = 'MONTH' and t.product_line_id is null and t.period_start < '2026-11-01'), 0) as rate
       from sales_performance_fact f
      where f.metric = 'BOOKED_SALES' and f.occurred_on >= '2026-01-01' and f.occurred_on < '2026-11-01'
      group by f.user_id`,
  );
  const values = rates.rows.map((row) => Number(row.rate)).filter((rate) => Number.isFinite(rate) && rate > 0);
  expect(values.filter((rate) => rate >= 1).length).toBeGreaterThan(0);
  expect(values.filter((rate) => rate < 1).length).toBeGreaterThan(0);
});
