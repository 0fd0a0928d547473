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
       from information_schema.columns where table_schema = 'public' and data_type in ('numeric', 'character varying', 'character')`,
  );
});

afterAll(async () => {
  await app.close();
});

const at = (column: Column) => `${column.table_name}.${column.column_name}`;

describe('the columns behind the input policy', () => {
  it('every discount column is numeric(5,2) and every other money column numeric(14,2), as DECIMAL assumes', () => {
    // Commission tiers and scorecards are master data of the admin alone (achievement and rate percentages, weights),
    // no API input; appraisals hold computed figures, and the one score a reviewer sets has its own kind (`score`).
    const ADMIN_OR_COMPUTED = ['commission_tier', 'scorecard', 'scorecard_indicator', 'appraisal', 'appraisal_line'];
    const numeric = columns.filter((column) => column.data_type === 'numeric' && !ADMIN_OR_COMPUTED.includes(column.table_name));
    expect(numeric.length).toBeGreaterThan(30);
    for (const column of numeric) {
      const expected = column.column_name.endsWith('discount_percent') ? PERCENT_COLUMN : MONEY_COLUMN;
      expect([at(column), column.numeric_precision, column.numeric_scale]).toEqual([at(column), expected.precision, expected.scale]);
    }
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
