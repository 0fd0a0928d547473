import { MONEY_COLUMN, PERCENT_COLUMN, TEXT } from '../../api/validation';
import { createTestApp, type TestApp } from '../support/test-app';

/** The input policy's bounds are the columns' bounds: read them back from the migrated database. */

let app: TestApp;

interface Column {
  table_name: string;
  column_name: string;
  data_type: string;
  numeric_precision: number | null;
  numeric_scale: number | null;
  character_maximum_length: number | null;
}

let columns: Column[];

beforeAll(async () => {
  app = await createTestApp({ WEBHOOK_DELIVERY: 'false' });
  columns = await app.orm.em.fork().getConnection().execute<Column[]>(
    `select table_name, column_name, data_type, numeric_precision, numeric_scale, character_maximum_length
       from information_schema.columns c
      where table_schema = 'public' and data_type in ('numeric', 'character varying', 'character')
        -- Views take no input (sales_performance_fact counts visits as 1 beside money).
        and exists (select 1 from information_schema.tables t
                     where t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE')`,
  );
});

afterAll(async () => {
  await app.close();
});

const at = (column: Column) => `${column.table_name}.${column.column_name}`;

/**
 * The numeric columns that hold no money and no discount, and why no API input can overflow them: master data the
 * admin alone edits (its own field validation bounds them), values the server computes, or a decimal kind of their
 * own in the input policy (`score`).
 */
const NOT_MONEY: Readonly<Record<string, string>> = {
  'appraisal.total_score numeric(7,2)': 'computed',
  'appraisal_line.actual numeric(16,2)': 'computed: a metric’s sum over a period (money or a count)',
  'appraisal_line.adjusted_score numeric(7,2)': 'input kind `score` (0–200)',
  'appraisal_line.cap_percent numeric(6,2)': 'copied from the scorecard',
  'appraisal_line.computed_score numeric(7,2)': 'computed',
  'appraisal_line.rate_percent numeric(9,2)': 'computed',
  'appraisal_line.target numeric(16,2)': 'copied from the targets',
  'appraisal_line.weight numeric(5,2)': 'copied from the scorecard',
  'commission_plan.cap_percent_of_target numeric(6,2)': 'admin master data',
  'commission_plan.team_award_value numeric(14,3)': 'admin master data (an amount or a rate)',
  'commission_statement.achievement_percent numeric(10,2)': 'computed',
  'commission_statement.actual_value numeric(16,2)': 'computed',
  'commission_statement.target_value numeric(16,2)': 'copied from the targets',
  'commission_statement_line.achievement_from numeric(6,2)': 'copied from the plan’s tiers',
  'commission_statement_line.achievement_to numeric(6,2)': 'copied from the plan’s tiers',
  'commission_statement_line.amount numeric(16,2)': 'computed',
  'commission_statement_line.rate_percent numeric(6,3)': 'copied from the plan’s tiers',
  'commission_tier.achievement_from numeric(6,2)': 'admin master data',
  'commission_tier.achievement_to numeric(6,2)': 'admin master data',
  'commission_tier.rate_percent numeric(6,3)': 'admin master data',
  'scorecard.miss_threshold_percent numeric(6,2)': 'admin master data',
  'scorecard_indicator.cap_percent numeric(6,2)': 'admin master data',
  'scorecard_indicator.weight numeric(5,2)': 'admin master data',
  'visit_norm.visits_per_month numeric(6,2)': 'admin master data',
};

describe('the columns behind the input policy', () => {
  it('every discount column is numeric(5,2) and every other money column numeric(14,2), as DECIMAL assumes', () => {
    const numeric = columns.filter((column) => column.data_type === 'numeric');
    expect(numeric.length).toBeGreaterThan(30);
    const others = numeric
      .filter((column) => {
        const expected = column.column_name.endsWith('discount_percent') ? PERCENT_COLUMN : MONEY_COLUMN;
        return column.numeric_precision !== expected.precision || column.numeric_scale !== expected.scale;
      })
      .map((column) => `${at(column)} numeric(${column.numeric_precision},${column.numeric_scale})`)
      .sort();
    expect(others).toEqual(Object.keys(NOT_MONEY).sort());
  });

  it('the bounded text columns are the names (varchar(200)), a product’s unit (varchar(20)) and currencies (char(3))', () => {
    const lengths = new Map<number, string[]>();
    // mikro_orm_migrations is MikroORM's own bookkeeping, written by no client.
    // The migrations' bookkeeping and the sign-in throttle's counters (keyed by hashes) hold no input.
    for (const column of columns.filter((c) => c.data_type !== 'numeric' && !['mikro_orm_migrations', 'sign_in_throttle'].includes(c.table_name))) {
      lengths.set(column.character_maximum_length!, [...(lengths.get(column.character_maximum_length!) ?? []), at(column)]);
    }
    expect([...lengths.keys()].sort((a, b) => a - b)).toEqual([TEXT.currency.maxLength, TEXT.unit.maxLength, TEXT.name.maxLength]);
    expect(lengths.get(TEXT.unit.maxLength)).toEqual(['product.unit']);
    expect(lengths.get(TEXT.currency.maxLength)!.every((name) => name.endsWith('.currency'))).toBe(true);
  });
});
