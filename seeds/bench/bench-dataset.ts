import pg from 'pg';
import { SalesChannel } from '../../schema/catalog/catalog.enums';
import { COMPLAINT_SLA_HOURS, ComplaintSeverity, ComplaintStatus, CustomerTier, DecisionRole, LifecycleStage } from '../../schema/customers/customers.enums';
import { customerNameKey } from '../../schema/customers/customers.service';
import { Role, UserStatus } from '../../schema/org/org.enums';
import { DEFAULT_PROBABILITY, OPEN_STAGES, OpportunityStage, QuoteStatus } from '../../schema/pipeline/pipeline.enums';
import { DEMO_COMPANY, type DemoRegion } from '../demo-company.data';
import { demoId } from '../demo-ids';
import {
  BUSINESSES,
  CITIES,
  COMPLAINT_TITLES,
  CONTACT_TITLES,
  CUSTOMER_TAGS,
  DISTRICTS,
  GIVEN_NAMES,
  LEGAL_FORMS,
  LOST_REASONS,
  PROJECT_KINDS,
  ROADS,
  SURNAMES,
  TRADE_NAMES,
  VISIT_PURPOSES,
} from './bench-names';
import { ORDER_TO_CASH_TABLES, OrderToCashWriter, type OrderToCashCustomer, type OrderToCashSummary, type WonDeal } from './bench-order-to-cash';
import { centsOf, DAY_MS, formatCents, formatHalfPercent, isoDate, sequenceBase, timestamp, type PricedLines } from './bench-values';
import { writeBenchTargets } from './bench-targets';
import { BulkLoader, withIndexesDeferred, type BulkTable, type BulkValue } from './bulk-insert';
import { LoadProgress } from './load-progress';
import { Random } from './random';

/** What the generator makes. The defaults are the dataset the performance figures in tests/bench/README.md refer to. */
export interface BenchDatasetOptions {
  seed: number;
  customers: number;
  opportunities: number;
  /** Lines over all quotes, superseded ones included. */
  quoteLines: number;
  /** Contracts: one per won deal, the rest carried over from the year before the deals. */
  contracts: number;
  /** Sales orders (about three lines each) from the first day of today's year, with their shipments, invoices and payments. */
  orders: number;
  /** Sales reps per region after the generator added its own to the demo teams. */
  repsPerRegion: Readonly<Record<string, number>>;
  /** "Today" of the dataset: every date lies before it, expected close dates of open deals after it. */
  today: string;
  /**
   * The factor `benchDataset` multiplied the counts by (1: the dataset of the figures). Above 1, a customer name
   * taken after a few draws gets a second trade name, since a region has only 80,640 names of one.
   */
  scale: number;
}

export const BENCH_DATASET: BenchDatasetOptions = {
  seed: 20_261_123,
  customers: 20_000,
  opportunities: 100_000,
  quoteLines: 300_000,
  contracts: 30_000,
  orders: 200_000,
  repsPerRegion: { east: 40, south: 30, north: 30 },
  today: '2026-11-20',
  scale: 1,
};

/**
 * The bench dataset `scale` times over: customers (with their contacts, visits and complaints), opportunities (with
 * their stage changes and quotes) and quote lines × `scale`; contracts and orders (with their shipments, invoices and
 * payments) × `orderToCashScale`. The org stays as it is (the same 100 reps own `scale` times as many customers), so
 * a director's page reads from `scale` times as many deals. Scale 1 is `BENCH_DATASET`, row for row.
 */
export function benchDataset(scale: number, orderToCashScale = scale): BenchDatasetOptions {
  for (const [name, value] of [['scale', scale], ['order-to-cash scale', orderToCashScale]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`The ${name} must be a whole number from 1 up, not ${value}.`);
  }
  if (orderToCashScale > scale) throw new Error(`The order-to-cash scale (${orderToCashScale}) cannot exceed the scale (${scale}).`);
  const base = BENCH_DATASET;
  return {
    ...base,
    customers: base.customers * scale,
    opportunities: base.opportunities * scale,
    quoteLines: base.quoteLines * scale,
    contracts: base.contracts * orderToCashScale,
    orders: base.orders * orderToCashScale,
    scale,
  };
}

/**
 * Rows the generator sends at scale 1 (the bench database of 2026-12-05), for the progress estimate of a larger load:
 * customers, contacts, visits, complaints, opportunities, stage changes, quotes and quote lines grow with the scale;
 * contracts and what follows them with the order-to-cash scale; the reps and the targets stay.
 */
const ROWS_AT_SCALE_1 = { scaled: 891_614, orderToCash: 2_910_652, fixed: 19_280 };

/** About how many rows `seedBenchDataset` inserts for `options` (LoadProgress's total). */
export function expectedBenchRows(options: BenchDatasetOptions): number {
  const orderToCashScale = options.orders / BENCH_DATASET.orders;
  return Math.round(ROWS_AT_SCALE_1.scaled * options.scale + ROWS_AT_SCALE_1.orderToCash * orderToCashScale + ROWS_AT_SCALE_1.fixed);
}

export interface BenchDatasetSummary extends OrderToCashSummary {
  users: number;
  customers: number;
  contacts: number;
  visits: number;
  complaints: number;
  /** Sales targets of the year (seeds/bench/bench-targets.ts). */
  targets: number;
  opportunities: number;
  stageChanges: number;
  quotes: number;
  quoteLines: number;
  /** Seconds spent generating and inserting (one transaction), and in VACUUM ANALYZE afterwards. */
  insertSeconds: number;
  analyzeSeconds: number;
}

/** The first user the generator adds: its presence marks a database that already holds the bench data. */
const BENCH_MARKER_USER_ID = benchUserId(1);

function benchUserId(n: number): string {
  return demoId(`bench-user:${n}`);
}

const OPPORTUNITIES_FROM = '2026-01-02';
/** A rep may grant this much discount alone (DEMO_APPROVAL_LIMITS); quotes beyond it went through approval. */
const REP_DISCOUNT_LIMIT = 5;
const BATCH_SIZE = 10_000;

const NEXT_STEPS = ['安排技术交流', '提交方案', '跟进报价', '约见采购', '准备样机测试'];

const TIER_WEIGHTS: Record<CustomerTier, number> = { A: 10, B: 30, C: 60 };
/** How many opportunities a customer of a tier attracts, relative to the others. */
const DEALS_PER_TIER: Record<CustomerTier, number> = { A: 4, B: 2, C: 1 };
const LIFECYCLE_WEIGHTS: Record<LifecycleStage, number> = { PROSPECT: 15, DEVELOPING: 25, STABLE: 45, DECLINING: 10, CHURNED: 5 };
const SEVERITY_WEIGHTS: Record<ComplaintSeverity, number> = { LOW: 40, MEDIUM: 35, HIGH: 20, CRITICAL: 5 };
const COMPLAINT_STATUS_WEIGHTS: Record<ComplaintStatus, number> = { OPEN: 10, IN_PROGRESS: 15, RESOLVED: 25, CLOSED: 50 };
const STAGE_WEIGHTS: Record<OpportunityStage, number> = {
  LEAD: 12,
  CONTACT: 13,
  NEEDS_ANALYSIS: 15,
  PROPOSAL: 15,
  NEGOTIATION: 10,
  WON: 20,
  LOST: 15,
};

interface Region {
  key: string;
  id: string;
  directorId: string;
  teams: { id: string; managerId: string }[];
  reps: { id: string; managerId: string }[];
}

interface Product {
  id: string;
  sku: string;
  unitCostCents: number;
  /** Per price list id: the list price and the quantity breaks, ascending. */
  prices: Map<string, { listPriceCents: number; breaks: { minQuantity: number; unitPriceCents: number }[] }>;
}

interface CustomerPlan extends OrderToCashCustomer {
  region: Region;
  createdAt: number;
  contactIds: string[];
}

interface DealRows {
  opportunities: number;
  stageChanges: number;
  quotes: number;
  quoteLines: number;
  /** Won deals with their accepted quote, in the order they were written. */
  wonDeals: WonDeal[];
}

interface QuotePlan {
  lines: number;
}

interface OpportunityPlan {
  customer: CustomerPlan;
  stage: OpportunityStage;
  /** Stages passed through, in order, the current one last. */
  path: OpportunityStage[];
  quotes: QuotePlan[];
}

/**
 * The tables the generator fills: loaded with their secondary indexes and foreign keys deferred. domain_event too:
 * the outbox triggers write an event for every opportunity, quote, contract, order, shipment, invoice and payment.
 */
const LOADED_TABLES = [
  'customer',
  'contact',
  'visit',
  'complaint',
  'opportunity',
  'opportunity_stage_change',
  'quote',
  'quote_line',
  ...ORDER_TO_CASH_TABLES,
  'domain_event',
  'sales_target',
];

/** True when `seedBenchDataset` already ran on this database. */
export async function hasBenchDataset(client: pg.ClientBase): Promise<boolean> {
  const result = await client.query('select 1 from app_user where id = $1', [BENCH_MARKER_USER_ID]);
  return (result.rowCount ?? 0) > 0;
}

/**
 * Adds the benchmark dataset to a database holding the demo company: reps added to the demo teams, then customers
 * with contacts, visits and complaints, opportunities with their stage history, quotes with lines priced from the
 * demo price lists, and their order to cash (contracts, orders, shipments, invoices and payments; see
 * bench-order-to-cash.ts). Deterministic: a fresh demo database gets the same rows, ids included, on every run. Runs
 * in one transaction on `client`, then VACUUM ANALYZE so the planner knows the new tables.
 */
export async function seedBenchDataset(
  client: pg.ClientBase,
  options: BenchDatasetOptions = BENCH_DATASET,
  progress: (message: string) => void = () => undefined,
): Promise<BenchDatasetSummary> {
  if (await hasBenchDataset(client)) throw new Error('The bench dataset is already in this database.');
  const started = performance.now();
  const load = new LoadProgress(expectedBenchRows(options), (message) => progress(`loading: ${message}`));
  await client.query('begin');
  let summary: Omit<BenchDatasetSummary, 'insertSeconds' | 'analyzeSeconds'>;
  try {
    summary = await withIndexesDeferred(client, LOADED_TABLES, () => new BenchDatasetWriter(client, options, progress, load).write(), progress);
    progress('indexes and foreign keys rebuilt; committing');
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
  const insertSeconds = (performance.now() - started) / 1000;
  progress(`committed after ${insertSeconds.toFixed(1)} s; vacuum analyze`);
  const analyzeStarted = performance.now();
  await client.query(`vacuum (analyze) app_user, ${LOADED_TABLES.join(', ')}`);
  return { ...summary, insertSeconds, analyzeSeconds: (performance.now() - analyzeStarted) / 1000 };
}

class BenchDatasetWriter {
  private readonly today: number;
  private readonly regions: Region[] = [];
  private products: Product[] = [];
  private readonly skus = new Map<string, string>();
  private readonly directPriceListId = demoId('price-list:direct-2026');
  private readonly distributorPriceListId = demoId('price-list:distributor-2026');
  private readonly distributorId = demoId(`distributor:${DEMO_COMPANY.distributor.code}`);
  private readonly keyAccountManagerId = demoId(`user:${DEMO_COMPANY.keyAccountManager.email}`);
  private readonly customerServiceId = demoId(`user:${DEMO_COMPANY.customerService.email}`);
  private readonly techSupportId = demoId(`user:${DEMO_COMPANY.techSupport.email}`);
  private readonly limits = new Map<Role, { contractCents: number; discountHalfPercent: number }>();

  private readonly loader: BulkLoader;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly options: BenchDatasetOptions,
    private readonly progress: (message: string) => void,
    private readonly load: LoadProgress,
  ) {
    this.today = Date.parse(`${options.today}T00:00:00Z`);
    this.loader = new BulkLoader(client, BATCH_SIZE, (rows) => load.add(rows));
  }

  private random(stream: string): Random {
    return new Random(this.options.seed, stream);
  }

  private table(name: string, columns: [string, string, string?][], parents: BulkTable[] = []): BulkTable {
    const specs = columns.map(([column, type, expression]) => ({ name: column, type, expression }));
    return this.loader.table(name, specs, parents);
  }

  async write(): Promise<Omit<BenchDatasetSummary, 'insertSeconds' | 'analyzeSeconds'>> {
    await this.loadDemoCompany();
    const users = await this.addReps();
    this.progress(`${users} reps added; generating customers`);
    const { customers, contacts } = await this.addCustomers();
    this.progress(`${customers.length} customers, ${contacts} contacts; generating opportunities and quotes`);
    const { wonDeals, ...deals } = await this.addOpportunities(customers);
    this.progress(`${deals.opportunities} opportunities, ${deals.quotes} quotes, ${deals.quoteLines} quote lines`);
    const visits = await this.addVisits(customers);
    const complaints = await this.addComplaints(customers);
    this.progress(`${visits} visits, ${complaints} complaints; generating contracts`);
    const orderToCash = await new OrderToCashWriter({
      client: this.client,
      today: this.today,
      contracts: this.options.contracts,
      orders: this.options.orders,
      customers,
      wonDeals,
      random: (stream) => this.random(stream),
      table: (name, columns, parents) => this.table(name, columns, parents),
      priceLines: (count, priceListId, targetCents, random, maxDiscount) => this.priceLines(count, priceListId, targetCents, random, maxDiscount),
      priceListOf: (customer) => (customer.channel === SalesChannel.DISTRIBUTOR ? this.distributorPriceListId : this.directPriceListId),
      skuOf: (productId) => this.skus.get(productId) as string,
      limits: this.limits,
      people: {
        vp: demoId(`user:${DEMO_COMPANY.vp.email}`),
        finance: demoId(`user:${DEMO_COMPANY.finance.email}`),
        customerService: this.customerServiceId,
        partner: demoId(`user:${DEMO_COMPANY.distributor.partner.email}`),
      },
      distributorId: this.distributorId,
      progress: this.progress,
    }).write();
    this.progress('order to cash written; deriving the year\'s targets');
    const targets = await writeBenchTargets(this.client, { today: this.options.today, seed: this.options.seed }, (name, columns) => this.table(name, columns));
    this.progress(`${targets} targets; loaded ${this.load.describe()}; rebuilding indexes and foreign keys`);
    return { users, customers: customers.length, contacts, visits, complaints, targets, ...deals, ...orderToCash };
  }

  /** The demo org and catalogue the bench data hangs off, by their stable demo ids. */
  private async loadDemoCompany(): Promise<void> {
    const unitIds = DEMO_COMPANY.regions.flatMap((region) => [region.key, ...region.teams.map((team) => team.key)]).map((key) => demoId(`unit:${key}`));
    const units = await this.client.query<{ id: string }>('select id from org_unit where id = any($1::uuid[])', [unitIds]);
    if (units.rowCount !== unitIds.length) {
      throw new Error('The demo company is not in this database (its regions and teams are missing); seed it first.');
    }
    for (const region of DEMO_COMPANY.regions) this.regions.push(demoRegion(region));

    const products = await this.client.query<{ id: string; sku: string; unit_cost: string; price_list_id: string; list_price: string; quantity_breaks: { minQuantity: number; unitPrice: string }[] }>(
      `select p.id, p.sku, p.unit_cost, e.price_list_id, e.list_price, e.quantity_breaks
         from product p join price_list_entry e on e.product_id = p.id
        where e.price_list_id = any($1::uuid[]) and p.status = 'ACTIVE'
        order by p.sku, e.price_list_id`,
      [[this.directPriceListId, this.distributorPriceListId]],
    );
    const byId = new Map<string, Product>();
    for (const row of products.rows) {
      let product = byId.get(row.id);
      if (product === undefined) {
        product = { id: row.id, sku: row.sku, unitCostCents: centsOf(row.unit_cost), prices: new Map() };
        byId.set(row.id, product);
      }
      product.prices.set(row.price_list_id, {
        listPriceCents: centsOf(row.list_price),
        breaks: [...row.quantity_breaks]
          .sort((a, b) => a.minQuantity - b.minQuantity)
          .map((entry) => ({ minQuantity: entry.minQuantity, unitPriceCents: centsOf(entry.unitPrice) })),
      });
    }
    this.products = [...byId.values()].filter((product) => product.prices.size === 2);
    if (this.products.length < 20) throw new Error('The demo catalogue (products in the 2026 direct and distributor price lists) is missing.');
    for (const product of this.products) this.skus.set(product.id, product.sku);

    const limits = await this.client.query<{ role: Role; max_discount_percent: string; max_contract_amount: string }>(
      'select role, max_discount_percent, max_contract_amount from approval_limit order by role',
    );
    for (const row of limits.rows) {
      this.limits.set(row.role, { contractCents: centsOf(row.max_contract_amount), discountHalfPercent: Math.floor(centsOf(row.max_discount_percent) / 50) });
    }
  }

  /** Reps added to the demo teams, round robin, until each region has `repsPerRegion` of them. */
  private async addReps(): Promise<number> {
    const random = this.random('user');
    const [director] = (
      await this.client.query<{ password_hash: string | null }>('select password_hash from app_user where id = $1', [
        demoId(`user:${DEMO_COMPANY.regions[0].director.email}`),
      ])
    ).rows;
    const users = this.table('app_user', [
      ['id', 'uuid'],
      ['name', 'text'],
      ['english_name', 'text'],
      ['email', 'text'],
      ['phone', 'text'],
      ['unit_id', 'uuid'],
      ['role', 'user_role'],
      ['manager_id', 'uuid'],
      ['hire_date', 'date'],
      ['status', 'user_status'],
      ['password_hash', 'text'],
      timestamp('created_at'),
      timestamp('updated_at'),
    ]);
    let n = 0;
    for (const region of this.regions) {
      const wanted = this.options.repsPerRegion[region.key] ?? region.reps.length;
      for (let i = 0; region.reps.length < wanted; i += 1) {
        n += 1;
        const team = region.teams[i % region.teams.length];
        const [surname, surnameEn] = random.pick(SURNAMES);
        const [given, givenEn] = random.pick(GIVEN_NAMES);
        const id = benchUserId(n);
        const email = `${givenEn}.${surnameEn}.b${String(n).padStart(3, '0')}@huaxin.demo`.toLowerCase();
        const hired = Date.parse('2015-01-01T00:00:00Z') + random.int(0, 4000) * DAY_MS;
        await users.add([
          id,
          `${surname}${given}`,
          `${givenEn} ${surnameEn}`,
          email,
          phoneNumber(random),
          team.id,
          Role.SALES_REP,
          team.managerId,
          isoDate(Math.min(hired, this.today - 30 * DAY_MS)),
          UserStatus.ACTIVE,
          director?.password_hash ?? null,
          Date.parse('2026-01-01T00:00:00Z'),
          Date.parse('2026-01-01T00:00:00Z'),
        ]);
        region.reps.push({ id, managerId: team.managerId });
      }
    }
    return users.finish();
  }

  private async addCustomers(): Promise<{ customers: CustomerPlan[]; contacts: number }> {
    const random = this.random('customer');
    const ids = this.random('customer:id');
    const contactRandom = this.random('contact');
    const customerCode = await sequenceBase(this.client, 'customer_code_seq');
    const existing = await this.client.query<{ key: string }>(`select region_id || ':' || name_key as key from customer`);
    const taken = new Set(existing.rows.map((row) => row.key));

    const customers = this.table('customer', [
      ['id', 'uuid'],
      ['code', 'text'],
      ['name', 'text'],
      ['name_key', 'text'],
      ['tax_id', 'text'],
      ['industry', 'text'],
      ['region_id', 'uuid'],
      ['address', 'text'],
      ['tier', 'customer_tier'],
      ['lifecycle_stage', 'lifecycle_stage'],
      ['channel', 'sales_channel'],
      ['distributor_id', 'uuid'],
      ['owner_id', 'uuid'],
      ['key_account_manager_id', 'uuid'],
      ['credit_limit', 'numeric'],
      ['current_exposure', 'numeric'],
      ['payment_delay_days', 'int4'],
      ['tags', 'text', `string_to_array(r."tags", '|')`],
      timestamp('created_at'),
      timestamp('updated_at'),
    ]);
    const contacts = this.table(
      'contact',
      [
        ['id', 'uuid'],
        ['customer_id', 'uuid'],
        ['name', 'text'],
        ['title', 'text'],
        ['phone', 'text'],
        ['email', 'text'],
        ['decision_role', 'decision_role'],
        ['is_primary', 'bool'],
        timestamp('created_at'),
        timestamp('updated_at'),
      ],
      [customers],
    );

    const repWeights = Object.fromEntries(this.regions.map((region) => [region.key, region.reps.length]));
    const regionByKey = new Map(this.regions.map((region) => [region.key, region]));
    const plans: CustomerPlan[] = [];
    const createdFrom = Date.parse('2023-01-01T00:00:00Z');
    for (let i = 0; i < this.options.customers; i += 1) {
      const region = regionByKey.get(random.weighted(repWeights)) as Region;
      const [city, areaCode] = random.pick(CITIES[region.key]);
      let tradeName: string;
      let business: readonly [string, string];
      let name: string;
      let nameKey: string;
      let draws = 0;
      do {
        tradeName = random.pick(TRADE_NAMES);
        // Only above scale 1, where names run short: scale 1's names fill a tenth of a region's and stay as they were.
        if (this.options.scale > 1 && (draws += 1) > 4) tradeName += random.pick(TRADE_NAMES);
        business = random.pick(BUSINESSES);
        name = `${city}${tradeName}${business[0]}${random.pick(LEGAL_FORMS)}`;
        nameKey = customerNameKey(name);
      } while (taken.has(`${region.id}:${nameKey}`));
      taken.add(`${region.id}:${nameKey}`);

      const owner = random.pick(region.reps);
      const tier = random.weighted(TIER_WEIGHTS) as CustomerTier;
      const viaDistributor = region.key === DEMO_COMPANY.distributor.regionKey && random.chance(0.15);
      const creditLimit = tier === CustomerTier.A ? random.int(50, 500) * 10_000 : tier === CustomerTier.B ? random.int(10, 100) * 10_000 : random.int(0, 20) * 10_000;
      const createdAt = createdFrom + random.int(0, Math.floor((this.today - createdFrom) / DAY_MS) - 20) * DAY_MS + random.int(8 * 3600, 18 * 3600) * 1000;
      const tags = CUSTOMER_TAGS.filter(() => random.chance(0.08));
      const plan: CustomerPlan = {
        id: ids.uuid(),
        region,
        ownerId: owner.id,
        ownerManagerId: owner.managerId,
        shortName: `${tradeName}${business[0]}`,
        tier,
        channel: viaDistributor ? SalesChannel.DISTRIBUTOR : SalesChannel.DIRECT,
        createdAt,
        contactIds: [],
        address: '',
        creditLimitCents: creditLimit * 100,
        paymentDelayDays: 0,
      };
      plans.push(plan);
      const row: BulkValue[] = [
        plan.id,
        `C${String(customerCode + i + 1).padStart(6, '0')}`,
        name,
        nameKey,
        `91${areaCode}${String(i + 1).padStart(7, '0')}${random.int(10_000, 99_999)}`,
        business[1],
        region.id,
        `${city}市${random.pick(DISTRICTS)}${random.pick(ROADS)}${random.int(1, 999)}号`,
        tier,
        random.weighted(LIFECYCLE_WEIGHTS),
        plan.channel,
        viaDistributor ? this.distributorId : null,
        owner.id,
        tier === CustomerTier.A && random.chance(0.25) ? this.keyAccountManagerId : null,
        String(creditLimit),
        String(Math.floor(creditLimit * random.next() * 0.8)),
        random.chance(0.7) ? 0 : random.int(1, 45),
        tags.join('|'),
        createdAt,
        createdAt,
      ];
      plan.address = row[7] as string;
      plan.paymentDelayDays = row[16] as number;
      await customers.add(row);

      const contactCount = tier === CustomerTier.C ? 1 : random.int(2, 3);
      for (let c = 0; c < contactCount; c += 1) {
        const [surname, surnameEn] = contactRandom.pick(SURNAMES);
        const [given] = contactRandom.pick(GIVEN_NAMES);
        const id = contactRandom.uuid();
        plan.contactIds.push(id);
        await contacts.add([
          id,
          plan.id,
          `${surname}${given}`,
          contactRandom.pick(CONTACT_TITLES),
          phoneNumber(contactRandom),
          contactRandom.chance(0.6) ? `${surnameEn.toLowerCase()}${contactRandom.int(1, 999)}@example.com` : null,
          c === 0 ? DecisionRole.DECISION_MAKER : contactRandom.pick(Object.values(DecisionRole)),
          c === 0,
          createdAt,
          createdAt,
        ]);
      }
    }
    await customers.finish();
    const contactCount = await contacts.finish();
    await this.client.query(`select setval('customer_code_seq', $1)`, [customerCode + this.options.customers]);
    return { customers: plans, contacts: contactCount };
  }

  /**
   * Plans every opportunity first (customer, stage path, quotes), so the quote lines can be spread over the quotes
   * to add up to exactly `quoteLines`; then writes opportunities, stage changes, quotes and lines.
   */
  private async addOpportunities(customers: CustomerPlan[]): Promise<DealRows> {
    const random = this.random('opportunity');
    const cumulative: number[] = [];
    let total = 0;
    for (const customer of customers) {
      total += DEALS_PER_TIER[customer.tier];
      cumulative.push(total);
    }
    const plans: OpportunityPlan[] = [];
    const quotes: QuotePlan[] = [];
    for (let i = 0; i < this.options.opportunities; i += 1) {
      const customer = customers[lowerBound(cumulative, random.next() * total)];
      const stage = random.weighted(STAGE_WEIGHTS) as OpportunityStage;
      const path = stagePath(stage, random);
      const plan: OpportunityPlan = { customer, stage, path, quotes: [] };
      for (let q = quotesPlanned(stage, path, random); q > 0; q -= 1) {
        const quote = { lines: 1 + Math.floor(random.next() * 9) };
        plan.quotes.push(quote);
        quotes.push(quote);
      }
      plans.push(plan);
    }
    spreadLines(quotes, this.options.quoteLines, this.random('quote:lines'));
    return this.writeOpportunities(plans);
  }

  private async writeOpportunities(plans: OpportunityPlan[]): Promise<DealRows> {
    const random = this.random('opportunity:rows');
    const ids = this.random('opportunity:id');
    const quoteRandom = this.random('quote');
    const quoteNumber = await sequenceBase(this.client, 'quote_number_seq');

    const opportunities = this.table('opportunity', [
      ['id', 'uuid'],
      ['name', 'text'],
      ['customer_id', 'uuid'],
      ['owner_id', 'uuid'],
      ['stage', 'opportunity_stage'],
      ['amount', 'numeric'],
      ['expected_close_date', 'date'],
      ['probability', 'int2'],
      ['lost_reason', 'text'],
      ['next_step', 'text'],
      timestamp('closed_at'),
      timestamp('created_at'),
      timestamp('updated_at'),
    ]);
    const stageChanges = this.table(
      'opportunity_stage_change',
      [
        ['id', 'uuid'],
        ['opportunity_id', 'uuid'],
        ['from_stage', 'opportunity_stage'],
        ['to_stage', 'opportunity_stage'],
        ['changed_by_id', 'uuid'],
        timestamp('changed_at'),
        ['reason', 'text'],
      ],
      [opportunities],
    );
    const quotes = this.table(
      'quote',
      [
        ['id', 'uuid'],
        ['number', 'text'],
        ['opportunity_id', 'uuid'],
        ['status', 'quote_status'],
        ['price_list_id', 'uuid'],
        ['valid_until', 'date'],
        ['list_total', 'numeric'],
        ['total', 'numeric'],
        ['max_discount_percent', 'numeric'],
        ['created_by_id', 'uuid'],
        timestamp('submitted_at'),
        timestamp('accepted_at'),
        timestamp('created_at'),
        timestamp('updated_at'),
      ],
      [opportunities],
    );
    const lines = this.table(
      'quote_line',
      [
        ['id', 'uuid'],
        ['quote_id', 'uuid'],
        ['position', 'int2'],
        ['product_id', 'uuid'],
        ['quantity', 'int4'],
        ['list_price', 'numeric'],
        ['discount_percent', 'numeric'],
        ['unit_price', 'numeric'],
        ['line_total', 'numeric'],
        ['unit_cost', 'numeric'],
      ],
      [quotes],
    );

    const openFrom = Date.parse(`${OPPORTUNITIES_FROM}T00:00:00Z`);
    let quoteCount = 0;
    const wonDeals: WonDeal[] = [];
    for (const plan of plans) {
      const { customer, stage, path } = plan;
      const id = ids.uuid();
      const earliest = Math.max(openFrom, customer.createdAt + DAY_MS);
      const createdAt = earliest + Math.floor(random.next() * (this.today - 2 * DAY_MS - earliest));
      // Each stage change comes a random part of the remaining time after the previous one.
      const changedAt = [createdAt];
      for (let s = 1; s < path.length; s += 1) {
        const previous = changedAt[s - 1];
        changedAt.push(previous + Math.floor((this.today - DAY_MS - previous) * (0.05 + random.next() * 0.35)));
      }
      const lastChange = changedAt[changedAt.length - 1];
      const closed = stage === OpportunityStage.WON || stage === OpportunityStage.LOST;
      const lostReason = stage === OpportunityStage.LOST ? random.pick(LOST_REASONS) : null;

      // Every deal has a size; a quoted deal's amount is its current quote's total, with quantities sized so
      // the quote comes near it. So quoted and unquoted deals mix at every amount, the largest ones included.
      // Quotes: an earlier one (superseded) soon after the deal entered PROPOSAL, the current one after the last
      // open stage began.
      const priceListId = customer.channel === SalesChannel.DISTRIBUTOR ? this.distributorPriceListId : this.directPriceListId;
      const proposalAt = changedAt[path.indexOf(OpportunityStage.PROPOSAL)];
      const lastOpenAt = changedAt[path.length - (closed ? 2 : 1)];
      const quotesEnd = closed ? lastChange : this.today;
      const dealSize = dealSizeCents(customer.tier, random);
      let previousQuoteAt = proposalAt;
      const quoteRows = plan.quotes.map((quotePlan, q) => {
        const current = q === plan.quotes.length - 1;
        const start = current && q > 0 ? Math.max(lastOpenAt, previousQuoteAt + 3_600_000) : proposalAt;
        const createdAt = start + Math.floor((quotesEnd - start) * (current ? 0.1 + quoteRandom.next() * 0.4 : quoteRandom.next() * 0.1));
        previousQuoteAt = createdAt;
        const priced = this.priceLines(quotePlan.lines, priceListId, dealSize, quoteRandom);
        const status = current ? quoteStatus(stage, priced.maxDiscount, quoteRandom) : QuoteStatus.SUPERSEDED;
        const submittedAt = status === QuoteStatus.DRAFT ? null : createdAt + Math.floor((quotesEnd - createdAt) * (0.05 + quoteRandom.next() * 0.25));
        const acceptedAt = status === QuoteStatus.ACCEPTED ? lastChange : null;
        return { id: quoteRandom.uuid(), createdAt, priced, status, submittedAt, acceptedAt };
      });
      const currentQuote = quoteRows.at(-1);
      const amount = currentQuote === undefined ? dealSize : currentQuote.priced.totalCents;
      if (stage === OpportunityStage.WON && currentQuote !== undefined) {
        wonDeals.push({ opportunityId: id, quoteId: currentQuote.id, customer, closedAt: lastChange, quote: currentQuote.priced });
      }

      await opportunities.add([
        id,
        `${customer.shortName} ${random.pick(PROJECT_KINDS)}项目`,
        customer.id,
        customer.ownerId,
        stage,
        formatCents(amount),
        closed ? isoDate(lastChange) : isoDate(this.today + random.int(7, 180) * DAY_MS),
        DEFAULT_PROBABILITY[stage],
        lostReason,
        closed ? null : random.pick(NEXT_STEPS),
        closed ? lastChange : null,
        createdAt,
        lastChange,
      ]);
      for (let s = 0; s < path.length; s += 1) {
        await stageChanges.add([
          random.uuid(),
          id,
          s === 0 ? null : path[s - 1],
          path[s],
          customer.ownerId,
          changedAt[s],
          path[s] === OpportunityStage.LOST ? lostReason : null,
        ]);
      }
      for (const quote of quoteRows) {
        quoteCount += 1;
        await quotes.add([
          quote.id,
          `Q${String(quoteNumber + quoteCount).padStart(6, '0')}`,
          id,
          quote.status,
          priceListId,
          isoDate(quote.createdAt + 30 * DAY_MS),
          formatCents(quote.priced.listTotalCents),
          formatCents(quote.priced.totalCents),
          formatHalfPercent(quote.priced.maxDiscount),
          customer.ownerId,
          quote.submittedAt,
          quote.acceptedAt,
          quote.createdAt,
          quote.acceptedAt ?? quote.submittedAt ?? quote.createdAt,
        ]);
        for (const [index, line] of quote.priced.lines.entries()) {
          await lines.add([
            quoteRandom.uuid(),
            quote.id,
            index + 1,
            line.productId,
            line.quantity,
            formatCents(line.listPriceCents),
            formatHalfPercent(line.discount),
            formatCents(line.unitPriceCents),
            formatCents(line.unitPriceCents * line.quantity),
            formatCents(line.unitCostCents),
          ]);
        }
      }
    }
    const result = {
      opportunities: await opportunities.finish(),
      stageChanges: await stageChanges.finish(),
      quotes: await quotes.finish(),
      quoteLines: await lines.finish(),
    };
    await this.client.query(`select setval('quote_number_seq', $1)`, [quoteNumber + quoteCount]);
    return { ...result, wonDeals };
  }

  /**
   * Lines of distinct products priced like the quote service does: the list price of the quantity (breaks
   * applied), a discount of 0–10 % (at most `maxDiscount` half percent steps), the unit price rounded to cents, the
   * unit cost copied from the product. Quantities split `targetCents` over the lines in random shares, so the total
   * lands near it.
   */
  private priceLines(count: number, priceListId: string, targetCents: number, random: Random, maxDiscount = 20): PricedLines {
    const shares = Array.from({ length: count }, () => 0.5 + random.next());
    const shareTotal = shares.reduce((sum, share) => sum + share, 0);
    const lines = random.distinctIndexes(this.products.length, count).map((index, position) => {
      const product = this.products[index];
      const price = product.prices.get(priceListId);
      if (price === undefined) throw new Error(`product ${product.id} is not in price list ${priceListId}`);
      const listPriceFor = (quantity: number) => {
        let listPriceCents = price.listPriceCents;
        for (const step of price.breaks) if (quantity >= step.minQuantity) listPriceCents = step.unitPriceCents;
        return listPriceCents;
      };
      const discount = random.chance(0.4) || maxDiscount === 0 ? 0 : random.int(1, maxDiscount);
      // Rounded half up to the cent: round(a / b) = floor((2a + b) / 2b) for positive integers.
      const unitPriceFor = (listPriceCents: number) => Math.floor((2 * listPriceCents * (200 - discount) + 200) / 400);
      const shareCents = (targetCents * shares[position]) / shareTotal;
      // Twice: the quantity picks the break price, which changes the quantity the share buys.
      let quantity = Math.max(1, Math.round(shareCents / unitPriceFor(price.listPriceCents)));
      quantity = Math.max(1, Math.round(shareCents / unitPriceFor(listPriceFor(quantity))));
      const listPriceCents = listPriceFor(quantity);
      return { productId: product.id, quantity, listPriceCents, discount, unitPriceCents: unitPriceFor(listPriceCents), unitCostCents: product.unitCostCents };
    });
    return {
      lines,
      listTotalCents: lines.reduce((sum, line) => sum + line.listPriceCents * line.quantity, 0),
      totalCents: lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0),
      /** In half percent steps, like each line's discount. */
      maxDiscount: Math.max(...lines.map((line) => line.discount)),
    };
  }

  /** Visits by the owner (a fifth of them joint visits with the team manager), in the last year. */
  private async addVisits(customers: CustomerPlan[]): Promise<number> {
    const random = this.random('visit');
    const visits = this.table('visit', [
      ['id', 'uuid'],
      ['customer_id', 'uuid'],
      ['contact_id', 'uuid'],
      ['visited_by_id', 'uuid'],
      ['accompanied_by_id', 'uuid'],
      ['visited_on', 'date'],
      ['purpose', 'text'],
      ['outcome', 'text'],
      timestamp('created_at'),
      timestamp('updated_at'),
    ]);
    const count = Math.round(customers.length / 2);
    for (let i = 0; i < count; i += 1) {
      const customer = random.pick(customers);
      const visitedOn = this.today - random.int(1, 365) * DAY_MS;
      await visits.add([
        random.uuid(),
        customer.id,
        random.pick(customer.contactIds),
        customer.ownerId,
        random.chance(0.2) ? customer.ownerManagerId : null,
        isoDate(visitedOn),
        random.pick(VISIT_PURPOSES),
        random.chance(0.7) ? '客户认可，约定下次沟通' : null,
        visitedOn + 18 * 3_600_000,
        visitedOn + 18 * 3_600_000,
      ]);
    }
    return visits.finish();
  }

  /** A few complaints, reported by customer service, most of them resolved within their SLA. */
  private async addComplaints(customers: CustomerPlan[]): Promise<number> {
    const random = this.random('complaint');
    const complaints = this.table('complaint', [
      ['id', 'uuid'],
      ['customer_id', 'uuid'],
      ['contact_id', 'uuid'],
      ['title', 'text'],
      ['description', 'text'],
      ['severity', 'complaint_severity'],
      ['status', 'complaint_status'],
      ['reported_by_id', 'uuid'],
      ['handler_id', 'uuid'],
      timestamp('opened_at'),
      timestamp('sla_due_at'),
      ['resolution', 'text'],
      timestamp('resolved_at'),
      timestamp('created_at'),
      timestamp('updated_at'),
    ]);
    const count = Math.round(customers.length / 20);
    for (let i = 0; i < count; i += 1) {
      const customer = random.pick(customers);
      const severity = random.weighted(SEVERITY_WEIGHTS) as ComplaintSeverity;
      const status = random.weighted(COMPLAINT_STATUS_WEIGHTS) as ComplaintStatus;
      const openedAt = this.today - random.int(1, 300) * DAY_MS + random.int(8, 18) * 3_600_000;
      const slaHours = COMPLAINT_SLA_HOURS[severity];
      const resolved = status === ComplaintStatus.RESOLVED || status === ComplaintStatus.CLOSED;
      const resolvedAt = resolved ? openedAt + Math.floor(slaHours * 3_600_000 * random.next() * 1.2) : null;
      const title = random.pick(COMPLAINT_TITLES);
      await complaints.add([
        random.uuid(),
        customer.id,
        customer.contactIds[0],
        title,
        `客户反映：${title}，请尽快处理。`,
        severity,
        status,
        this.customerServiceId,
        status === ComplaintStatus.OPEN ? null : this.techSupportId,
        openedAt,
        openedAt + slaHours * 3_600_000,
        resolved ? '已与客户确认处理完毕' : null,
        resolvedAt,
        openedAt,
        resolvedAt ?? openedAt,
      ]);
    }
    return complaints.finish();
  }
}

function demoRegion(region: DemoRegion): Region {
  const teams = region.teams.map((team) => ({ id: demoId(`unit:${team.key}`), managerId: demoId(`user:${team.manager.email}`) }));
  return {
    key: region.key,
    id: demoId(`unit:${region.key}`),
    directorId: demoId(`user:${region.director.email}`),
    teams,
    reps: region.teams.flatMap((team, index) => team.reps.map((rep) => ({ id: demoId(`user:${rep.email}`), managerId: teams[index].managerId }))),
  };
}

/** The stages an opportunity went through to reach `stage`; a lost deal was lost from one of the open stages. */
function stagePath(stage: OpportunityStage, random: Random): OpportunityStage[] {
  if (stage === OpportunityStage.WON) return [...OPEN_STAGES, OpportunityStage.WON];
  if (stage === OpportunityStage.LOST) return [...OPEN_STAGES.slice(0, random.int(1, OPEN_STAGES.length)), OpportunityStage.LOST];
  return OPEN_STAGES.slice(0, OPEN_STAGES.indexOf(stage) + 1);
}

/**
 * How many quotes a deal has: none before PROPOSAL; the current one for most proposals, every deal in negotiation or
 * won, and most deals lost after a proposal; an earlier, superseded version for some.
 */
function quotesPlanned(stage: OpportunityStage, path: readonly OpportunityStage[], random: Random): number {
  if (!path.includes(OpportunityStage.PROPOSAL)) return 0;
  switch (stage) {
    case OpportunityStage.PROPOSAL:
      return random.chance(0.85) ? 1 : 0;
    case OpportunityStage.LOST:
      if (!random.chance(0.8)) return 0;
      return random.chance(0.15) ? 2 : 1;
    case OpportunityStage.NEGOTIATION:
      return random.chance(0.3) ? 2 : 1;
    default:
      return random.chance(0.25) ? 2 : 1;
  }
}

/** The current quote's status for a deal in `stage`: discounts beyond a rep's authority were sent for approval. */
function quoteStatus(stage: OpportunityStage, maxDiscountHalfPercent: number, random: Random): QuoteStatus {
  const needsApproval = maxDiscountHalfPercent > 2 * REP_DISCOUNT_LIMIT;
  switch (stage) {
    case OpportunityStage.WON:
      return QuoteStatus.ACCEPTED;
    case OpportunityStage.NEGOTIATION:
      return needsApproval && random.chance(0.3) ? QuoteStatus.PENDING_APPROVAL : QuoteStatus.APPROVED;
    case OpportunityStage.LOST:
      return random.chance(0.7) ? QuoteStatus.APPROVED : QuoteStatus.DRAFT;
    default:
      if (random.chance(0.45)) return QuoteStatus.DRAFT;
      return needsApproval && random.chance(0.4) ? QuoteStatus.PENDING_APPROVAL : QuoteStatus.APPROVED;
  }
}

/** The size of a deal, by customer tier: log-uniform, rounded to hundreds. */
function dealSizeCents(tier: CustomerTier, random: Random): number {
  const [low, high] = tier === CustomerTier.A ? [200_000, 5_000_000] : tier === CustomerTier.B ? [50_000, 1_000_000] : [10_000, 300_000];
  const value = Math.exp(Math.log(low) + random.next() * (Math.log(high) - Math.log(low)));
  return Math.round(value / 100) * 10_000;
}

/** Nudges the planned line counts (1–12 per quote) until they add up to exactly `total`. */
function spreadLines(quotes: QuotePlan[], total: number, random: Random): void {
  if (quotes.length === 0 || total < quotes.length || total > quotes.length * 12) {
    throw new Error(`${total} quote lines do not fit ${quotes.length} quotes of 1 to 12 lines`);
  }
  let sum = quotes.reduce((acc, quote) => acc + quote.lines, 0);
  while (sum !== total) {
    const quote = random.pick(quotes);
    if (sum < total && quote.lines < 12) {
      quote.lines += 1;
      sum += 1;
    } else if (sum > total && quote.lines > 1) {
      quote.lines -= 1;
      sum -= 1;
    }
  }
}

/** The first index whose cumulative weight exceeds `value`. */
function lowerBound(cumulative: readonly number[], value: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cumulative[middle] > value) high = middle;
    else low = middle + 1;
  }
  return low;
}

function phoneNumber(random: Random): string {
  return `+86 1${random.pick(['35', '38', '39', '50', '52', '58', '76', '80', '86', '89'])} ${random.int(1000, 9999)} ${random.int(1000, 9999)}`;
}

/** Row counts and md5 checksums of the generated tables: equal on two fresh databases when the generator is deterministic. */
export async function benchChecksums(client: pg.ClientBase): Promise<Record<string, { rows: number; md5: string }>> {
  const queries: Record<string, string> = {
    customer: `select count(*) as rows, md5(string_agg(id::text || code || name || tier || owner_id::text, ',' order by id)) as md5 from customer`,
    opportunity: `select count(*) as rows, md5(string_agg(id::text || amount::text, ',' order by id)) as md5 from opportunity`,
    quote: `select count(*) as rows, md5(string_agg(id::text || number || status || total::text, ',' order by id)) as md5 from quote`,
    quote_line: `select count(*) as rows, md5(string_agg(id::text || product_id::text || quantity || line_total::text, ',' order by id)) as md5 from quote_line`,
    opportunity_stage_change: `select count(*) as rows, md5(string_agg(id::text || to_stage || changed_at::text, ',' order by id)) as md5 from opportunity_stage_change`,
    contract: `select count(*) as rows, md5(string_agg(id::text || number || status || amount::text || end_date::text, ',' order by id)) as md5 from contract`,
    contract_approval_step: `select count(*) as rows, md5(string_agg(id::text || approver_id::text || status, ',' order by id)) as md5 from contract_approval_step`,
    sales_order: `select count(*) as rows, md5(string_agg(id::text || number || status || total::text || created_at::text, ',' order by id)) as md5 from sales_order`,
    order_line: `select count(*) as rows, md5(string_agg(id::text || product_id::text || quantity || shipped_quantity || invoiced_quantity, ',' order by id)) as md5 from order_line`,
    shipment_line: `select count(*) as rows, md5(string_agg(id::text || batch_number || quantity, ',' order by id)) as md5 from shipment_line`,
    invoice: `select count(*) as rows, md5(string_agg(id::text || number || issue_date::text || amount::text || paid_amount::text, ',' order by id)) as md5 from invoice`,
    payment_allocation: `select count(*) as rows, md5(string_agg(id::text || invoice_id::text || amount::text || allocated_at::text, ',' order by id)) as md5 from payment_allocation`,
  };
  const result: Record<string, { rows: number; md5: string }> = {};
  for (const [table, sql] of Object.entries(queries)) {
    const [row] = (await client.query<{ rows: string; md5: string }>(sql)).rows;
    result[table] = { rows: Number(row.rows), md5: row.md5 };
  }
  return result;
}
