import type { DemoPerson } from '../seeds/demo-company.data';
import { demoId } from '../seeds/demo-ids';
import { createCustomer, databaseDay, shippedOrder } from './fixtures/billing-fixtures';
import { people, units, userId } from './fixtures/demo-people';
import { COLLECTION_PERFORMANCE, CREATE_INVOICE, RECEIVABLES_AGING, RECORD_PAYMENT } from './graphql/billing.documents';
import { errorOf } from './support/errors';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The receivables reports against a small, hand-computed book of invoices (no contract: due 30 days after issue,
 * so an invoice is overdue from day 31). Ages in days today, amount, and what was paid today:
 *
 *   customer (owner, team, region)          invoices                                   open today
 *   甲 (赵磊, 上海一组, 华东)                  5d 1000 · 45d 2000 (500 paid) · 75d 3000 · 120d 4000 (1500 paid)   8000
 *   甲二 (赵磊)                               15d 250                                     250
 *   乙 (吴婷, 上海一组, 华东)                  10d 500 · 100d 700                          1200
 *   丙 (马超, 上海二组, 华东)                  35d 800                                     800
 *   丁 (谢文博, 广州组, 华南)                  65d 900                                     900
 *   戊 (田昊, 北京一组, 华北)                  95d 600 · 20d 300 (all paid)                600
 *   己 (杨明辉, the east director: no team)   50d 100                                     100
 */

let app: TestApp;
const customers: Record<string, string> = {};
let issued: Record<string, string> = {};

async function as(person: DemoPerson): Promise<{ token: string }> {
  return { token: await app.tokenFor(person.email) };
}

async function invoice(customerId: string, amount: string, daysAgo: number): Promise<string> {
  const order = await shippedOrder(app, { customerId, lines: [{ quantity: 1, shipped: 1, unitPrice: amount }] });
  const created = await app.gql(CREATE_INVOICE, { input: { orderId: order.id, issueDate: await databaseDay(app, -daysAgo) } }, await as(people.finance));
  expect(created.errors).toBeUndefined();
  return created.data!.createInvoice.id;
}

async function pay(customerId: string, allocations: { invoiceId: string; amount: string }[]): Promise<void> {
  const amount = allocations.reduce((sum, allocation) => sum + Number(allocation.amount), 0).toFixed(2);
  const paid = await app.gql(
    RECORD_PAYMENT,
    { input: { customerId, amount, receivedOn: await databaseDay(app), method: 'BANK_TRANSFER', allocations } },
    await as(people.finance),
  );
  expect(paid.errors).toBeUndefined();
}

/** Decimals arrive as strings; codegen types the scalar as unknown. */
type Buckets = [days0To30: unknown, days31To60: unknown, days61To90: unknown, over90: unknown, total: unknown, overdue: unknown, invoiceCount: number];

interface AgingRow {
  days0To30: unknown;
  days31To60: unknown;
  days61To90: unknown;
  over90: unknown;
  total: unknown;
  overdue: unknown;
  invoiceCount: number;
}

const bucketsOf = (row: AgingRow): Buckets => [row.days0To30, row.days31To60, row.days61To90, row.over90, row.total, row.overdue, row.invoiceCount];

async function aging(person: DemoPerson, groupBy: 'CUSTOMER' | 'OWNER' | 'TEAM' | 'REGION', asOf?: string) {
  const response = await app.gql(RECEIVABLES_AGING, { groupBy, asOf }, await as(person));
  expect(response.errors).toBeUndefined();
  const report = response.data!.receivablesAging;
  return {
    report,
    rows: report.rows.map((row) => [row.groupId, row.groupName, ...bucketsOf(row)]),
    grandTotal: bucketsOf(report.grandTotal),
  };
}

const team = {
  shanghai1: units.shanghai1,
  shanghai2: units.shanghai2,
  guangzhou: demoId('unit:south-gz'),
  beijing1: demoId('unit:north-bj1'),
};

const COMPANY_TOTAL: Buckets = ['1750', '2400', '3900', '3800', '11850', '10100', 11];

beforeAll(async () => {
  app = await createTestApp();
  const owners: Record<string, DemoPerson> = {
    甲: people.shanghai1Rep,
    甲二: people.shanghai1Rep,
    乙: people.shanghai1Teammate,
    丙: people.shanghai2Rep,
    丁: people.southRep,
    戊: people.northRep,
    己: people.eastDirector,
  };
  for (const [name, owner] of Object.entries(owners)) customers[name] = await createCustomer(app, { owner, name: `客户${name}` });
  const book: [string, string, string, number][] = [
    ['a5', '甲', '1000.00', 5],
    ['a45', '甲', '2000.00', 45],
    ['a75', '甲', '3000.00', 75],
    ['a120', '甲', '4000.00', 120],
    ['a15', '甲二', '250.00', 15],
    ['b10', '乙', '500.00', 10],
    ['b100', '乙', '700.00', 100],
    ['c35', '丙', '800.00', 35],
    ['d65', '丁', '900.00', 65],
    ['e95', '戊', '600.00', 95],
    ['e20', '戊', '300.00', 20],
    ['f50', '己', '100.00', 50],
  ];
  issued = {};
  for (const [key, customer, amount, daysAgo] of book) issued[key] = await invoice(customers[customer], amount, daysAgo);
  await pay(customers.甲, [
    { invoiceId: issued.a120, amount: '1500' },
    { invoiceId: issued.a45, amount: '500' },
  ]);
  await pay(customers.戊, [{ invoiceId: issued.e20, amount: '300' }]);
});

afterAll(async () => {
  await app.close();
});

describe('receivables aging', () => {
  it('per customer: open amounts by days since issue, the overdue part and a grand total, largest first', async () => {
    const { report, rows, grandTotal } = await aging(people.finance, 'CUSTOMER');
    expect([report.groupBy, report.asOf]).toEqual(['CUSTOMER', await databaseDay(app)]);
    expect(rows).toEqual([
      [customers.甲, '客户甲', '1000', '1500', '3000', '2500', '8000', '7000', 4],
      [customers.乙, '客户乙', '500', '0', '0', '700', '1200', '700', 2],
      [customers.丁, '客户丁', '0', '0', '900', '0', '900', '900', 1],
      [customers.丙, '客户丙', '0', '800', '0', '0', '800', '800', 1],
      [customers.戊, '客户戊', '0', '0', '0', '600', '600', '600', 1],
      [customers.甲二, '客户甲二', '250', '0', '0', '0', '250', '0', 1],
      [customers.己, '客户己', '0', '100', '0', '0', '100', '100', 1],
    ]);
    expect(grandTotal).toEqual(COMPANY_TOTAL);
    expect([report.grandTotal.groupId, report.grandTotal.groupName]).toEqual([null, null]);
  });

  it('per owner, team and region along the org tree; an owner above the teams is in no team but in his region', async () => {
    const owners = await aging(people.finance, 'OWNER');
    expect(owners.rows).toEqual([
      [userId(people.shanghai1Rep), '赵磊', '1250', '1500', '3000', '2500', '8250', '7000', 5],
      [userId(people.shanghai1Teammate), '吴婷', '500', '0', '0', '700', '1200', '700', 2],
      [userId(people.southRep), '谢文博', '0', '0', '900', '0', '900', '900', 1],
      [userId(people.shanghai2Rep), '马超', '0', '800', '0', '0', '800', '800', 1],
      [userId(people.northRep), '田昊', '0', '0', '0', '600', '600', '600', 1],
      [userId(people.eastDirector), '杨明辉', '0', '100', '0', '0', '100', '100', 1],
    ]);
    expect(owners.grandTotal).toEqual(COMPANY_TOTAL);

    const teams = await aging(people.finance, 'TEAM');
    expect(teams.rows).toEqual([
      [team.shanghai1, '上海一组', '1750', '1500', '3000', '3200', '9450', '7700', 7],
      [team.guangzhou, '广州组', '0', '0', '900', '0', '900', '900', 1],
      [team.shanghai2, '上海二组', '0', '800', '0', '0', '800', '800', 1],
      [team.beijing1, '北京一组', '0', '0', '0', '600', '600', '600', 1],
      [null, null, '0', '100', '0', '0', '100', '100', 1],
    ]);
    expect(teams.grandTotal).toEqual(COMPANY_TOTAL);

    const regions = await aging(people.finance, 'REGION');
    expect(regions.rows).toEqual([
      [units.east, '华东', '1750', '2400', '3000', '3200', '10350', '8600', 9],
      [units.south, '华南', '0', '0', '900', '0', '900', '900', 1],
      [units.north, '华北', '0', '0', '0', '600', '600', '600', 1],
    ]);
    expect(regions.grandTotal).toEqual(COMPANY_TOTAL);
  });

  it('finance, the VP and admins see the whole company', async () => {
    for (const person of [people.vp, people.admin]) {
      const { rows, grandTotal } = await aging(person, 'REGION');
      expect(rows.map((row) => row[0])).toEqual([units.east, units.south, units.north]);
      expect(grandTotal).toEqual(COMPANY_TOTAL);
    }
  });

  it('the east director sees only the receivables of 华东’s owners', async () => {
    const owners = await aging(people.eastDirector, 'OWNER');
    expect(owners.rows.map((row) => row[1])).toEqual(['赵磊', '吴婷', '马超', '杨明辉']);
    expect(owners.grandTotal).toEqual(['1750', '2400', '3000', '3200', '10350', '8600', 9]);
    const regions = await aging(people.eastDirector, 'REGION');
    expect(regions.rows).toEqual([[units.east, '华东', '1750', '2400', '3000', '3200', '10350', '8600', 9]]);
    const byCustomer = await aging(people.eastDirector, 'CUSTOMER');
    expect(byCustomer.rows.map((row) => row[1])).toEqual(['客户甲', '客户乙', '客户丙', '客户甲二', '客户己']);
  });

  it('the team manager 黄伟 sees only his team’s', async () => {
    const owners = await aging(people.shanghai1Manager, 'OWNER');
    expect(owners.rows.map((row) => row[1])).toEqual(['赵磊', '吴婷']);
    expect(owners.grandTotal).toEqual(['1750', '1500', '3000', '3200', '9450', '7700', 7]);
    const teams = await aging(people.shanghai1Manager, 'TEAM');
    expect(teams.rows.map((row) => row[0])).toEqual([team.shanghai1]);
    const other = await aging(people.shanghai2Manager, 'OWNER');
    expect(other.rows.map((row) => row[1])).toEqual(['马超']);
  });

  it('the rep 赵磊, the partner, the key account manager and customer service are refused', async () => {
    for (const person of [people.shanghai1Rep, people.partner, people.keyAccountManager, people.customerService]) {
      const refused = await app.gql(RECEIVABLES_AGING, { groupBy: 'OWNER' }, await as(person));
      expect(refused.data).toBeNull();
      expect(errorOf(refused.errors).code).toBe('FORBIDDEN');
    }
    const anonymous = await app.gql(RECEIVABLES_AGING, { groupBy: 'OWNER' });
    expect(errorOf(anonymous.errors).code).toBe('UNAUTHENTICATED');
  });

  it('as of an earlier day: invoices issued by then, aged from then, open by what was allocated by then', async () => {
    // 30 days ago 甲's 5-day invoice did not exist, the others were 30 days younger and today's payments not yet made.
    const earlier = await aging(people.finance, 'CUSTOMER', await databaseDay(app, -30));
    expect(earlier.rows.find((row) => row[0] === customers.甲)).toEqual([customers.甲, '客户甲', '2000', '3000', '4000', '0', '9000', '7000', 3]);
    // Yesterday 戊's 20-day invoice was still open.
    const yesterday = await aging(people.finance, 'CUSTOMER', await databaseDay(app, -1));
    expect(yesterday.rows.find((row) => row[0] === customers.戊)).toEqual([customers.戊, '客户戊', '300', '0', '0', '600', '900', '600', 2]);
  });

  it('as of today named explicitly equals the default (which leaves out the allocations after the day)', async () => {
    for (const groupBy of ['CUSTOMER', 'TEAM'] as const) {
      const byDefault = await aging(people.finance, groupBy);
      expect(await aging(people.finance, groupBy, await databaseDay(app))).toEqual(byDefault);
    }
  });

  it('reads open items that the trigger on invoice keeps equal to the invoices not paid, whoever writes them', async () => {
    const sql = <T>(query: string, params: unknown[] = []) => app.orm.em.fork().getConnection().execute<T[]>(query, params);
    // Rows of the invoices not PAID, and of the open items, that are not in the other.
    const mismatches = () =>
      sql(`(select id, owner_id, customer_id, issue_date, due_date, ((amount - paid_amount) * 100)::bigint from invoice where status <> 'PAID'
            except select invoice_id, owner_id, customer_id, issue_date, due_date, open_cents from receivable_open_item)
           union all
           (select invoice_id, owner_id, customer_id, issue_date, due_date, open_cents from receivable_open_item
            except select id, owner_id, customer_id, issue_date, due_date, ((amount - paid_amount) * 100)::bigint from invoice where status <> 'PAID')`);
    expect(await mismatches()).toEqual([]);
    expect(await sql(`select 1 from receivable_open_item where invoice_id = ?`, [issued.e20])).toEqual([]);
    // Writers other than the API: bulk SQL paying, reopening, moving and re-dating invoices, then deleting one.
    await sql(`update invoice set paid_amount = amount, status = 'PAID' where id = ?`, [issued.a5]);
    await sql(`update invoice set paid_amount = 100, status = 'PARTIALLY_PAID' where id = ?`, [issued.e20]);
    await sql(`update invoice set owner_id = ?, due_date = due_date + 7 where id = ?`, [userId(people.shanghai2Rep), issued.b10]);
    expect(await mismatches()).toEqual([]);
    await app.orm.em.fork().transactional(async (em) => {
      await em.execute(`delete from invoice_line where invoice_id = ?`, [issued.c35]);
      await em.execute(`delete from invoice where id = ?`, [issued.c35]);
      expect(await em.execute(`select 1 from receivable_open_item where invoice_id = ?`, [issued.c35])).toEqual([]);
      throw new RollbackBook();
    }).catch((error: unknown) => {
      if (!(error instanceof RollbackBook)) throw error;
    });
    // Put the book back as the other tests read it.
    await sql(`update invoice set paid_amount = 0, status = 'OPEN' where id = ?`, [issued.a5]);
    await sql(`update invoice set paid_amount = amount, status = 'PAID' where id = ?`, [issued.e20]);
    await sql(`update invoice set owner_id = ?, due_date = due_date - 7 where id = ?`, [userId(people.shanghai1Teammate), issued.b10]);
    expect(await mismatches()).toEqual([]);
  });
});

/** Thrown to roll a transaction back once it has been checked. */
class RollbackBook extends Error {}

describe('collection per rep', () => {
  async function collection(person: DemoPerson, fromOffset: number, toOffset: number) {
    const response = await app.gql(COLLECTION_PERFORMANCE, { from: await databaseDay(app, fromOffset), to: await databaseDay(app, toOffset) }, await as(person));
    expect(response.errors).toBeUndefined();
    const report = response.data!.collectionPerformance;
    return {
      report,
      rows: report.rows.map((row) => [row.ownerName, row.invoiced, row.collected, row.openAtEnd, row.daysSalesOutstanding, row.averageDaysToCollect]),
    };
  }

  it('over the last 90 days: invoiced, collected, open at the end, DSO and days to collect, as computed by hand', async () => {
    const { report, rows } = await collection(people.finance, -89, 0);
    expect(report.days).toBe(90);
    // DSO = open ÷ invoiced × 90. 赵磊: 8250 ÷ 6250 × 90 = 118.8; days to collect (1500 × 120 + 500 × 45) ÷ 2000 = 101.25.
    expect(rows).toEqual([
      ['赵磊', '6250', '2000', '8250', '118.8', '101.3'],
      ['吴婷', '500', '0', '1200', '216', null],
      ['谢文博', '900', '0', '900', '90', null],
      ['马超', '800', '0', '800', '90', null],
      ['田昊', '300', '300', '600', '180', '20'],
      ['杨明辉', '100', '0', '100', '90', null],
    ]);
    expect(report.rows.find((row) => row.ownerName === '赵磊')?.ownerId).toBe(userId(people.shanghai1Rep));
    // 11850 ÷ 8850 × 90 = 120.5; (180000 + 22500 + 300 × 20) ÷ 2300 = 90.65.
    expect(report.total).toEqual({ ownerId: null, invoiced: '8850', collected: '2300', openAtEnd: '11850', daysSalesOutstanding: '120.5', averageDaysToCollect: '90.7' });
  });

  it('in an earlier period, money allocated after its end still counts as open and not as collected', async () => {
    const { report, rows } = await collection(people.finance, -30, -1);
    expect(report.days).toBe(30);
    // 赵磊 invoiced 5d 1000 + 15d 250 in the period; all 10250 of his invoices were open yesterday: 10250 ÷ 1250 × 30 = 246.
    expect(rows.find((row) => row[0] === '赵磊')).toEqual(['赵磊', '1250', '0', '10250', '246', null]);
    // 杨明辉 invoiced nothing in the period: no DSO.
    expect(rows.find((row) => row[0] === '杨明辉')).toEqual(['杨明辉', '0', '0', '100', null, null]);
  });

  it('is restricted like aging: 黄伟 gets his team, the east director 华东, the rep and the partner nothing', async () => {
    const manager = await collection(people.shanghai1Manager, -89, 0);
    expect(manager.rows.map((row) => row[0])).toEqual(['赵磊', '吴婷']);
    expect(manager.report.total).toMatchObject({ invoiced: '6750', collected: '2000', openAtEnd: '9450' });
    const director = await collection(people.eastDirector, -89, 0);
    expect(director.rows.map((row) => row[0])).toEqual(['赵磊', '吴婷', '马超', '杨明辉']);
    for (const person of [people.shanghai1Rep, people.partner]) {
      const refused = await app.gql(COLLECTION_PERFORMANCE, { from: await databaseDay(app, -89), to: await databaseDay(app) }, await as(person));
      expect(errorOf(refused.errors).code).toBe('FORBIDDEN');
    }
  });

  it('refuses a period that ends before it starts', async () => {
    const response = await app.gql(COLLECTION_PERFORMANCE, { from: await databaseDay(app), to: await databaseDay(app, -1) }, await as(people.finance));
    expect(errorOf(response.errors)).toMatchObject({ code: 'BAD_USER_INPUT', paths: ['to'] });
  });
});

describe('statements', () => {
  it('aging and collection run one statement after sign-in, for every grouping and however many invoices', async () => {
    const auth = await as(people.finance);
    const count = async () => {
      const counts: number[] = [];
      for (const groupBy of ['CUSTOMER', 'OWNER', 'TEAM', 'REGION'] as const) {
        app.resetQueries();
        expect((await app.gql(RECEIVABLES_AGING, { groupBy }, auth)).errors).toBeUndefined();
        counts.push(app.queries.length);
      }
      app.resetQueries();
      expect((await app.gql(COLLECTION_PERFORMANCE, { from: '2026-01-01', to: '2026-12-31' }, auth)).errors).toBeUndefined();
      counts.push(app.queries.length);
      return counts;
    };
    expect(await count()).toEqual([2, 2, 2, 2, 2]);
    for (const person of [people.northDirector, people.shanghai2Manager, people.keyAccountManager]) {
      const customerId = await createCustomer(app, { owner: person });
      await invoice(customerId, '10.00', 3);
      await invoice(customerId, '20.00', 33);
    }
    expect(await count()).toEqual([2, 2, 2, 2, 2]);
  });
});
