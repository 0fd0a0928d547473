import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../api/config';
import { zoneLiteral } from '../schema/analytics/analytics.sql';
import { Contract } from '../schema/orders/entities/contract.entity';
import { DEMO_PERFORMANCE_CUTOFF } from './demo-performance.data';
import { demoId } from './demo-ids';

/** Ids of the seeded frame contracts: stable, from the customer and the term (`pre` or `renewal`). */
const contractId = (term: 'pre' | 'renewal', customer: string) => `md5('demo-frame-contract:${term}:' || ${customer})::uuid`;

/**
 * Frame contracts for the demo year, so contract fulfilment (H4) and renewal rates (H7) have real shapes: every
 * third direct customer with four or more booked orders in 2026 (and no hand-made demo contract) gets a one-year frame
 * contract that started in April–December 2025 and so expired in 2026; three in four of them were renewed for two
 * years from the day after (linked by `renewal_of_id`, signed a week before it starts; two years, so no renewal
 * alert falls due in the demo). Lines: the products the customer ordered in the term, a quarter above what was
 * ordered, at the average price paid (a renewal: the predecessor's lines, 10% more); the customer's direct orders of
 * each term are placed against its contract. Set-based SQL, a few statements; does nothing once a frame contract is
 * there or without the demo year.
 */
async function seedFrameContracts(tx: EntityManager, config: AppConfig): Promise<void> {
  const bookedOn = `(coalesce(o.credit_decided_at, o.created_at) at time zone ${zoneLiteral(config.companyTimeZone)})::date`;
  // Predecessors: one-year terms from the 1st of April…December 2025 (by the customer's place in the list).
  await tx.execute(
    `with candidates as (
       select c.id, c.name, c.owner_id, row_number() over (order by c.code) as n
         from customer c
         join sales_order o on o.customer_id = c.id
        where o.distributor_id is null and o.status not in ('CREDIT_HOLD', 'CANCELLED')
          and ${bookedOn} between '2026-01-01' and ?::date
          and not exists (select 1 from contract k where k.customer_id = c.id)
        group by c.id
       having count(*) >= 4
     ), chosen as (
       select *, (date '2025-04-01' + make_interval(months => (n::int * 7) % 9))::date as start_date from candidates where n % 3 = 0
     )
     insert into contract (id, number, title, customer_id, owner_id, status, amount, start_date, end_date, payment_terms_days,
                           approved_at, signed_at, signed_by_id, created_by_id, created_at, updated_at)
     select ${contractId('pre', 'chosen.id::text')}, 'CT' || lpad(nextval('contract_number_seq')::text, 6, '0'),
            chosen.name || ' 年度框架合同（演示）', chosen.id, chosen.owner_id, 'EXPIRED', 0, chosen.start_date,
            (chosen.start_date + interval '1 year' - interval '1 day')::date, 30,
            chosen.start_date - interval '10 days', chosen.start_date - interval '7 days', chosen.owner_id, chosen.owner_id,
            chosen.start_date - interval '14 days', chosen.start_date - interval '7 days'
       from chosen`,
    [DEMO_PERFORMANCE_CUTOFF],
  );
  // Renewals of three in four, from the day after, for two years; in force at the cutoff.
  await tx.execute(
    `insert into contract (id, number, title, customer_id, owner_id, status, amount, start_date, end_date, payment_terms_days,
                           approved_at, signed_at, signed_by_id, created_by_id, created_at, updated_at, renewal_of_id)
     select ${contractId('renewal', 'p.customer_id::text')}, 'CT' || lpad(nextval('contract_number_seq')::text, 6, '0'),
            replace(p.title, '年度框架合同', '续签框架合同'), p.customer_id, p.owner_id, 'ACTIVE', 0, p.end_date + 1,
            (p.end_date + 1 + interval '2 years' - interval '1 day')::date, 30,
            p.end_date - interval '10 days', p.end_date - interval '6 days', p.owner_id, p.owner_id,
            p.end_date - interval '20 days', p.end_date - interval '6 days', p.id
       from (select k.*, row_number() over (order by c.code) as n from contract k join customer c on c.id = k.customer_id
              where k.title like '%年度框架合同（演示）%') p
      where p.n % 4 <> 0 and p.end_date < ?::date`,
    [DEMO_PERFORMANCE_CUTOFF],
  );
  // The customer's direct, unlinked orders of each term are placed against its contract.
  await tx.execute(
    `update sales_order o set contract_id = k.id
       from contract k
      where (k.title like '%年度框架合同（演示）%' or k.title like '%续签框架合同（演示）%')
        and o.customer_id = k.customer_id and o.distributor_id is null and o.contract_id is null
        and ${bookedOn} between k.start_date and k.end_date`,
  );
  // Predecessors' lines from what was ordered; renewals' from their predecessor's.
  await tx.execute(
    `insert into contract_line (id, contract_id, position, product_id, quantity, list_price, discount_percent, unit_price, line_total, unit_cost)
     select md5('demo-frame-line:' || k.id || ':' || ol.product_id)::uuid, k.id,
            row_number() over (partition by k.id order by ol.product_id), ol.product_id,
            ceil(sum(ol.quantity) * 1.25)::int, max(ol.list_price), 0, round(avg(ol.unit_price), 2),
            round(ceil(sum(ol.quantity) * 1.25) * round(avg(ol.unit_price), 2), 2), max(ol.unit_cost)
       from contract k
       join sales_order o on o.contract_id = k.id
       join order_line ol on ol.order_id = o.id
      where k.title like '%年度框架合同（演示）%'
      group by k.id, ol.product_id`,
  );
  await tx.execute(
    `insert into contract_line (id, contract_id, position, product_id, quantity, list_price, discount_percent, unit_price, line_total, unit_cost)
     select md5('demo-frame-line:' || r.id || ':' || l.product_id)::uuid, r.id, l.position, l.product_id, ceil(l.quantity * 1.1)::int,
            l.list_price, 0, l.unit_price, round(ceil(l.quantity * 1.1) * l.unit_price, 2), l.unit_cost
       from contract r
       join contract_line l on l.contract_id = r.renewal_of_id
      where r.title like '%续签框架合同（演示）%'`,
  );
  await tx.execute(
    `update contract k set amount = s.amount
       from (select contract_id, sum(line_total) as amount from contract_line group by contract_id) s
      where s.contract_id = k.id and (k.title like '%年度框架合同（演示）%' or k.title like '%续签框架合同（演示）%')`,
  );
}

/**
 * The distributor's year (channel performance, L9): for each customer buying through a distributor, one order a month
 * from January to October 2026 placed by the distributor's partner user at the distributor price list, two lines of
 * one to three units (a small account: the region's achievement moves by a few percent),
 * shipped and delivered in one batch per line; a sell-through report a month with most of each batch sold on a
 * week later, mostly in the distributor's region and one line in nine in 华东 — each of those a SALE_OUTSIDE_REGION
 * conflict, as the sell-through service would raise (some confirmed, some dismissed). Months before the demo's own
 * report (November), so no two reports overlap.
 */
async function seedDistributorYear(tx: EntityManager): Promise<void> {
  await tx.execute(
    `insert into sales_order (id, number, customer_id, owner_id, distributor_id, price_list_id, placed_by_id, status, total, delivery_region_id, created_at, updated_at)
     select md5('demo-distributor-order:' || c.id || ':' || m)::uuid, 'SO' || lpad(nextval('order_number_seq')::text, 6, '0'), c.id, c.owner_id,
            c.distributor_id,
            (select pl.id from price_list pl where pl.channel = 'DISTRIBUTOR' and pl.region_id is null and pl.valid_from <= make_date(2026, m, 1) order by pl.valid_from desc limit 1),
            (select u.id from app_user u where u.distributor_id = c.distributor_id and u.role = 'PARTNER' order by u.email limit 1),
            'SHIPPED', 0, c.region_id,
            make_date(2026, m, 3 + abs(hashtext(c.code || m)) % 18) + time '02:00' at time zone 'UTC',
            make_date(2026, m, 3 + abs(hashtext(c.code || m)) % 18) + time '02:00' at time zone 'UTC'
       from customer c cross join generate_series(1, 10) as m
      where c.distributor_id is not null
        and exists (select 1 from app_user u where u.distributor_id = c.distributor_id and u.role = 'PARTNER')`,
  );
  await tx.execute(
    `insert into order_line (id, order_id, position, product_id, quantity, list_price, discount_percent, unit_price, line_total, unit_cost, shipped_quantity)
     select md5('demo-distributor-line:' || o.id || ':' || n)::uuid, o.id, n, p.id, q.quantity, e.list_price, 0, e.list_price, q.quantity * e.list_price, p.unit_cost, q.quantity
       from sales_order o
       cross join generate_series(1, 2) as n
       join customer oc on oc.id = o.customer_id
       cross join lateral (select 1 + abs(hashtext(oc.code || o.created_at::date || n)) % 3 as quantity, abs(hashtext(oc.code || o.created_at::date || 'p' || n)) % 40 as pick) q
       join lateral (select pe.* from price_list_entry pe join product pp on pp.id = pe.product_id
                      where pe.price_list_id = o.price_list_id order by pp.sku offset q.pick + (n - 1) * 40 limit 1) e on true
       join product p on p.id = e.product_id
      where o.id = md5('demo-distributor-order:' || o.customer_id || ':' || extract(month from o.created_at at time zone 'Asia/Shanghai')::int)::uuid`,
  );
  await tx.execute(
    `update sales_order o set total = s.total
       from (select order_id, sum(line_total) as total from order_line group by order_id) s
      where s.order_id = o.id and o.distributor_id is not null and o.total = 0`,
  );
  await tx.execute(
    `insert into shipment (id, number, order_id, status, shipped_on, delivery_address, delivery_region_id, delivered_on, received_by, created_by_id, created_at, updated_at)
     select md5('demo-distributor-shipment:' || o.id)::uuid, 'SH' || lpad(nextval('shipment_number_seq')::text, 6, '0'), o.id, 'DELIVERED',
            (o.created_at at time zone 'Asia/Shanghai')::date + 2, coalesce(c.address, c.name), o.delivery_region_id,
            (o.created_at at time zone 'Asia/Shanghai')::date + 4, '仓库收货', o.placed_by_id, o.created_at + interval '2 days', o.created_at + interval '4 days'
       from sales_order o join customer c on c.id = o.customer_id
      where o.id in (select order_id from order_line where id = md5('demo-distributor-line:' || order_id || ':1')::uuid)`,
  );
  await tx.execute(
    `insert into shipment_line (id, shipment_id, order_line_id, product_id, quantity, batch_number)
     select md5('demo-distributor-shipment-line:' || ol.id)::uuid, md5('demo-distributor-shipment:' || ol.order_id)::uuid, ol.id, ol.product_id, ol.quantity,
            'YT' || to_char(s.shipped_on, 'YYMMDD') || '-' || ol.position
       from order_line ol join shipment s on s.id = md5('demo-distributor-shipment:' || ol.order_id)::uuid
      where ol.id = md5('demo-distributor-line:' || ol.order_id || ':' || ol.position)::uuid`,
  );
  await tx.execute(
    `insert into sell_through_report (id, distributor_id, period_start, period_end, submitted_by_id, created_at)
     select md5('demo-sell-through:' || d.id || ':' || m)::uuid, d.id, make_date(2026, m, 1), (make_date(2026, m, 1) + interval '1 month - 1 day')::date,
            (select u.id from app_user u where u.distributor_id = d.id and u.role = 'PARTNER' order by u.email limit 1),
            make_date(2026, m, 1) + interval '1 month 4 days'
       from distributor d cross join generate_series(1, 10) as m
      where exists (select 1 from sales_order o where o.distributor_id = d.id and o.id = md5('demo-distributor-order:' || o.customer_id || ':' || m)::uuid)`,
  );
  await tx.execute(
    `insert into sell_through_line (id, report_id, product_id, quantity, batch_number, end_customer_name, sale_region_id, sold_on)
     select md5('demo-sell-through-line:' || sl.id)::uuid, r.id, sl.product_id, greatest(1, floor(sl.quantity * 0.85))::int, sl.batch_number,
            c.name || ' 下游客户', case when abs(hashtext(sl.batch_number || c.code)) % 9 = 0 then east.id else c.region_id end,
            least(s.shipped_on + 7, r.period_end)
       from shipment_line sl
       join shipment s on s.id = sl.shipment_id
       join sales_order o on o.id = s.order_id
       join customer c on c.id = o.customer_id
       join sell_through_report r on r.id = md5('demo-sell-through:' || o.distributor_id || ':' || extract(month from s.shipped_on)::int)::uuid
       cross join (select id from org_unit where name = '华东' and kind = 'REGION' limit 1) east
      where sl.id = md5('demo-distributor-shipment-line:' || sl.order_line_id)::uuid`,
  );
  await tx.execute(
    `insert into channel_conflict (id, kind, distributor_id, home_region_id, found_region_id, batch_number, evidence, source_key, status, detected_at,
                                   resolved_by_id, resolved_at, resolution, created_at, updated_at)
     select md5('demo-conflict:' || l.id)::uuid, 'SALE_OUTSIDE_REGION', r.distributor_id, home.region_id, l.sale_region_id, l.batch_number,
            jsonb_build_object('report', jsonb_build_object('id', r.id, 'periodStart', r.period_start, 'periodEnd', r.period_end),
                               'line', jsonb_build_object('id', l.id, 'productId', l.product_id, 'quantity', l.quantity, 'batchNumber', l.batch_number,
                                                          'endCustomerName', l.end_customer_name, 'saleRegion', jsonb_build_object('id', sr.id, 'name', sr.name),
                                                          'soldOn', l.sold_on)),
            'sell-through:' || l.id || ':SALE_OUTSIDE_REGION',
            (case abs(hashtext(l.batch_number || l.end_customer_name)) % 3 when 0 then 'OPEN' when 1 then 'CONFIRMED' else 'DISMISSED' end)::channel_conflict_status,
            r.created_at,
            case when abs(hashtext(l.batch_number || l.end_customer_name)) % 3 = 0 then null else director.head_id end,
            case when abs(hashtext(l.batch_number || l.end_customer_name)) % 3 = 0 then null else r.created_at + interval '3 days' end,
            case abs(hashtext(l.batch_number || l.end_customer_name)) % 3 when 0 then null when 1 then '经核实为跨区销售，已按渠道政策扣减返利' else '终端客户在华东设有分厂，属正常采购' end,
            r.created_at, r.created_at
       from sell_through_line l
       join sell_through_report r on r.id = l.report_id
       join org_unit sr on sr.id = l.sale_region_id
       cross join lateral (select dr."B" as region_id from "_distributor_regions" dr where dr."A" = r.distributor_id order by dr."B" limit 1) home
       join org_unit director on director.id = l.sale_region_id
      where r.id = md5('demo-sell-through:' || r.distributor_id || ':' || extract(month from r.period_start)::int)::uuid
        and l.sale_region_id not in (select dr."B" from "_distributor_regions" dr where dr."A" = r.distributor_id)`,
  );
}

/**
 * The demo year's analytics data (seeds/demo-analytics.seeder.ts): frame contracts with their renewals, and the
 * distributor's year of sell-in, sell-through and conflicts. Runs after the demo year's orders, in one transaction;
 * does nothing once the frame contracts are there or without the demo year.
 */
export async function seedDemoAnalyticsIfEmpty(orm: MikroORM, config: AppConfig): Promise<boolean> {
  const em = orm.em.fork();
  if ((await em.count(Contract, { id: demoId('contract:lingang-2025') })) === 0) return false;
  const [{ seeded, year }] = await em.execute<{ seeded: boolean; year: boolean }[]>(
    `select exists (select 1 from contract where title like '%年度框架合同（演示）%') as seeded,
            exists (select 1 from sales_target) as year`,
  );
  if (seeded || !year) return false;
  await em.transactional(async (tx) => {
    await seedFrameContracts(tx, config);
    await seedDistributorYear(tx);
  });
  return true;
}
