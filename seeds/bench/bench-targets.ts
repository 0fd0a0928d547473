import type pg from 'pg';
import { Role } from '../../schema/org/org.enums';
import { TargetMetric } from '../../schema/targets/targets.enums';
import { DEMO_COMPANY } from '../demo-company.data';
import { demoId } from '../demo-ids';
import { planTargets, type TargetUnit } from '../targets-plan';
import type { BulkTable } from './bulk-insert';
import { Random } from './random';

/** Monthly weights of the bench year, as the demo's (Q1 slow, Q4 strong); they average 1. */
const SEASON = [0.8, 0.7, 1.0, 1.0, 1.05, 1.05, 0.95, 0.9, 1.05, 1.1, 1.15, 1.25];

/** The share of 华北's booked-sales target its director keeps back from the teams (预留), as in the demo. */
const RESERVE = { unitKey: 'north', share: 0.03 };

/**
 * The bench year's targets: every level (company, regions, teams, every rep), every month, quarter and the year, the
 * four metrics and booked sales per product line, derived from the bench's own actuals (sales_performance_fact up
 * to `today`) with a per-rep factor drawn from the seed, so achievement spreads around 100 %. Same shape as the
 * demo's (seeds/targets-plan.ts). Returns the number of rows.
 */
export async function writeBenchTargets(
  client: pg.ClientBase,
  options: { today: string; seed: number },
  table: (name: string, columns: [string, string, string?][]) => BulkTable,
): Promise<number> {
  const year = Number(options.today.slice(0, 4));
  const random = new Random(options.seed, 'target');
  const vpId = demoId(`user:${DEMO_COMPANY.vp.email}`);
  const units: TargetUnit[] = [{ key: 'company', id: demoId('unit:company'), parentKey: null, setById: vpId }];
  const unitKeyById = new Map<string, string>([[demoId('unit:company'), 'company']]);
  const heads = new Map<string, string>([['company', vpId]]);
  for (const region of DEMO_COMPANY.regions) {
    units.push({ key: region.key, id: demoId(`unit:${region.key}`), parentKey: 'company', setById: vpId });
    for (const team of region.teams) {
      units.push({ key: team.key, id: demoId(`unit:${team.key}`), parentKey: region.key, setById: demoId(`user:${region.director.email}`) });
      unitKeyById.set(demoId(`unit:${team.key}`), team.key);
      heads.set(team.key, demoId(`user:${team.manager.email}`));
    }
  }
  const reps = await client.query<{ id: string; unit_id: string }>(
    `select id, unit_id from app_user where role in ($1, $2) and status = 'ACTIVE' and unit_id is not null order by id`,
    [Role.SALES_REP, Role.KEY_ACCOUNT_MANAGER],
  );
  const facts = await client.query<{ user_id: string; metric: TargetMetric; month: number; line: string | null; value: string }>(
    `select f.user_id, f.metric, extract(month from f.occurred_on)::int as month, pl.code as line, sum(f.value)::text as value
       from sales_performance_fact f left join product_line pl on pl.id = f.product_line_id
      where f.occurred_on >= $1 and f.occurred_on < $2
      group by 1, 2, 3, 4`,
    [`${year}-01-01`, options.today],
  );
  const lines = await client.query<{ code: string; id: string }>(`select code, id from product_line order by code`);
  const rows = planTargets({
    year,
    units,
    sellers: reps.rows
      .filter((rep) => unitKeyById.has(rep.unit_id))
      .map((rep) => {
        const booked = 0.8 + random.next() * 0.45;
        return {
          userId: rep.id,
          unitKey: unitKeyById.get(rep.unit_id)!,
          setById: heads.get(unitKeyById.get(rep.unit_id)!)!,
          factors: {
            [TargetMetric.BOOKED_SALES]: booked,
            [TargetMetric.COLLECTIONS]: booked * (0.9 + random.next() * 0.2),
            [TargetMetric.NEW_CUSTOMERS]: 0.75 + random.next() * 0.5,
            [TargetMetric.VISITS]: 0.85 + random.next() * 0.3,
          },
        };
      }),
    facts: facts.rows.map((row) => ({ userId: row.user_id, metric: row.metric, month: row.month, line: row.line, value: Number(row.value) })),
    elapsedMonths: Math.max(1, Number(options.today.slice(5, 7)) - 1 + (Number(options.today.slice(8, 10)) - 1) / 31),
    season: SEASON,
    lines: lines.rows.map((line) => [line.code, line.id]),
    reserve: RESERVE,
    reason: `${year} 年度目标分解`,
    setOn: new Date(`${year - 1}-12-20T02:00:00Z`),
  });
  const targets = table('sales_target', [
    ['id', 'uuid'],
    ['metric', 'target_metric'],
    ['period_kind', 'period_kind'],
    ['period_start', 'date'],
    ['org_unit_id', 'uuid'],
    ['user_id', 'uuid'],
    ['product_line_id', 'uuid'],
    ['parent_id', 'uuid'],
    ['value', 'numeric'],
    ['set_by_id', 'uuid'],
    ['reason', 'text'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ]);
  for (const row of rows) {
    const setOn = row.setOn.toISOString();
    await targets.add([row.id, row.metric, row.periodKind, row.periodStart, row.orgUnitId, row.userId, row.productLineId, row.parentId, row.value, row.setById, row.reason, setOn, setOn]);
  }
  return targets.finish();
}
