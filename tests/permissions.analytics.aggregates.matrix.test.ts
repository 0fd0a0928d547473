import type { GraphQLFormattedError } from 'graphql';
import { people, userId, type PersonName } from './fixtures/demo-people';
import { CHANNEL_PERFORMANCE, CONTRACT_FULFILMENT, RENEWAL_RATES, SALES_ANALYSIS } from './graphql/analytics.documents';
import { CREATE_API_KEY } from './graphql/documents';
import { createTestApp, type Auth, type TestApp } from './support/test-app';

/**
 * Permissions in aggregates (issue 17, item 4), over the demo year: for every measure of the sales reports and every
 * demo role, the figure equals the same measure computed here in plain SQL from only the rows (and values) that role
 * may read — each module's row rule restated independently below from the policy's words — or the measure is refused
 * (FORBIDDEN at every row's path). A partner and customer service thus get nothing they could not read row by row.
 */

type Who = PersonName | 'integrationKey';
// The integration user works through API keys only (it has no password to sign in with).
const WHO: Who[] = [...(Object.keys(people) as PersonName[]).filter((name) => name !== 'integration'), 'integrationKey'];

const ORDER_AMOUNT_ROLES = ['ADMIN', 'SALES_VP', 'REGIONAL_DIRECTOR', 'TEAM_MANAGER', 'SALES_REP', 'KEY_ACCOUNT_MANAGER', 'FINANCE', 'PARTNER', 'INTEGRATION'];
const COST_ROLES = ['REGIONAL_DIRECTOR', 'SALES_VP', 'FINANCE', 'ADMIN'];
const DEAL_ROLES = `('SALES_REP', 'KEY_ACCOUNT_MANAGER', 'TEAM_MANAGER', 'REGIONAL_DIRECTOR')`;
const BOOKED_BUSINESS_ROLES = `('ADMIN', 'SALES_VP', 'FINANCE', 'INTEGRATION')`;

let app: TestApp;
const auths = new Map<Who, Auth>();

async function authFor(who: Who): Promise<Auth> {
  const known = auths.get(who);
  if (known) return known;
  const auth = { token: await app.tokenFor(people[who as PersonName].email) };
  auths.set(who, auth);
  return auth;
}

const personOf = (who: Who) => (who === 'integrationKey' ? people.integration : people[who]);

/**
 * What the viewer may read, as SQL CTEs: the rules of orders.policy.ts and channels.policy.ts in their own words
 * (owner or management chain, a key account manager's accounts, company-wide roles, a partner's distributor).
 */
function readable(viewerId: string): string {
  const dealBranch = (owner: string, customer: string) =>
    `me.role in ${DEAL_ROLES} and (${owner} in (select id from managed) or (me.role = 'KEY_ACCOUNT_MANAGER' and ${customer} in (select id from customer where key_account_manager_id = me.id)))`;
  return `me as (select u.id, u.role::text as role, u.distributor_id from app_user u where u.id = '${viewerId}'),
    managed as (
      select m.id from app_user m join org_unit mu on mu.id = m.unit_id join org_unit h on mu.path like h.path || '%' where h.head_id = '${viewerId}'
      union select '${viewerId}'::uuid
    ),
    managed_units as (select mu.id from org_unit mu join org_unit h on mu.path like h.path || '%' where h.head_id = '${viewerId}'),
    orders_seen as (
      select o.id from sales_order o join customer c on c.id = o.customer_id cross join me
       where me.role in ('ADMIN', 'SALES_VP', 'FINANCE', 'INTEGRATION', 'CUSTOMER_SERVICE', 'TECH_SUPPORT')
          or (me.role = 'PARTNER' and o.distributor_id = me.distributor_id and c.region_id in (select "B" from "_distributor_regions" where "A" = me.distributor_id))
          or (${dealBranch('o.owner_id', 'o.customer_id')})
    ),
    contracts_seen as (
      select k.id from contract k cross join me
       where me.role in ('ADMIN', 'SALES_VP', 'FINANCE', 'INTEGRATION', 'CUSTOMER_SERVICE', 'TECH_SUPPORT') or (${dealBranch('k.owner_id', 'k.customer_id')})
    ),
    contract_amounts_seen as (
      select k.id from contract k cross join me where me.role in ${BOOKED_BUSINESS_ROLES} or (${dealBranch('k.owner_id', 'k.customer_id')})
    ),
    invoices_seen as (
      select i.id from invoice i cross join me
       where me.role in ${BOOKED_BUSINESS_ROLES} or (${dealBranch('i.owner_id', 'i.customer_id')})
          or (me.role = 'PARTNER' and i.order_id in (select id from orders_seen))
    ),
    payments_seen as (
      select p.id from payment p cross join me where me.role in ${BOOKED_BUSINESS_ROLES} or (${dealBranch('p.owner_id', 'p.customer_id')})
    ),
    reports_seen as (
      select r.id from sell_through_report r cross join me
       where (me.role = 'PARTNER' and r.distributor_id = me.distributor_id)
          or me.role in ('SALES_REP', 'KEY_ACCOUNT_MANAGER', 'TEAM_MANAGER', 'REGIONAL_DIRECTOR', 'SALES_VP', 'ADMIN', 'FINANCE', 'INTEGRATION')
    ),
    conflicts_seen as (
      select x.id from channel_conflict x cross join me
       where me.role in ('ADMIN', 'SALES_VP')
          or (me.role = 'REGIONAL_DIRECTOR' and (x.home_region_id in (select id from managed_units) or x.found_region_id in (select id from managed_units)))
    )`;
}

type Figures = Map<string, Record<string, number | null>>;

async function sql(text: string): Promise<Record<string, unknown>[]> {
  return app.orm.em.fork().execute(text);
}

function figures(rows: Record<string, unknown>[], key: (row: Record<string, unknown>) => string, measures: string[]): Figures {
  return new Map(rows.map((row) => [key(row), Object.fromEntries(measures.map((m) => [m, row[m] === null || row[m] === undefined ? null : Number(row[m])]))]));
}

/** The API's rows as figures; a refused measure must be refused on every row (null with FORBIDDEN at its path). */
function apiFigures(
  rows: Record<string, unknown>[],
  key: (row: Record<string, unknown>) => string,
  measures: string[],
  refused: string[],
  errors: readonly GraphQLFormattedError[] | undefined,
  listPath: string[],
): Figures {
  const forbidden = new Set((errors ?? []).map((error) => {
    expect(error.extensions?.code).toBe('FORBIDDEN');
    return error.path!.join('.');
  }));
  rows.forEach((row, index) => {
    for (const measure of refused) {
      expect(row[measure]).toBeNull();
      expect(forbidden.has([...listPath, index, measure].join('.'))).toBe(true);
    }
  });
  const expectedErrors = rows.length * refused.length;
  expect(forbidden.size).toBe(expectedErrors);
  return figures(rows, key, measures.filter((m) => !refused.includes(m)));
}

/** Compares two sets of figures to the cent, dropping groups that are zero everywhere on the SQL side. */
function expectSame(api: Figures, expected: Figures, measures: string[]): void {
  const round = (value: number | null | undefined) => (value === null || value === undefined ? 0 : Math.round(value * 100));
  const keys = new Set([...api.keys(), ...expected.keys()]);
  for (const key of keys) {
    for (const measure of measures) {
      const got = api.get(key)?.[measure];
      if (got === undefined && !api.has(key)) {
        expect([key, measure, round(expected.get(key)?.[measure])]).toEqual([key, measure, 0]);
        continue;
      }
      expect([key, measure, round(got)]).toEqual([key, measure, round(expected.get(key)?.[measure])]);
    }
  }
}

const roleOf = async (who: Who): Promise<string> => {
  const [row] = await sql(`select role::text as role from app_user where id = '${userId(personOf(who))}'`);
  return row.role as string;
};

beforeAll(async () => {
  app = await createTestApp({}, { demoYear: true });
  const created = await app.gql(
    CREATE_API_KEY,
    { input: { name: 'BI sync', scopes: ['READ_SALES'], userId: userId(people.integration) } },
    { token: await app.tokenFor(people.admin.email) },
  );
  auths.set('integrationKey', { apiKey: created.data!.createApiKey.key });
}, 180_000);

afterAll(async () => {
  await app?.close();
});

const SPAN = { from: '2026-01-01', to: '2026-11-30' };
const regionOf = `nullif(split_part(ou.path, '/', 3), '')::uuid`;

describe('salesAnalysis sums only what each role may read', () => {
  const MEASURES = ['bookedAmount', 'quantity', 'orderCount', 'margin', 'newCustomerCount', 'newCustomerAmount', 'existingCustomerAmount', 'averageOrderValue', 'marginRate'];
  test.each(WHO)('%s', async (who) => {
    const role = await roleOf(who);
    const response = await app.gql(SALES_ANALYSIS, { input: { ...SPAN, groupBy: ['REGION'] } as never }, await authFor(who));
    const refused = [
      ...(ORDER_AMOUNT_ROLES.includes(role) ? [] : ['bookedAmount', 'averageOrderValue', 'newCustomerAmount', 'existingCustomerAmount']),
      ...(COST_ROLES.includes(role) ? [] : ['margin', 'marginRate']),
      // A key, not a measure: Customer.tier is for internal users (a partner may not group by it either).
      ...(role === 'PARTNER' ? ['customerTier'] : []),
    ];
    const report = response.data!.salesAnalysis;
    const rows = [...report.rows, report.total] as unknown as Record<string, unknown>[];
    const fixed = (response.errors ?? []).map((error) => (error.path![1] === 'total' ? { ...error, path: [error.path![0], 'rows', report.rows.length, error.path![2]] } : error));
    const api = apiFigures(rows, (row) => String(row.regionId ?? 'total'), MEASURES, refused, fixed, ['salesAnalysis', 'rows']);
    const expected = await sql(
      `with ${readable(userId(personOf(who)))},
       lines as (
         select ${regionOf} as region_id, o.id as order_id, o.customer_id, ol.line_total, ol.quantity, ol.quantity * (ol.unit_price - ol.unit_cost) as margin,
                o.id in (select document_id from sales_performance_fact where metric = 'NEW_CUSTOMERS') as first_order
           from sales_performance_fact f
           join order_line ol on ol.id = f.source_id
           join sales_order o on o.id = f.document_id
           join app_user u on u.id = o.owner_id
           left join org_unit ou on ou.id = u.unit_id
          where f.metric = 'BOOKED_SALES' and f.occurred_on between '${SPAN.from}' and '${SPAN.to}' and o.id in (select id from orders_seen)
       )
       select coalesce(region_id::text, 'total') as key, sum(line_total) as "bookedAmount", sum(quantity) as quantity,
              count(distinct order_id) as "orderCount", sum(margin) as margin,
              count(distinct customer_id) filter (where first_order) as "newCustomerCount",
              coalesce(sum(line_total) filter (where first_order), 0) as "newCustomerAmount",
              sum(line_total) - coalesce(sum(line_total) filter (where first_order), 0) as "existingCustomerAmount",
              round(sum(line_total) / nullif(count(distinct order_id), 0), 2) as "averageOrderValue",
              round(sum(margin) / nullif(sum(line_total), 0), 4) as "marginRate"
         from lines group by grouping sets ((region_id), ())`,
    );
    const measures = MEASURES.filter((m) => !refused.includes(m));
    expectSame(api, figures(expected, (row) => String(row.key), measures), measures);
  });
});

describe('contractFulfilment sums only readable contracts, amounts, orders, invoices and payments', () => {
  const MEASURES = ['contractCount', 'amountContractCount', 'contractAmount', 'orderedAmount', 'orderedQuantity', 'shippedAmount', 'shippedQuantity', 'invoicedQuantity', 'invoicedAmount', 'collectedAmount'];
  test.each(WHO)('%s', async (who) => {
    const role = await roleOf(who);
    const response = await app.gql(CONTRACT_FULFILMENT, { input: { from: '2025-01-01', to: '2026-12-31', groupBy: 'REGION' } }, await authFor(who));
    const refused = ORDER_AMOUNT_ROLES.includes(role) ? [] : ['orderedAmount', 'shippedAmount', 'orderedRate'];
    const report = response.data!.contractFulfilment;
    const rows = [...report.rows, report.total] as unknown as Record<string, unknown>[];
    const fixed = (response.errors ?? []).map((error) => (error.path![1] === 'total' ? { ...error, path: [error.path![0], 'rows', report.rows.length, error.path![2]] } : error));
    const api = apiFigures(rows, (row) => String(row.regionId ?? 'total'), MEASURES, refused, fixed, ['contractFulfilment', 'rows']);
    const expected = await sql(
      `with ${readable(userId(personOf(who)))},
       k as (
         select c.id, c.amount, c.id in (select id from contract_amounts_seen) as amount_seen, ${regionOf} as region_id
           from contract c join app_user u on u.id = c.owner_id left join org_unit ou on ou.id = u.unit_id
          where c.signed_at is not null and c.end_date >= '2025-01-01' and c.start_date <= '2026-12-31' and c.id in (select id from contracts_seen)
       ), o as (
         select o.id, o.contract_id from sales_order o where o.contract_id in (select id from k) and o.status not in ('CREDIT_HOLD', 'CANCELLED') and o.id in (select id from orders_seen)
       ), per as (
         select k.id, k.region_id, k.amount, k.amount_seen,
                (select coalesce(sum(ol.line_total), 0) from o join order_line ol on ol.order_id = o.id where o.contract_id = k.id) as ordered_amount,
                (select coalesce(sum(ol.quantity), 0) from o join order_line ol on ol.order_id = o.id where o.contract_id = k.id) as ordered_quantity,
                (select coalesce(sum(ol.shipped_quantity * ol.unit_price), 0) from o join order_line ol on ol.order_id = o.id where o.contract_id = k.id) as shipped_amount,
                (select coalesce(sum(ol.shipped_quantity), 0) from o join order_line ol on ol.order_id = o.id where o.contract_id = k.id) as shipped_quantity,
                (select coalesce(sum(ol.invoiced_quantity), 0) from o join order_line ol on ol.order_id = o.id where o.contract_id = k.id) as invoiced_quantity,
                (select coalesce(sum(i.amount), 0) from o join invoice i on i.order_id = o.id where o.contract_id = k.id and i.id in (select id from invoices_seen)) as invoiced_amount,
                (select coalesce(sum(a.amount), 0) from o join invoice i on i.order_id = o.id join payment_allocation a on a.invoice_id = i.id
                  where o.contract_id = k.id and i.id in (select id from invoices_seen) and a.payment_id in (select id from payments_seen)) as collected_amount
           from k
       )
       select coalesce(region_id::text, 'total') as key, count(*) as "contractCount", count(*) filter (where amount_seen) as "amountContractCount",
              sum(amount) filter (where amount_seen) as "contractAmount", sum(ordered_amount) as "orderedAmount", sum(ordered_quantity) as "orderedQuantity",
              sum(shipped_amount) as "shippedAmount", sum(shipped_quantity) as "shippedQuantity", sum(invoiced_quantity) as "invoicedQuantity",
              sum(invoiced_amount) as "invoicedAmount", sum(collected_amount) as "collectedAmount"
         from per group by grouping sets ((region_id), ())`,
    );
    const measures = MEASURES.filter((m) => !refused.includes(m));
    expectSame(api, figures(expected, (row) => String(row.key), measures), measures);
  });
});

describe('renewalRates counts only readable contracts and renewals', () => {
  test.each(WHO)('%s', async (who) => {
    const response = await app.gql(RENEWAL_RATES, { input: { from: '2025-01-01', to: '2026-12-31', period: 'QUARTER', groupBy: 'REGION' } }, await authFor(who));
    expect(response.errors).toBeUndefined();
    const report = response.data!.renewalRates;
    const rows = [...report.rows.map((row) => ({ ...row, key: `${row.period}|${row.groupId}` })), { ...report.total, key: 'total' }];
    const api = figures(rows as Record<string, unknown>[], (row) => String(row.key), ['endingCount', 'renewedCount']);
    const expected = await sql(
      `with ${readable(userId(personOf(who)))},
       k as (
         select to_char(c.end_date, 'YYYY-"Q"Q') as period, ${regionOf} as region_id,
                exists (select 1 from contract r where r.renewal_of_id = c.id and r.signed_at is not null and r.id in (select id from contracts_seen)) as renewed
           from contract c join app_user u on u.id = c.owner_id left join org_unit ou on ou.id = u.unit_id
          where c.signed_at is not null and c.status <> 'TERMINATED' and c.end_date between '2025-01-01' and '2026-12-31' and c.id in (select id from contracts_seen)
       )
       select case when grouping(period) = 1 then 'total' else period || '|' || coalesce(region_id::text, 'null') end as key,
              count(*) as "endingCount", count(*) filter (where renewed) as "renewedCount"
         from k group by grouping sets ((period, region_id), ())`,
    );
    expectSame(api, figures(expected, (row) => String(row.key), ['endingCount', 'renewedCount']), ['endingCount', 'renewedCount']);
  });
});

describe('channelPerformance: sell-in, sell-through and conflicts each within their own scope', () => {
  const MEASURES = ['sellInOrderCount', 'sellInQuantity', 'sellInAmount', 'sellThroughQuantity', 'conflictCount', 'openConflictCount', 'confirmedConflictCount'];
  test.each(WHO)('%s', async (who) => {
    const role = await roleOf(who);
    const response = await app.gql(CHANNEL_PERFORMANCE, { input: { ...SPAN, groupBy: 'DISTRIBUTOR_REGION' } }, await authFor(who));
    const refused = ORDER_AMOUNT_ROLES.includes(role) ? [] : ['sellInAmount'];
    const report = response.data!.channelPerformance;
    const rows = [...report.rows, report.total] as unknown as Record<string, unknown>[];
    const fixed = (response.errors ?? []).map((error) => (error.path![1] === 'total' ? { ...error, path: [error.path![0], 'rows', report.rows.length, error.path![2]] } : error));
    const api = apiFigures(rows, (row) => (row.distributorId === null && row.regionId === null ? 'total' : `${row.distributorId}|${row.regionId}`), MEASURES, refused, fixed, ['channelPerformance', 'rows']);
    const expected = await sql(
      `with ${readable(userId(personOf(who)))},
       f as (
         select o.distributor_id, c.region_id, o.id as order_id, ol.quantity as sell_in, ol.line_total as amount, 0 as sell_through, null::uuid as conflict_id, null::text as status
           from sales_order o join customer c on c.id = o.customer_id join order_line ol on ol.order_id = o.id
          where o.distributor_id is not null and o.status not in ('CREDIT_HOLD', 'CANCELLED') and o.id in (select id from orders_seen)
            and (coalesce(o.credit_decided_at, o.created_at) at time zone 'Asia/Shanghai')::date between '${SPAN.from}' and '${SPAN.to}'
         union all
         select r.distributor_id, l.sale_region_id, null, 0, 0, l.quantity, null, null
           from sell_through_line l join sell_through_report r on r.id = l.report_id
          where l.sold_on between '${SPAN.from}' and '${SPAN.to}' and r.id in (select id from reports_seen)
         union all
         select x.distributor_id, x.found_region_id, null, 0, 0, 0, x.id, x.status::text
           from channel_conflict x
          where (x.detected_at at time zone 'Asia/Shanghai')::date between '${SPAN.from}' and '${SPAN.to}' and x.id in (select id from conflicts_seen)
       )
       select case when grouping(distributor_id, region_id) <> 0 then 'total' else distributor_id || '|' || region_id end as key,
              count(distinct order_id) as "sellInOrderCount", sum(sell_in) as "sellInQuantity", sum(amount) as "sellInAmount",
              sum(sell_through) as "sellThroughQuantity", count(conflict_id) as "conflictCount",
              count(conflict_id) filter (where status = 'OPEN') as "openConflictCount", count(conflict_id) filter (where status = 'CONFIRMED') as "confirmedConflictCount"
         from f group by grouping sets ((distributor_id, region_id), ())`,
    );
    const measures = MEASURES.filter((m) => !refused.includes(m));
    expectSame(api, figures(expected, (row) => String(row.key), measures), measures);
  });
});

test('the demo year gives each report real shapes', async () => {
  const vp = await authFor('vp');
  const fulfilment = await app.gql(CONTRACT_FULFILMENT, { input: { from: '2025-01-01', to: '2026-12-31', groupBy: 'CONTRACT' } }, vp);
  expect(fulfilment.data!.contractFulfilment.rows.length).toBeGreaterThan(20);
  const renewals = await app.gql(RENEWAL_RATES, { input: { from: '2026-01-01', to: '2026-12-31', period: 'QUARTER' } }, vp);
  const total = renewals.data!.renewalRates.total;
  expect(total.endingCount).toBeGreaterThan(10);
  expect(total.renewalRate).toBeGreaterThan(0.5);
  expect(total.renewalRate).toBeLessThan(1);
  const channels = await app.gql(CHANNEL_PERFORMANCE, { input: { ...SPAN, groupBy: 'DISTRIBUTOR' } }, vp);
  expect(Number(channels.data!.channelPerformance.total.sellInQuantity)).toBeGreaterThan(0);
});
