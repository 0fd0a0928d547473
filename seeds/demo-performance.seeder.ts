import type { EntityManager, MikroORM, RequiredEntityData } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import type { AppConfig } from '../api/config';
import type { RequestContext } from '../api/context';
import { createLogger } from '../api/logger';
import { SalesChannel } from '../schema/catalog/catalog.enums';
import { Product } from '../schema/catalog/entities/product.entity';
import { ProductLine } from '../schema/catalog/entities/product-line.entity';
import { CustomerTier, LifecycleStage } from '../schema/customers/customers.enums';
import { CustomerService } from '../schema/customers/customers.service';
import { BillingService } from '../schema/orders/billing.service';
import { Contract } from '../schema/orders/entities/contract.entity';
import { OrderLine } from '../schema/orders/entities/order-line.entity';
import { SalesOrder } from '../schema/orders/entities/sales-order.entity';
import { OrderStatus, PaymentMethod } from '../schema/orders/orders.enums';
import { OrderService } from '../schema/orders/orders.service';
import { ShipmentService } from '../schema/orders/shipments.service';
import { contextActingAs } from '../schema/org/org.service';
import { SalesTarget } from '../schema/targets/entities/sales-target.entity';
import { TargetMetric } from '../schema/targets/targets.enums';
import { Random } from './bench/random';
import { planTargets, type TargetUnit } from './targets-plan';
import { DEMO_COMPANY } from './demo-company.data';
import { demoId } from './demo-ids';
import { DEMO_CUSTOMER_SERVICE, DEMO_FINANCE } from './demo-orders.data';
import {
  CUSTOMER_NAME_PARTS,
  DEMO_PERFORMANCE_CUTOFF,
  DEMO_PERFORMANCE_SEED,
  DEMO_PERFORMANCE_YEAR,
  DEMO_SELLING_MANAGERS,
  DEMO_UNALLOCATED_REGION,
  DEMO_UNALLOCATED_SHARE,
  SEASON,
  SURVEY_COMMENTS,
  VISIT_TOPICS,
  demoSellers,
  type DemoSeller,
} from './demo-performance.data';

type RegionKey = 'east' | 'south' | 'north';
const DAY = 24 * 60 * 60 * 1000;
const YEAR = DEMO_PERFORMANCE_YEAR;

/** An ISO date `days` after `date`. */
const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const dateOf = (year: number, month: number, day: number): string => new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
/** A working-day time in company time (Asia/Shanghai, UTC+8) on `date`, as a UTC instant. */
const officeTime = (date: string, random: Random): string => {
  const minutes = 9 * 60 + random.int(0, 8 * 60);
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + minutes * 60 * 1000).toISOString();
};

/** The demo people as request contexts, so every record goes through the same service code as the API. */
class Sellers {
  private readonly contexts = new Map<string, RequestContext>();

  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
  ) {}

  async as(email: string): Promise<RequestContext> {
    const known = this.contexts.get(email);
    if (known !== undefined) return known;
    const context = await contextActingAs(this.em, this.config, createLogger('silent'), demoId(`user:${email}`));
    if (context === null) throw new Error(`Demo user ${email} is missing or inactive`);
    this.contexts.set(email, context);
    return context;
  }
}

/** One customer of a seller: had before 2026 (an order in late 2025) or won in 2026. */
interface PlannedCustomer {
  key: string;
  seller: DemoSeller;
  regionKey: RegionKey;
  name: string;
  industry: string;
  isNew: boolean;
  /** New customers are registered a few weeks before their first order; existing ones years ago. */
  createdOn: string;
  creditLimit: string;
  tier: CustomerTier;
  id?: string;
}

/** An order and what follows it, each step dated; a step that would fall on or after today is left out. */
interface PlannedOrder {
  customer: PlannedCustomer;
  on: string;
  lines: { sku: string; quantity: number }[];
  /** Cancelled by its owner a few days after placing; released from credit hold by finance. */
  cancelOn?: string;
  releaseOn?: string;
  shipOn?: string;
  invoiceOn?: string;
  /** Received on, the share of each invoice paid, and the other orders whose invoices the same payment covers. */
  payments: { on: string; share: number; with: PlannedOrder[] }[];
  orderId?: string;
  invoiceId?: string;
  invoiceAmount?: string;
}

type Step = { on: string; rank: number; run: () => Promise<void> };

/** Products by product line, with an indicative list price (cost × the direct markup) to size quantities. */
async function catalogue(em: EntityManager): Promise<Map<string, { sku: string; price: number }[]>> {
  const products = await em.find(Product, {}, { populate: ['productLine'], orderBy: { sku: 'asc' } });
  const byLine = new Map<string, { sku: string; price: number }[]>();
  for (const product of products) {
    const code = product.productLine.code;
    if (!byLine.has(code)) byLine.set(code, []);
    byLine.get(code)!.push({ sku: product.sku, price: Number(product.unitCost) * 1.6 });
  }
  return byLine;
}

function regionOfUnit(unitKey: string, index: number): RegionKey {
  for (const region of DEMO_COMPANY.regions) if (region.teams.some((team) => team.key === unitKey)) return region.key as RegionKey;
  return (['east', 'south', 'north'] as const)[index % 3];
}

/** The customers of every seller: names unique per region, fixed by the seed. */
function planCustomers(sellers: DemoSeller[], random: Random): PlannedCustomer[] {
  const customers: PlannedCustomer[] = [];
  const used = new Set<string>();
  sellers.forEach((seller, sellerIndex) => {
    const total = seller.existingCustomers + seller.newCustomers;
    for (let n = 0; n < total; n++) {
      const regionKey = regionOfUnit(seller.unitKey, n);
      let name: string;
      let industry: string;
      do {
        const [trade, tradeIndustry] = random.pick(CUSTOMER_NAME_PARTS.trades);
        name = `${random.pick(CUSTOMER_NAME_PARTS.places[regionKey])}${random.pick(CUSTOMER_NAME_PARTS.marks)}${trade}有限公司`;
        industry = tradeIndustry;
      } while (used.has(name));
      used.add(name);
      const isNew = n >= seller.existingCustomers;
      const key = `perf:${sellerIndex}:${n}`;
      customers.push({
        key,
        seller,
        regionKey,
        name,
        industry,
        isNew,
        createdOn: isNew ? '' : dateOf(2021 + random.int(0, 3), random.int(1, 12), random.int(1, 28)),
        // A new customer of every eighth seller starts on a small limit: its bigger orders wait for finance.
        creditLimit: isNew ? (sellerIndex % 8 === 1 ? '60000.00' : '1500000.00') : '3000000.00',
        tier: seller.unitKey === 'company' ? CustomerTier.A : isNew ? CustomerTier.C : random.pick([CustomerTier.A, CustomerTier.B, CustomerTier.B]),
      });
    }
  });
  return customers;
}

/** Order lines from the seller's product mix, sized to about `amount` at list prices. */
function linesFor(seller: DemoSeller, amount: number, products: Map<string, { sku: string; price: number }[]>, random: Random): { sku: string; quantity: number }[] {
  const count = random.int(1, Math.min(3, seller.lines.length));
  const lines: { sku: string; quantity: number }[] = [];
  const shares = count === 1 ? [1] : count === 2 ? [0.65, 0.35] : [0.5, 0.3, 0.2];
  for (let i = 0; i < count; i++) {
    // The strongest line most often leads.
    const line = i === 0 && random.chance(0.6) ? seller.lines[0] : seller.lines[(i + random.int(0, seller.lines.length - 1)) % seller.lines.length];
    const choices = products.get(line)!;
    let product = random.pick(choices);
    for (let tries = 0; tries < 3 && lines.some((each) => each.sku === product.sku); tries++) product = random.pick(choices);
    if (lines.some((each) => each.sku === product.sku)) continue;
    lines.push({ sku: product.sku, quantity: Math.max(1, Math.round((amount * shares[i]) / product.price)) });
  }
  return lines;
}

/**
 * The year of orders: existing customers bought once in late 2025; each seller places about one order a month
 * (sized by volume, season and chance, within their signing limit; a slumping rep's shrink), and a month in which
 * they win a new customer that order is the new customer's first. Orders more than a couple of weeks old are
 * shipped and invoiced; a customer pays its invoices two at a time, 30–60 days after the later one, a few in part
 * and a few not yet.
 */
function planOrders(customers: PlannedCustomer[], products: Map<string, { sku: string; price: number }[]>, today: string, random: Random): PlannedOrder[] {
  const orders: PlannedOrder[] = [];
  const bySeller = new Map<DemoSeller, PlannedCustomer[]>();
  for (const customer of customers) {
    if (!bySeller.has(customer.seller)) bySeller.set(customer.seller, []);
    bySeller.get(customer.seller)!.push(customer);
  }
  const place = (customer: PlannedCustomer, on: string, amount: number): void => {
    if (on >= today) return;
    // An order without a contract stays within its placer's signing limit (分层管理办法).
    const limit = customer.seller.unitKey === 'company' || DEMO_SELLING_MANAGERS.includes(customer.seller.email) ? 450000 : 190000;
    orders.push({ customer, on, lines: linesFor(customer.seller, Math.min(amount, limit), products, random), payments: [] });
  };
  for (const [seller, own] of bySeller) {
    const existing = own.filter((customer) => !customer.isNew);
    const newOnes = own.filter((customer) => customer.isNew);
    for (const customer of existing) place(customer, dateOf(YEAR - 1, random.int(10, 12), random.int(1, 28)), seller.monthlyVolume * (0.6 + random.next()));
    // New customers are won through the year, in distinct months 2–11; they are registered weeks before.
    const firstMonths = newOnes.map((_, index) => 2 + Math.floor((index * 10) / newOnes.length) + random.int(0, Math.floor(10 / newOnes.length) - 1));
    newOnes.forEach((customer, index) => {
      customer.createdOn = addDays(dateOf(YEAR, firstMonths[index], 1), -random.int(15, 40));
    });
    for (let month = 1; month <= 12; month++) {
      const slump = seller.slumpFromMonth !== undefined && month >= seller.slumpFromMonth ? 0.3 : 1;
      const winner = newOnes.find((_, index) => firstMonths[index] === month);
      const buyers = [...existing, ...newOnes.filter((_, index) => firstMonths[index] < month)];
      const amount = seller.monthlyVolume * SEASON[month - 1] * slump * (0.6 + random.next() * 0.8);
      const buyer = winner ?? random.pick(buyers);
      place(buyer, dateOf(YEAR, month, random.int(winner === undefined ? 1 : 6, 28)), amount);
    }
  }
  orders.sort((a, b) => a.on.localeCompare(b.on) || a.customer.key.localeCompare(b.customer.key));
  const unpaid = new Map<PlannedCustomer, PlannedOrder[]>();
  const buying = new Set<PlannedCustomer>();
  orders.forEach((order, index) => {
    // Every 41st order (never a customer's first) is cancelled by its owner within the week: the customer postponed.
    const first = !buying.has(order.customer);
    buying.add(order.customer);
    if (index % 41 === 40 && !first) {
      order.cancelOn = addDays(order.on, random.int(1, 5));
      return;
    }
    order.shipOn = addDays(order.on, random.int(5, 14));
    order.invoiceOn = addDays(order.shipOn, random.int(1, 3));
    if (order.invoiceOn >= today) {
      order.shipOn = undefined;
      order.invoiceOn = undefined;
      return;
    }
    // Invoices are paid two at a time (a customer's last one on its own).
    const waiting = unpaid.get(order.customer) ?? [];
    waiting.push(order);
    unpaid.set(order.customer, waiting);
    if (waiting.length === 2) {
      settle(waiting, today, random);
      unpaid.delete(order.customer);
    }
  });
  for (const waiting of unpaid.values()) settle(waiting, today, random);
  return orders;
}

/** One payment for `invoices` 30–60 days after the later one; now and then half of it, or not yet. */
function settle(invoiced: PlannedOrder[], today: string, random: Random): void {
  const on = addDays(invoiced[invoiced.length - 1].invoiceOn!, random.int(30, 60));
  const roll = random.next();
  if (roll < 0.07 || on >= today) return;
  const share = roll < 0.15 ? 0.5 : 1;
  invoiced[0].payments.push({ on, share, with: invoiced.slice(1) });
}

/** The demo year's rows through the services, step by step in date order, so credit and payments interleave. */
async function seedActuals(em: EntityManager, config: AppConfig, today: string): Promise<{ ordersToDate: Map<string, { at: string; releasedAt?: string }> }> {
  const random = new Random(DEMO_PERFORMANCE_SEED, 'demo-year');
  const people = new Sellers(em, config);
  const vp = await people.as(DEMO_COMPANY.vp.email);
  const sellers = demoSellers();
  const products = await catalogue(em);
  const productIds = new Map((await em.find(Product, {}, { fields: ['id', 'sku'] })).map((product) => [product.sku, product.id]));
  const customers = planCustomers(sellers, random);
  const orders = planOrders(customers, products, today, random);

  for (const customer of customers) {
    const created = await new CustomerService(vp).create({
      name: customer.name,
      industry: customer.industry,
      regionId: demoId(`unit:${customer.regionKey}`),
      address: `${customer.name.slice(0, 2)}市经济技术开发区 ${random.int(1, 999)} 号`,
      tier: customer.tier,
      lifecycleStage: customer.isNew ? LifecycleStage.DEVELOPING : LifecycleStage.STABLE,
      channel: SalesChannel.DIRECT,
      ownerId: demoId(`user:${customer.seller.email}`),
      keyAccountManagerId: customer.seller.unitKey === 'company' ? demoId(`user:${customer.seller.email}`) : undefined,
      creditLimit: customer.creditLimit,
      tags: customer.isNew ? ['2026 新客户'] : [],
    } as Parameters<CustomerService['create']>[0]);
    customer.id = created.id;
  }

  const finance = await people.as(DEMO_FINANCE);
  const service = await people.as(DEMO_CUSTOMER_SERVICE);
  const ordersToDate = new Map<string, { at: string; releasedAt?: string }>();
  const steps: Step[] = [];
  for (const order of orders) {
    steps.push({
      on: order.on, rank: 0, run: async () => {
        const owner = await people.as(order.customer.seller.email);
        const placed = await new OrderService(owner).place({
          customerId: order.customer.id!,
          lines: order.lines.map((line) => ({ productId: productIds.get(line.sku)!, quantity: line.quantity, discountPercent: String(random.int(0, 5)) })),
        } as Parameters<OrderService['place']>[0]);
        order.orderId = placed.id;
        ordersToDate.set(placed.id, { at: officeTime(order.on, random) });
        if (placed.status === OrderStatus.CREDIT_HOLD) {
          // Finance releases a held order within days once the customer pays a deposit; those of the last weeks still wait.
          const releaseOn = addDays(order.on, random.int(1, 4));
          if (releaseOn < addDays(today, -40)) {
            order.releaseOn = releaseOn;
            steps.push({
              on: releaseOn, rank: 1, run: async () => {
                const held = await em.findOneOrFail(SalesOrder, placed.id);
                if (held.status !== OrderStatus.CREDIT_HOLD) return; // its owner cancelled it meanwhile
                await new OrderService(finance).releaseCreditHold(placed.id, held.version, '客户已支付预付款，放行');
                ordersToDate.get(placed.id)!.releasedAt = officeTime(releaseOn, random);
              },
            });
          } else {
            order.shipOn = undefined;
            order.invoiceOn = undefined;
            order.payments = [];
          }
        }
      },
    });
    if (order.cancelOn !== undefined) {
      steps.push({
        on: order.cancelOn, rank: 1, run: async () => {
          const owner = await people.as(order.customer.seller.email);
          const current = await em.findOneOrFail(SalesOrder, order.orderId!);
          if (current.status !== OrderStatus.CONFIRMED && current.status !== OrderStatus.CREDIT_HOLD) return;
          await new OrderService(owner).cancel(order.orderId!, current.version, '客户项目推迟，取消本批订单');
        },
      });
    }
    if (order.shipOn !== undefined) {
      steps.push({
        on: order.shipOn, rank: 2, run: async () => {
          if (order.shipOn === undefined) return;
          const lines = await em.find(OrderLine, { order: order.orderId! }, { orderBy: { position: 'asc' } });
          await new ShipmentService(service).create({
            orderId: order.orderId!,
            shippedOn: order.shipOn,
            carrier: random.pick(['顺丰速运', '德邦物流', '中通快运']),
            lines: lines.map((line) => ({ orderLineId: line.id, quantity: line.quantity, batchNumber: `B${order.shipOn!.slice(0, 7).replace('-', '')}-${String(random.int(1, 99)).padStart(2, '0')}` })),
          } as Parameters<ShipmentService['create']>[0]);
        },
      });
      steps.push({
        on: order.invoiceOn!, rank: 3, run: async () => {
          if (order.invoiceOn === undefined) return;
          const invoice = await new BillingService(finance).createInvoice({ orderId: order.orderId!, issueDate: order.invoiceOn });
          order.invoiceId = invoice.id;
          order.invoiceAmount = invoice.amount;
        },
      });
    }
    for (const payment of order.payments) {
      steps.push({
        on: payment.on, rank: 4, run: async () => {
          const allocations = [order, ...payment.with]
            .filter((each) => each.invoiceId !== undefined)
            .map((each) => ({ invoiceId: each.invoiceId!, amount: new Decimal(each.invoiceAmount!).times(payment.share).toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed(2) }));
          if (allocations.length === 0) return;
          const amount = allocations.reduce((sum, allocation) => sum.plus(allocation.amount), new Decimal(0)).toFixed(2);
          await new BillingService(finance).recordPayment({
            customerId: order.customer.id!,
            amount,
            receivedOn: payment.on,
            method: random.chance(0.8) ? PaymentMethod.BANK_TRANSFER : PaymentMethod.BANK_ACCEPTANCE,
            reference: `DEMO${payment.on.replaceAll('-', '')}-${String(random.int(0, 999999)).padStart(6, '0')}`,
            allocations,
          });
        },
      });
    }
  }

  // Visits: each seller's own, about a third accompanied by the head above them; surveys by customer service.
  for (const seller of sellers) {
    const own = customers.filter((customer) => customer.seller === seller);
    for (let month = 1; month <= 12; month++) {
      const count = seller.visitsPerMonth + (random.chance(0.2) ? 1 : 0);
      for (let n = 0; n < count; n++) {
        const on = dateOf(YEAR, month, random.int(1, 28));
        const customer = random.pick(own);
        // About a third accompanied, mostly by the nearest head, sometimes by the one above.
        const companion = random.chance(0.3) ? (random.chance(0.75) ? seller.companionEmails[0] : seller.companionEmails[seller.companionEmails.length - 1]) : undefined;
        const topic = random.pick(VISIT_TOPICS);
        if (on >= today || (customer.isNew && on < customer.createdOn)) continue;
        steps.push({
          on, rank: 5, run: async () => {
            await new CustomerService(await people.as(seller.email)).logVisit({
              customerId: customer.id!,
              visitedOn: on,
              purpose: topic.purpose,
              outcome: topic.outcome,
              nextStep: topic.nextStep,
              accompaniedById: companion === undefined ? undefined : demoId(`user:${companion}`),
            } as Parameters<CustomerService['logVisit']>[0]);
          },
        });
      }
    }
  }
  const surveyed: { id: string; at: string }[] = [];
  customers.forEach((customer, index) => {
    if (index % 3 !== 0) return;
    const on = dateOf(YEAR, 3 + (index % 9), random.int(1, 28));
    if (on >= today) return;
    const score = random.pick([5, 5, 4, 4, 4, 3, 2]);
    steps.push({
      on, rank: 6, run: async () => {
        const survey = await new CustomerService(service).recordSurvey({ customerId: customer.id!, score, comment: SURVEY_COMMENTS[score] });
        surveyed.push({ id: survey.id, at: officeTime(on, random) });
      },
    });
  });

  // In date order; steps a step adds (a release) join the queue at their place.
  const pending = steps;
  while (pending.length > 0) {
    pending.sort((a, b) => a.on.localeCompare(b.on) || a.rank - b.rank);
    const day = pending[0].on;
    const due = pending.filter((step) => step.on === day);
    pending.splice(0, due.length);
    for (const step of due) await step.run();
    // Each service call leaves its rows in the identity map: forget them, or every flush walks the whole year.
    em.clear();
  }

  await backdate(em, customers, ordersToDate, surveyed, orders);
  return { ordersToDate };
}

/**
 * The services stamp `now()` on what happened on a day of the demo year: an order's confirmation (its creation, or
 * finance's release), a customer's registration, a survey, a shipment's, invoice's and payment's record time. Moves
 * each to its day, in plain SQL.
 */
async function backdate(
  em: EntityManager,
  customers: PlannedCustomer[],
  ordersToDate: Map<string, { at: string; releasedAt?: string }>,
  surveyed: { id: string; at: string }[],
  orders: PlannedOrder[],
): Promise<void> {
  const values = (rows: string[][]) => rows.map((row) => `(${row.map((cell) => `'${cell}'`).join(', ')})`).join(', ');
  const orderRows = [...ordersToDate].map(([id, { at, releasedAt }]) => [id, at, releasedAt ?? '']);
  if (orderRows.length > 0) {
    await em.execute(`update sales_order o set created_at = v.at::timestamptz, updated_at = coalesce(nullif(v.released, '')::timestamptz, v.at::timestamptz),
        credit_decided_at = case when o.credit_decided_at is null then null else nullif(v.released, '')::timestamptz end,
        cancelled_at = case when o.cancelled_at is null then null else v.at::timestamptz + interval '3 days' end
      from (values ${values(orderRows)}) v(id, at, released) where o.id = v.id::uuid`);
  }
  const customerRows = customers.map((customer) => [customer.id!, `${customer.createdOn}T02:00:00Z`]);
  await em.execute(`update customer c set created_at = v.at::timestamptz, updated_at = v.at::timestamptz from (values ${values(customerRows)}) v(id, at) where c.id = v.id::uuid`);
  if (surveyed.length > 0) {
    await em.execute(`update satisfaction_survey s set surveyed_at = v.at::timestamptz from (values ${values(surveyed.map((s) => [s.id, s.at]))}) v(id, at) where s.id = v.id::uuid`);
  }
  // Shipments, invoices and payments carry their own business dates; their record times follow them.
  const ids = `select id from sales_order where id in (${[...ordersToDate.keys()].map((id) => `'${id}'`).join(', ') || 'null'})`;
  if (ordersToDate.size > 0) {
    await em.execute(`update shipment s set created_at = (s.shipped_on + time '16:00') at time zone 'Asia/Shanghai', updated_at = (s.shipped_on + time '16:00') at time zone 'Asia/Shanghai' where s.order_id in (${ids})`);
    await em.execute(`update invoice i set created_at = (i.issue_date + time '11:00') at time zone 'Asia/Shanghai', updated_at = (i.issue_date + time '11:00') at time zone 'Asia/Shanghai' where i.order_id in (${ids})`);
    await em.execute(`update payment p set created_at = (p.received_on + time '15:00') at time zone 'Asia/Shanghai', updated_at = (p.received_on + time '15:00') at time zone 'Asia/Shanghai'
      where p.id in (select pa.payment_id from payment_allocation pa join invoice i on i.id = pa.invoice_id where i.order_id in (${ids}))`);
  }
}

// ── targets ──────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The 2026 targets (seeds/targets-plan.ts), derived from the demo year's actuals in sales_performance_fact with
 * each seller's factors; the director of DEMO_UNALLOCATED_REGION keeps a share of its booked sales unallocated.
 * Inserted as SalesTarget rows many at a time.
 */
async function seedTargets(em: EntityManager, today: string): Promise<number> {
  const sellers = demoSellers();
  const lines = await em.find(ProductLine, {}, { orderBy: { code: 'asc' } });
  const vpId = demoId(`user:${DEMO_COMPANY.vp.email}`);
  const facts = await em.execute<{ user_id: string; metric: TargetMetric; month: number; line: string | null; value: string }[]>(
    `select f.user_id, f.metric, extract(month from f.occurred_on)::int as month, pl.code as line, sum(f.value)::text as value
       from sales_performance_fact f left join product_line pl on pl.id = f.product_line_id
      where f.occurred_on >= ? and f.occurred_on < ?
      group by 1, 2, 3, 4`,
    [`${YEAR}-01-01`, today < `${YEAR + 1}-01-01` ? today : `${YEAR + 1}-01-01`],
  );
  const units: TargetUnit[] = [{ key: 'company', id: demoId('unit:company'), parentKey: null, setById: vpId }];
  const heads = new Map<string, string>([['company', vpId]]);
  for (const region of DEMO_COMPANY.regions) {
    units.push({ key: region.key, id: demoId(`unit:${region.key}`), parentKey: 'company', setById: vpId });
    for (const team of region.teams) {
      units.push({ key: team.key, id: demoId(`unit:${team.key}`), parentKey: region.key, setById: demoId(`user:${region.director.email}`) });
      heads.set(team.key, demoId(`user:${team.manager.email}`));
    }
  }
  const elapsed = today >= `${YEAR + 1}-01-01` ? 12 : Number(today.slice(5, 7)) - 1 + (Number(today.slice(8, 10)) - 1) / 31;
  const rows = planTargets({
    year: YEAR,
    units,
    sellers: sellers.map((seller, index) => ({
      userId: demoId(`user:${seller.email}`),
      unitKey: seller.unitKey,
      setById: heads.get(seller.unitKey)!,
      factors: {
        [TargetMetric.BOOKED_SALES]: seller.achievement,
        [TargetMetric.COLLECTIONS]: seller.collectionAchievement,
        // Those behind on sales are asked for one more new customer in three.
        [TargetMetric.NEW_CUSTOMERS]: seller.achievement < 0.95 ? 0.75 : 1,
        [TargetMetric.VISITS]: 0.9 + (index % 4) * 0.08,
      },
    })),
    facts: facts.map((row) => ({ userId: row.user_id, metric: row.metric, month: row.month, line: row.line, value: Number(row.value) })),
    elapsedMonths: Math.max(1, elapsed),
    season: SEASON,
    lines: lines.map((line) => [line.code, line.id]),
    reserve: { unitKey: DEMO_UNALLOCATED_REGION, share: DEMO_UNALLOCATED_SHARE },
    reason: `${YEAR} 年度目标分解`,
    setOn: new Date(`${YEAR - 1}-12-20T02:00:00Z`),
  });
  const data: RequiredEntityData<SalesTarget>[] = rows.map((row) => ({
    id: row.id,
    version: 1,
    metric: row.metric,
    periodKind: row.periodKind,
    periodStart: row.periodStart,
    orgUnit: row.orgUnitId,
    user: row.userId,
    productLine: row.productLineId,
    customerTier: null,
    customerNovelty: null,
    parent: row.parentId,
    value: row.value,
    setBy: row.setById,
    reason: row.reason,
    createdAt: row.setOn,
    updatedAt: row.setOn,
  }));
  // Parents come before their children, so each statement's foreign keys find their rows.
  for (let start = 0; start < data.length; start += 1000) await em.insertMany(SalesTarget, data.slice(start, start + 1000));
  return data.length;
}

/**
 * Adds the demo company's 2026 (seeds/demo-performance.data.ts) to a database holding the demo order-to-cash data
 * but no targets yet: customers, orders, shipments, invoices, payments, visits and surveys through the services as
 * the demo people, back-dated to their days; then the targets for every level, month, metric and product line.
 */
export async function seedDemoPerformanceIfEmpty(orm: MikroORM, config: AppConfig): Promise<boolean> {
  const em = orm.em.fork();
  const demoOrdersPresent = (await em.count(Contract, { id: demoId('contract:lingang-2025') })) > 0;
  if (!demoOrdersPresent || (await em.count(SalesTarget)) > 0) return false;
  // The demo year ends at its fixed cutoff (the services refuse later dates, so never after the real today either).
  const [{ today }] = await em.execute<{ today: string }[]>(`select least(current_date, ?::date)::text as today`, [DEMO_PERFORMANCE_CUTOFF]);
  await em.transactional(async (tx) => {
    await seedActuals(tx, config, today);
    await seedTargets(tx, today);
  });
  return true;
}
