import type pg from 'pg';
import type { NumberSequence } from '../../api/database/sequences';
import { SalesChannel } from '../../schema/catalog/catalog.enums';
import { CustomerTier } from '../../schema/customers/customers.enums';
import { ApprovalStepStatus, ContractStatus, InvoiceStatus, OrderStatus, PaymentMethod, PaymentStatus, ShipmentStatus } from '../../schema/orders/orders.enums';
import { Role } from '../../schema/org/org.enums';
import { GIVEN_NAMES, PROJECT_KINDS, SURNAMES } from './bench-names';
import type { BulkTable, BulkValue } from './bulk-insert';
import { DAY_MS, HOUR_MS, dayStart, formatCents, formatHalfPercent, isoDate, sequenceBase, timestamp, type PricedLine, type PricedLines } from './bench-values';
import type { Random } from './random';

/** A bench customer, as far as its contracts, orders and payments need it. */
export interface OrderToCashCustomer {
  id: string;
  region: { id: string; directorId: string };
  ownerId: string;
  /** The owner's team manager: the first approver of the owner's contracts. */
  ownerManagerId: string;
  shortName: string;
  tier: CustomerTier;
  channel: SalesChannel;
  address: string;
  creditLimitCents: number;
  /** How late the customer pays on average (the customer row's payment_delay_days): its invoices are paid that late. */
  paymentDelayDays: number;
}

/** A won deal with its accepted quote: its contract copies the quote's lines. */
export interface WonDeal {
  opportunityId: string;
  quoteId: string;
  customer: OrderToCashCustomer;
  closedAt: number;
  quote: PricedLines;
}

/** What the order-to-cash generator takes from the rest of the bench dataset. */
export interface OrderToCashWorld {
  client: pg.ClientBase;
  /** Midnight (UTC) of the dataset's today: every timestamp lies before it. */
  today: number;
  contracts: number;
  orders: number;
  customers: readonly OrderToCashCustomer[];
  wonDeals: readonly WonDeal[];
  random(stream: string): Random;
  table(name: string, columns: [string, string, string?][], parents?: BulkTable[]): BulkTable;
  /** Lines of `count` distinct products of the price list sized to come near `targetCents`, discounts up to `maxDiscount` half percent. */
  priceLines(count: number, priceListId: string, targetCents: number, random: Random, maxDiscount: number): PricedLines;
  priceListOf(customer: OrderToCashCustomer): string;
  skuOf(productId: string): string;
  /** Approval limits (master data) per role, in cents and half percent steps. */
  limits: ReadonlyMap<Role, { contractCents: number; discountHalfPercent: number }>;
  people: { vp: string; finance: string; customerService: string; partner: string };
  distributorId: string;
  progress(message: string): void;
}

export interface OrderToCashSummary {
  contracts: number;
  contractLines: number;
  approvalSteps: number;
  orders: number;
  orderLines: number;
  shipments: number;
  shipmentLines: number;
  invoices: number;
  invoiceLines: number;
  payments: number;
  paymentAllocations: number;
}

/** The tables the order-to-cash generator fills. */
export const ORDER_TO_CASH_TABLES = [
  'contract',
  'contract_line',
  'contract_approval_step',
  'sales_order',
  'order_line',
  'shipment',
  'shipment_line',
  'invoice',
  'invoice_line',
  'payment',
  'payment_allocation',
];

/**
 * Orders are placed from the first day of today's year (the target year of seeds/bench/bench-targets.ts), so every
 * month of it has achievement, and invoice ages spread over 0 to about 320 days.
 */
const orderWindowStart = (today: number): number => Date.UTC(new Date(today).getUTCFullYear(), 0, 1);
/** Contracts carried over from before the deals of the dataset were created in these twelve months. */
const CARRIED_OVER_FROM = Date.UTC(2024, 11, 1);
/** A Monday: production batches are numbered by the Monday of their week. */
const FIRST_MONDAY = Date.UTC(2026, 0, 5);
const DEFAULT_PAYMENT_TERMS_DAYS = 30;

/** Share of orders placed against a contract (the rest are direct orders at price-list prices). */
const CONTRACT_ORDER_SHARE = 0.35;
const LINE_COUNT_WEIGHTS = { 1: 15, 2: 22, 3: 22, 4: 17, 5: 13, 6: 11 };
const SHIPMENT_COUNT_WEIGHTS = { 1: 78, 2: 17, 3: 5 };
/** Days from confirmation to the first shipment: stock items go the same or the next day. */
const SHIPPING_LAG_WEIGHTS = { 0: 25, 1: 30, 2: 15, 3: 10, 5: 8, 8: 7, 12: 5 };
const TERM_MONTH_WEIGHTS = { 6: 15, 12: 60, 24: 25 };
const PAYMENT_TERMS = [30, 30, 30, 45, 60, 90];
const PAYMENT_METHOD_WEIGHTS: Record<PaymentMethod, number> = { BANK_TRANSFER: 75, BANK_ACCEPTANCE: 18, CHEQUE: 5, CASH: 2 };
const CARRIERS = ['顺丰速运', '德邦物流', '京东物流', '中通快运', '安能物流'];
const APPROVAL_COMMENTS = ['同意', '同意，按合同节点回款', '价格已确认，同意签署', '注意交期风险，同意'];
const REJECTION_COMMENTS = ['付款条件需重新谈判', '折扣过高，请重新报价', '交期承诺风险大，请调整后再提交'];
const TERMINATION_REASONS = ['客户项目取消', '双方协商提前终止', '客户经营困难，暂停采购'];
const CANCEL_REASONS = ['客户取消采购计划', '客户要求合并到下一订单', '型号选错，重新下单'];
const CREDIT_REFUSALS = ['客户逾期未清，暂不放行', '超出授信额度过多，请先回款'];
const CREDIT_RELEASES = ['客户已承诺本周回款，同意放行', '战略客户，临时放行'];

interface StepPlan {
  id: string;
  position: number;
  approverId: string;
  role: Role;
  limitCents: number;
  status: ApprovalStepStatus;
  decidedAt: number | null;
  comment: string | null;
  createdAt: number;
  updatedAt: number;
  version: number;
}

interface ContractLinePlan extends PricedLine {
  id: string;
  position: number;
  /** Units the generated orders drew on so far: never more than `quantity`. */
  ordered: number;
}

interface ContractPlan {
  id: string;
  customer: OrderToCashCustomer;
  opportunityId: string | null;
  quoteId: string | null;
  title: string;
  createdAt: number;
  amountCents: number;
  lines: ContractLinePlan[];
  paymentTermsDays: number;
  status: ContractStatus;
  approvalRound: number;
  submittedAt: number | null;
  approvedAt: number | null;
  signedAt: number | null;
  terminatedAt: number | null;
  terminationReason: string | null;
  startDay: number;
  endDay: number;
  updatedAt: number;
  version: number;
  steps: StepPlan[];
  /** When orders may be placed against it (signed, in force, inside the order window), or null. */
  orderFrom: number | null;
  orderTo: number;
}

interface OrderLinePlan extends PricedLine {
  contractLine: ContractLinePlan | null;
}

interface OrderPlan {
  seq: number;
  customer: OrderToCashCustomer;
  customerIndex: number;
  contract: ContractPlan | null;
  partner: boolean;
  priceListId: string | null;
  createdAt: number;
  lines: OrderLinePlan[];
}

/** A shipment or invoice planned for an order: its row and its lines' rows, and what it covers of each order line. */
interface PlannedRows {
  createdAt: number;
  quantities: readonly number[];
  row: BulkValue[];
  lines: BulkValue[][];
}

/** Money received for one invoice on one day: payments are made of these. */
interface AllocationPlan {
  day: number;
  customerIndex: number;
  invoiceId: string | null;
  invoiceSeq: number;
  amountCents: number;
}

/** When a customer's payment of `day` was recorded and allocated: a working hour fixed by customer and day. */
function paymentTime(day: number, customerIndex: number): number {
  const mix = (Math.imul(customerIndex + 1, 0x9e3779b1) ^ Math.floor(day / DAY_MS)) >>> 0;
  return day + 9 * HOUR_MS + (mix % (9 * 3600)) * 1000;
}

/** The first day from `day` on that falls on day `dayOfMonth` of its month (a customer's monthly payment run). */
function nextRunDay(day: number, dayOfMonth: number): number {
  const date = new Date(day);
  let run = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), dayOfMonth);
  if (run < day) run = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, dayOfMonth);
  return run;
}

function addMonths(day: number, months: number): number {
  const date = new Date(day);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate());
}

function logUniformCents(low: number, high: number, random: Random): number {
  const value = Math.exp(Math.log(low) + random.next() * (Math.log(high) - Math.log(low)));
  return Math.round(value) * 100;
}

/** A direct order's size by customer tier (yuan, log-uniform). */
function orderSizeCents(tier: CustomerTier, random: Random): number {
  const [low, high] = tier === CustomerTier.A ? [10_000, 200_000] : tier === CustomerTier.B ? [5_000, 150_000] : [2_000, 100_000];
  return logUniformCents(low, high, random);
}

/** A carried-over framework contract's size by customer tier. */
function carriedOverSizeCents(tier: CustomerTier, random: Random): number {
  const [low, high] = tier === CustomerTier.A ? [300_000, 5_000_000] : tier === CustomerTier.B ? [100_000, 1_500_000] : [30_000, 400_000];
  return logUniformCents(low, high, random);
}

const lineTotalCents = (line: PricedLine, quantity = line.quantity) => line.unitPriceCents * quantity;

function personName(random: Random): string {
  return `${random.pick(SURNAMES)[0]}${random.pick(GIVEN_NAMES)[0]}`;
}

/**
 * Contracts, orders, shipments, invoices and payments for the bench customers, as the services would have left
 * them after months of use:
 * - a contract for every won deal (for the first `contracts` of them when there are more, i.e. order to cash seeded
 *   at a smaller scale than the deals), its lines copied from the accepted quote, plus framework contracts carried over
 *   from the year before (no deal in the dataset) up to `contracts`; each walks a timeline (submitted, the approval
 *   chain by amount step by step, signed, in force by its dates, a few terminated) cut off at today, so every
 *   status occurs with the steps and dates it implies;
 * - `orders` orders from the first day of today's year, a third against signed contracts (their lines and prices, never more
 *   than the contract's quantities), the rest direct at price-list prices within a rep's discount and signing
 *   limit, some placed by the distributor's partner user; a few held for credit or cancelled;
 * - shipments of the rest (one to three, partial quantities, weekly production batches per product), deliveries,
 *   invoices per order or per shipment, and payments by each customer's habit (late payers late, some in monthly
 *   payment runs covering several invoices, some in parts, a few invoices disputed and never paid).
 * Customer exposure and payment delay are left as the customer generator set them.
 */
export class OrderToCashWriter {
  private readonly today: number;
  private readonly ordersFrom: number;
  private readonly cumulativeWeights: number[] = [];
  private readonly totalWeight: number;
  private readonly customerIndex = new Map<string, number>();
  /** A customer's monthly payment day, or null when it pays invoice by invoice. */
  private readonly paymentRunDay: (number | null)[] = [];
  private readonly allocations: AllocationPlan[] = [];

  constructor(private readonly world: OrderToCashWorld) {
    this.today = world.today;
    this.ordersFrom = orderWindowStart(world.today);
    let total = 0;
    const runs = world.random('payment:run');
    world.customers.forEach((customer, index) => {
      total += customer.tier === CustomerTier.A ? 4 : customer.tier === CustomerTier.B ? 2 : 1;
      this.cumulativeWeights.push(total);
      this.customerIndex.set(customer.id, index);
      this.paymentRunDay.push(runs.chance(0.35) ? runs.int(5, 28) : null);
    });
    this.totalWeight = total;
  }

  private limit(role: Role): { contractCents: number; discountHalfPercent: number } {
    const limit = this.world.limits.get(role);
    if (limit === undefined) throw new Error(`No approval limit for ${role} in the demo master data.`);
    return limit;
  }

  /** A customer weighted by tier as for deals (A 4 : B 2 : C 1). */
  private pickCustomer(random: Random): number {
    const value = random.next() * this.totalWeight;
    let low = 0;
    let high = this.cumulativeWeights.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulativeWeights[middle] > value) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  async write(): Promise<OrderToCashSummary> {
    const contracts = this.planContracts();
    const contractRows = await this.writeContracts(contracts);
    this.world.progress(`${contractRows.contracts} contracts, ${contractRows.contractLines} lines, ${contractRows.approvalSteps} approval steps; generating orders`);
    const orders = this.planOrders(contracts);
    const orderRows = await this.writeOrders(orders);
    this.world.progress(`${orderRows.orders} orders, ${orderRows.orderLines} lines, ${orderRows.shipments} shipments, ${orderRows.invoices} invoices; payments`);
    const paymentRows = await this.writePayments();
    return { ...contractRows, ...orderRows, ...paymentRows };
  }

  // ── contracts ───────────────────────────────────────────────────────────────────────────────────────────

  private planContracts(): ContractPlan[] {
    const random = this.random('contract');
    const ids = this.random('contract:id');
    const plans: ContractPlan[] = [];
    for (const deal of this.world.wonDeals) {
      // Order to cash kept below the deals' scale: contracts for the first won deals only (never at scale 1).
      if (plans.length >= this.world.contracts) break;
      const createdAt = Math.min(deal.closedAt + random.int(2, 120) * HOUR_MS, this.today - HOUR_MS);
      const kind = random.pick(PROJECT_KINDS);
      plans.push(this.contractPlan(deal.customer, deal.opportunityId, deal.quoteId, `${deal.customer.shortName}${kind}合同`, createdAt, deal.quote.lines, random, ids));
    }
    const carried = this.random('contract:carried-over');
    while (plans.length < this.world.contracts) {
      const customer = this.world.customers[this.pickCustomer(carried)];
      const createdAt = CARRIED_OVER_FROM + carried.int(0, 364) * DAY_MS + carried.int(9 * 3600, 18 * 3600) * 1000;
      const priced = this.world.priceLines(carried.int(1, 8), this.world.priceListOf(customer), carriedOverSizeCents(customer.tier, carried), carried, 20);
      plans.push(this.contractPlan(customer, null, null, `${customer.shortName}年度框架采购合同`, createdAt, priced.lines, carried, ids));
    }
    // Numbers follow creation, as the sequence hands them out.
    return plans.map((plan, index) => ({ plan, index })).sort((a, b) => a.plan.createdAt - b.plan.createdAt || a.index - b.index).map(({ plan }) => plan);
  }

  /** The heads up a rep's chain, nearest first, up to the first whose contract limit covers `amountCents`. */
  private approvers(customer: OrderToCashCustomer, amountCents: number): { approverId: string; role: Role; limitCents: number }[] {
    const chain = [
      { approverId: customer.ownerManagerId, role: Role.TEAM_MANAGER },
      { approverId: customer.region.directorId, role: Role.REGIONAL_DIRECTOR },
      { approverId: this.world.people.vp, role: Role.SALES_VP },
    ];
    const steps: { approverId: string; role: Role; limitCents: number }[] = [];
    for (const head of chain) {
      const limitCents = this.limit(head.role).contractCents;
      steps.push({ ...head, limitCents });
      if (amountCents <= limitCents) return steps;
    }
    throw new Error(`No approver covers a contract of ${formatCents(amountCents)}`);
  }

  /**
   * A contract's timeline from `createdAt`: submitted, each approval step decided in turn (a few rejected, which
   * sends the contract back to DRAFT), signed; whatever falls after today has not happened yet. Signed contracts
   * are SIGNED, ACTIVE or EXPIRED by their dates, as the contract lifecycle moves them; a few were terminated.
   */
  private contractPlan(
    customer: OrderToCashCustomer,
    opportunityId: string | null,
    quoteId: string | null,
    title: string,
    createdAt: number,
    priced: readonly PricedLine[],
    random: Random,
    ids: Random,
  ): ContractPlan {
    const id = ids.uuid();
    const lines = priced.map((line, index) => ({ ...line, id: ids.uuid(), position: index + 1, ordered: 0 }));
    const amountCents = lines.reduce((sum, line) => sum + lineTotalCents(line), 0);
    const chain = amountCents > this.limit(Role.SALES_REP).contractCents ? this.approvers(customer, amountCents) : [];
    const changes = [createdAt];
    const plan: ContractPlan = {
      id,
      customer,
      opportunityId,
      quoteId,
      title,
      createdAt,
      amountCents,
      lines,
      paymentTermsDays: random.pick(PAYMENT_TERMS),
      status: ContractStatus.DRAFT,
      approvalRound: 0,
      submittedAt: null,
      approvedAt: null,
      signedAt: null,
      terminatedAt: null,
      terminationReason: null,
      startDay: 0,
      endDay: 0,
      updatedAt: createdAt,
      version: 1,
      steps: [],
      orderFrom: null,
      orderTo: 0,
    };
    const submittedAt = createdAt + random.int(1, random.chance(0.1) ? 30 * 24 : 72) * HOUR_MS;
    const rejectedAt = chain.length > 0 && random.chance(0.05) ? random.int(0, chain.length - 1) : -1;
    if (submittedAt < this.today) {
      plan.submittedAt = submittedAt;
      changes.push(submittedAt);
      let cursor = submittedAt;
      let outcome: 'approved' | 'pending' | 'rejected' = 'approved';
      if (chain.length > 0) {
        plan.approvalRound = 1;
        plan.steps = chain.map((head, index) => ({
          id: ids.uuid(),
          position: index + 1,
          ...head,
          status: ApprovalStepStatus.WAITING,
          decidedAt: null,
          comment: null,
          createdAt: submittedAt,
          updatedAt: submittedAt,
          version: 1,
        }));
        for (const [index, step] of plan.steps.entries()) {
          if (index > 0) {
            // Its turn came when the step before was approved.
            step.version += 1;
            step.updatedAt = cursor;
          }
          const decidedAt = cursor + random.int(2, 96) * HOUR_MS;
          if (decidedAt >= this.today) {
            step.status = ApprovalStepStatus.PENDING;
            outcome = 'pending';
            break;
          }
          step.decidedAt = decidedAt;
          step.updatedAt = decidedAt;
          step.version += 1;
          changes.push(decidedAt);
          if (index === rejectedAt) {
            step.status = ApprovalStepStatus.REJECTED;
            step.comment = random.pick(REJECTION_COMMENTS);
            for (const later of plan.steps.slice(index + 1)) {
              later.status = ApprovalStepStatus.CANCELLED;
              later.updatedAt = decidedAt;
              later.version += 1;
            }
            outcome = 'rejected';
            break;
          }
          step.status = ApprovalStepStatus.APPROVED;
          step.comment = random.chance(0.5) ? random.pick(APPROVAL_COMMENTS) : null;
          cursor = decidedAt;
        }
      }
      if (outcome === 'pending') plan.status = ContractStatus.PENDING_APPROVAL;
      else if (outcome === 'approved') {
        plan.status = ContractStatus.APPROVED;
        plan.approvedAt = cursor;
        const signedAt = cursor + random.int(2, 15 * 24) * HOUR_MS;
        if (signedAt < this.today) {
          plan.signedAt = signedAt;
          plan.status = ContractStatus.SIGNED;
          changes.push(signedAt);
        }
      }
    }

    plan.startDay = dayStart(plan.signedAt ?? createdAt + 10 * DAY_MS) + random.int(0, 20) * DAY_MS;
    plan.endDay = addMonths(plan.startDay, Number(random.weighted(TERM_MONTH_WEIGHTS))) - DAY_MS;
    const terminates = random.chance(0.04);
    if (plan.signedAt !== null) {
      // The contract lifecycle: ACTIVE from the start date, EXPIRED after the end date, moved at midnight (the
      // dataset is the state at the start of today, right after that run).
      if (plan.startDay <= this.today) {
        plan.status = ContractStatus.ACTIVE;
        // The hourly run after signing, at the earliest.
        changes.push(Math.max(plan.startDay, Math.ceil(plan.signedAt / HOUR_MS) * HOUR_MS));
      }
      if (plan.endDay < this.today) {
        plan.status = ContractStatus.EXPIRED;
        changes.push(plan.endDay + DAY_MS);
      }
      const inForceFrom = Math.max(plan.startDay, plan.signedAt + HOUR_MS);
      const inForceTo = Math.min(plan.endDay + DAY_MS, this.today) - HOUR_MS;
      if (terminates && plan.status !== ContractStatus.SIGNED && inForceTo - inForceFrom > 2 * DAY_MS) {
        plan.terminatedAt = inForceFrom + Math.floor(random.next() * (inForceTo - inForceFrom));
        plan.terminationReason = random.pick(TERMINATION_REASONS);
        plan.status = ContractStatus.TERMINATED;
        changes.splice(0, changes.length, ...changes.filter((at) => at < plan.terminatedAt!), plan.terminatedAt);
      }
      const orderFrom = Math.max(plan.signedAt + HOUR_MS, this.ordersFrom);
      plan.orderTo = Math.min(plan.endDay + DAY_MS, plan.terminatedAt ?? this.today, this.today) - HOUR_MS;
      if (plan.orderTo - orderFrom >= DAY_MS) plan.orderFrom = orderFrom;
    }
    plan.version = changes.length;
    plan.updatedAt = Math.max(...changes);
    return plan;
  }

  private async writeContracts(plans: readonly ContractPlan[]): Promise<Pick<OrderToCashSummary, 'contracts' | 'contractLines' | 'approvalSteps'>> {
    const base = await sequenceBase(this.world.client, 'contract_number_seq');
    const contracts = this.world.table('contract', [
      ['id', 'uuid'],
      ['number', 'text'],
      ['title', 'text'],
      ['customer_id', 'uuid'],
      ['owner_id', 'uuid'],
      ['opportunity_id', 'uuid'],
      ['quote_id', 'uuid'],
      ['status', 'contract_status'],
      ['amount', 'numeric'],
      ['start_date', 'date'],
      ['end_date', 'date'],
      ['payment_terms_days', 'int2'],
      ['approval_round', 'int2'],
      timestamp('submitted_at'),
      timestamp('approved_at'),
      timestamp('signed_at'),
      ['signed_by_id', 'uuid'],
      timestamp('terminated_at'),
      ['termination_reason', 'text'],
      ['created_by_id', 'uuid'],
      ['version', 'int4'],
      timestamp('created_at'),
      timestamp('updated_at'),
    ]);
    const lines = this.world.table(
      'contract_line',
      [
        ['id', 'uuid'],
        ['contract_id', 'uuid'],
        ['position', 'int2'],
        ['product_id', 'uuid'],
        ['quantity', 'int4'],
        ['list_price', 'numeric'],
        ['discount_percent', 'numeric'],
        ['unit_price', 'numeric'],
        ['line_total', 'numeric'],
        ['unit_cost', 'numeric'],
      ],
      [contracts],
    );
    const steps = this.world.table(
      'contract_approval_step',
      [
        ['id', 'uuid'],
        ['contract_id', 'uuid'],
        ['round', 'int2'],
        ['position', 'int2'],
        ['approver_id', 'uuid'],
        ['approver_role', 'user_role'],
        ['approver_limit', 'numeric'],
        ['status', 'approval_step_status'],
        timestamp('decided_at'),
        ['comment', 'text'],
        ['version', 'int4'],
        timestamp('created_at'),
        timestamp('updated_at'),
      ],
      [contracts],
    );
    for (const [index, plan] of plans.entries()) {
      const { customer } = plan;
      await contracts.add([
        plan.id,
        `CT${String(base + index + 1).padStart(6, '0')}`,
        plan.title,
        customer.id,
        customer.ownerId,
        plan.opportunityId,
        plan.quoteId,
        plan.status,
        formatCents(plan.amountCents),
        isoDate(plan.startDay),
        isoDate(plan.endDay),
        plan.paymentTermsDays,
        plan.approvalRound,
        plan.submittedAt,
        plan.approvedAt,
        plan.signedAt,
        plan.signedAt === null ? null : customer.ownerId,
        plan.terminatedAt,
        plan.terminationReason,
        customer.ownerId,
        plan.version,
        plan.createdAt,
        plan.updatedAt,
      ]);
      for (const line of plan.lines) {
        await lines.add([
          line.id,
          plan.id,
          line.position,
          line.productId,
          line.quantity,
          formatCents(line.listPriceCents),
          formatHalfPercent(line.discount),
          formatCents(line.unitPriceCents),
          formatCents(lineTotalCents(line)),
          formatCents(line.unitCostCents),
        ]);
      }
      for (const step of plan.steps) {
        await steps.add([
          step.id,
          plan.id,
          plan.approvalRound,
          step.position,
          step.approverId,
          step.role,
          formatCents(step.limitCents),
          step.status,
          step.decidedAt,
          step.comment,
          step.version,
          step.createdAt,
          step.updatedAt,
        ]);
      }
    }
    const result = { contracts: await contracts.finish(), contractLines: await lines.finish(), approvalSteps: await steps.finish() };
    await this.setSequence('contract_number_seq', base + result.contracts);
    return result;
  }

  // ── orders, shipments, invoices ─────────────────────────────────────────────────────────────────────────

  private planOrders(contracts: readonly ContractPlan[]): OrderPlan[] {
    const random = this.random('order');
    const orderable = contracts.filter((contract) => contract.orderFrom !== null);
    const plans: OrderPlan[] = [];
    for (let seq = 0; seq < this.world.orders; seq += 1) {
      const againstContract = random.chance(CONTRACT_ORDER_SHARE) && orderable.length > 0;
      const plan = (againstContract ? this.contractOrder(seq, random.pick(orderable), random) : null) ?? this.directOrder(seq, random);
      plans.push(plan);
    }
    // Numbers follow the time of placing, as the sequence hands them out.
    return plans.sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
  }

  /** A call-off against a signed contract: some of its lines, a part of what is left of each; null when nothing is left. */
  private contractOrder(seq: number, contract: ContractPlan, random: Random): OrderPlan | null {
    const count = random.int(1, Math.min(6, contract.lines.length));
    const picked = random.distinctIndexes(contract.lines.length, count).sort((a, b) => a - b);
    const lines: OrderLinePlan[] = [];
    for (const index of picked) {
      const line = contract.lines[index];
      const left = line.quantity - line.ordered;
      if (left <= 0) continue;
      const quantity = left <= 3 ? left : Math.max(1, Math.floor(left * (0.15 + random.next() * 0.35)));
      line.ordered += quantity;
      lines.push({ ...line, quantity, contractLine: line });
    }
    if (lines.length === 0) return null;
    const createdAt = (contract.orderFrom as number) + Math.floor(random.next() * (contract.orderTo - (contract.orderFrom as number)));
    const customerIndex = this.customerIndex.get(contract.customer.id) as number;
    return { seq, customer: contract.customer, customerIndex, contract, partner: false, priceListId: null, createdAt, lines };
  }

  /**
   * A direct order at the customer's price list within a rep's authority (discount, signing limit); a distributor's
   * customers order through the partner portal four times in ten, without discount or amount limit.
   */
  private directOrder(seq: number, random: Random): OrderPlan {
    const customerIndex = this.pickCustomer(random);
    const customer = this.world.customers[customerIndex];
    const partner = customer.channel === SalesChannel.DISTRIBUTOR && random.chance(0.4);
    const priceListId = this.world.priceListOf(customer);
    const rep = this.limit(Role.SALES_REP);
    const count = Number(random.weighted(LINE_COUNT_WEIGHTS));
    const target = orderSizeCents(customer.tier, random);
    const maxDiscount = partner ? 0 : rep.discountHalfPercent;
    let priced = this.world.priceLines(count, priceListId, target, random, maxDiscount);
    for (let attempt = 1; !partner && priced.totalCents > rep.contractCents; attempt += 1) {
      if (attempt > 10) throw new Error('A direct order does not fit the rep signing limit');
      priced = this.world.priceLines(Math.max(1, count - attempt), priceListId, Math.floor(target / 2 ** attempt), random, maxDiscount);
    }
    const createdAt = this.ordersFrom + Math.floor(random.next() * (this.today - HOUR_MS - this.ordersFrom));
    return { seq, customer, customerIndex, contract: null, partner, priceListId, createdAt, lines: priced.lines.map((line) => ({ ...line, contractLine: null })) };
  }

  private async writeOrders(plans: readonly OrderPlan[]): Promise<Pick<OrderToCashSummary, 'orders' | 'orderLines' | 'shipments' | 'shipmentLines' | 'invoices' | 'invoiceLines'>> {
    const orderBase = await sequenceBase(this.world.client, 'order_number_seq');
    const shipmentBase = await sequenceBase(this.world.client, 'shipment_number_seq');
    const invoiceBase = await sequenceBase(this.world.client, 'invoice_number_seq');
    const tables = this.orderTables();
    const streams = {
      order: this.random('order:rows'),
      orderIds: this.random('order:id'),
      shipment: this.random('shipment'),
      shipmentIds: this.random('shipment:id'),
      invoice: this.random('invoice'),
      invoiceIds: this.random('invoice:id'),
    };
    const counters = { shipments: shipmentBase, invoices: invoiceBase };
    for (const [index, plan] of plans.entries()) {
      await this.writeOrder(plan, `SO${String(orderBase + index + 1).padStart(6, '0')}`, tables, streams, counters);
    }
    const result = {
      orders: await tables.orders.finish(),
      orderLines: await tables.lines.finish(),
      shipments: await tables.shipments.finish(),
      shipmentLines: await tables.shipmentLines.finish(),
      invoices: await tables.invoices.finish(),
      invoiceLines: await tables.invoiceLines.finish(),
    };
    await this.setSequence('order_number_seq', orderBase + result.orders);
    await this.setSequence('shipment_number_seq', counters.shipments);
    await this.setSequence('invoice_number_seq', counters.invoices);
    return result;
  }

  private orderTables() {
    const orders = this.world.table('sales_order', [
      ['id', 'uuid'],
      ['number', 'text'],
      ['customer_id', 'uuid'],
      ['owner_id', 'uuid'],
      ['contract_id', 'uuid'],
      ['distributor_id', 'uuid'],
      ['price_list_id', 'uuid'],
      ['placed_by_id', 'uuid'],
      ['status', 'order_status'],
      ['total', 'numeric'],
      ['requested_delivery_date', 'date'],
      ['delivery_address', 'text'],
      ['delivery_region_id', 'uuid'],
      ['credit_hold_reason', 'text'],
      ['credit_decided_by_id', 'uuid'],
      timestamp('credit_decided_at'),
      ['credit_comment', 'text'],
      timestamp('cancelled_at'),
      ['cancel_reason', 'text'],
      ['version', 'int4'],
      timestamp('created_at'),
      timestamp('updated_at'),
    ]);
    const lines = this.world.table(
      'order_line',
      [
        ['id', 'uuid'],
        ['order_id', 'uuid'],
        ['position', 'int2'],
        ['product_id', 'uuid'],
        ['contract_line_id', 'uuid'],
        ['quantity', 'int4'],
        ['list_price', 'numeric'],
        ['discount_percent', 'numeric'],
        ['unit_price', 'numeric'],
        ['line_total', 'numeric'],
        ['unit_cost', 'numeric'],
        ['shipped_quantity', 'int4'],
        ['invoiced_quantity', 'int4'],
      ],
      [orders],
    );
    const shipments = this.world.table(
      'shipment',
      [
        ['id', 'uuid'],
        ['number', 'text'],
        ['order_id', 'uuid'],
        ['status', 'shipment_status'],
        ['shipped_on', 'date'],
        ['carrier', 'text'],
        ['tracking_number', 'text'],
        ['delivery_address', 'text'],
        ['delivery_region_id', 'uuid'],
        ['delivered_on', 'date'],
        ['received_by', 'text'],
        ['created_by_id', 'uuid'],
        ['version', 'int4'],
        timestamp('created_at'),
        timestamp('updated_at'),
      ],
      [orders],
    );
    const shipmentLines = this.world.table(
      'shipment_line',
      [
        ['id', 'uuid'],
        ['shipment_id', 'uuid'],
        ['order_line_id', 'uuid'],
        ['product_id', 'uuid'],
        ['quantity', 'int4'],
        ['batch_number', 'text'],
      ],
      [shipments, lines],
    );
    const invoices = this.world.table(
      'invoice',
      [
        ['id', 'uuid'],
        ['number', 'text'],
        ['order_id', 'uuid'],
        ['customer_id', 'uuid'],
        ['owner_id', 'uuid'],
        ['status', 'invoice_status'],
        ['issue_date', 'date'],
        ['due_date', 'date'],
        ['amount', 'numeric'],
        ['paid_amount', 'numeric'],
        ['created_by_id', 'uuid'],
        ['version', 'int4'],
        timestamp('created_at'),
        timestamp('updated_at'),
      ],
      [orders],
    );
    const invoiceLines = this.world.table(
      'invoice_line',
      [
        ['id', 'uuid'],
        ['invoice_id', 'uuid'],
        ['order_line_id', 'uuid'],
        ['product_id', 'uuid'],
        ['quantity', 'int4'],
        ['unit_price', 'numeric'],
        ['line_total', 'numeric'],
      ],
      [invoices, lines],
    );
    return { orders, lines, shipments, shipmentLines, invoices, invoiceLines };
  }

  /**
   * One order and what became of it by today: credit hold (released, refused or still waiting), cancellation, or
   * shipments of its units (partial ones first), deliveries, invoices and the money received for them.
   */
  private async writeOrder(
    plan: OrderPlan,
    number: string,
    tables: ReturnType<OrderToCashWriter['orderTables']>,
    streams: Record<'order' | 'orderIds' | 'shipment' | 'shipmentIds' | 'invoice' | 'invoiceIds', Random>,
    counters: { shipments: number; invoices: number },
  ): Promise<void> {
    const { customer, createdAt } = plan;
    const random = streams.order;
    const orderId = streams.orderIds.uuid();
    const lineIds = plan.lines.map(() => streams.orderIds.uuid());
    const totalCents = plan.lines.reduce((sum, line) => sum + lineTotalCents(line), 0);
    const changes = [createdAt];
    let status: OrderStatus | null = null;
    let creditHoldReason: string | null = null;
    let creditDecidedAt: number | null = null;
    let creditComment: string | null = null;
    let cancelledAt: number | null = null;
    let cancelReason: string | null = null;
    let readyAt = createdAt;

    if (random.chance(0.03)) {
      creditHoldReason = this.creditHoldReason(customer, totalCents, random);
      const decidedAt = createdAt + random.int(2, 96) * HOUR_MS;
      if (decidedAt >= this.today) status = OrderStatus.CREDIT_HOLD;
      else {
        creditDecidedAt = decidedAt;
        changes.push(decidedAt);
        readyAt = decidedAt;
        if (random.chance(0.15)) {
          status = OrderStatus.CANCELLED;
          creditComment = random.pick(CREDIT_REFUSALS);
          cancelledAt = decidedAt;
          cancelReason = creditComment;
        } else creditComment = random.pick(CREDIT_RELEASES);
      }
    }
    if (status === null && random.chance(0.04)) {
      const at = readyAt + random.int(1, 72) * HOUR_MS;
      if (at < this.today) {
        status = OrderStatus.CANCELLED;
        cancelledAt = at;
        cancelReason = random.pick(CANCEL_REASONS);
        changes.push(at);
      }
    }
    const requestedDelivery = random.chance(0.7) ? isoDate(dayStart(createdAt) + random.int(3, 21) * DAY_MS) : null;

    const shipped = plan.lines.map(() => 0);
    const invoiced = plan.lines.map(() => 0);
    let shipments: PlannedRows[] = [];
    let invoices: PlannedRows[] = [];
    if (status === null) {
      shipments = this.planShipments(plan, orderId, lineIds, readyAt, shipped, streams, counters);
      changes.push(...shipments.map((shipment) => shipment.createdAt));
      invoices = this.planInvoices(plan, orderId, lineIds, shipments, shipped, invoiced, streams, counters);
      if (plan.lines.every((line, i) => invoiced[i] === line.quantity)) {
        status = OrderStatus.INVOICED;
        changes.push(invoices[invoices.length - 1].createdAt);
      } else if (plan.lines.every((line, i) => shipped[i] === line.quantity)) status = OrderStatus.SHIPPED;
      else if (shipped.some((quantity) => quantity > 0)) status = OrderStatus.PARTIALLY_SHIPPED;
      else status = OrderStatus.CONFIRMED;
    }

    await tables.orders.add([
      orderId,
      number,
      customer.id,
      customer.ownerId,
      plan.contract?.id ?? null,
      plan.partner ? this.world.distributorId : null,
      plan.priceListId,
      plan.partner ? this.world.people.partner : customer.ownerId,
      status,
      formatCents(totalCents),
      requestedDelivery,
      customer.address,
      customer.region.id,
      creditHoldReason,
      creditDecidedAt === null ? null : this.world.people.finance,
      creditDecidedAt,
      creditComment,
      cancelledAt,
      cancelReason,
      changes.length,
      createdAt,
      Math.max(...changes),
    ]);
    for (const [index, line] of plan.lines.entries()) {
      await tables.lines.add([
        lineIds[index],
        orderId,
        index + 1,
        line.productId,
        line.contractLine?.id ?? null,
        line.quantity,
        formatCents(line.listPriceCents),
        formatHalfPercent(line.discount),
        formatCents(line.unitPriceCents),
        formatCents(lineTotalCents(line)),
        formatCents(line.unitCostCents),
        shipped[index],
        invoiced[index],
      ]);
    }
    for (const shipment of shipments) {
      await tables.shipments.add(shipment.row);
      for (const line of shipment.lines) await tables.shipmentLines.add(line);
    }
    for (const invoice of invoices) {
      await tables.invoices.add(invoice.row);
      for (const line of invoice.lines) await tables.invoiceLines.add(line);
    }
  }

  /** The figures of the credit check that held an order: exposure then, the order, the limit (exposure + order > limit). */
  private creditHoldReason(customer: OrderToCashCustomer, totalCents: number, random: Random): string {
    const limit = customer.creditLimitCents;
    const exposure = Math.max(0, limit - Math.floor(totalCents * (0.1 + random.next() * 0.8)));
    return `Exposure ${formatCents(exposure)} + order ${formatCents(totalCents)} = ${formatCents(exposure + totalCents)} exceeds the credit limit ${formatCents(limit)}.`;
  }

  /**
   * The order's shipments from `readyAt` before today: one to three, all but the last taking a part of what is
   * left of each line; `shipped` receives the quantities.
   */
  private planShipments(
    plan: OrderPlan,
    orderId: string,
    lineIds: readonly string[],
    readyAt: number,
    shipped: number[],
    streams: Record<'shipment' | 'shipmentIds', Random>,
    counters: { shipments: number },
  ): PlannedRows[] {
    const random = streams.shipment;
    const planned = Number(random.weighted(SHIPMENT_COUNT_WEIGHTS));
    const carrier = random.pick(CARRIERS);
    let day = dayStart(readyAt) + Number(random.weighted(SHIPPING_LAG_WEIGHTS)) * DAY_MS;
    const made: PlannedRows[] = [];
    for (let s = 0; s < planned && day < this.today; s += 1) {
      const last = s === planned - 1;
      const quantities = plan.lines.map((line, i) => {
        const left = line.quantity - shipped[i];
        return last ? left : Math.floor(left * (0.3 + random.next() * 0.4));
      });
      const createdAt = Math.max(day + random.int(9, 17) * HOUR_MS, readyAt + HOUR_MS);
      if (createdAt >= this.today) break;
      if (quantities.every((quantity) => quantity === 0)) {
        day += random.int(3, 25) * DAY_MS;
        continue;
      }
      const id = streams.shipmentIds.uuid();
      counters.shipments += 1;
      const shippedDay = dayStart(createdAt);
      const deliveredDay = shippedDay + random.int(1, 5) * DAY_MS;
      const delivered = deliveredDay < this.today;
      made.push({
        createdAt,
        quantities,
        row: [
          id,
          `SH${String(counters.shipments).padStart(6, '0')}`,
          orderId,
          delivered ? ShipmentStatus.DELIVERED : ShipmentStatus.SHIPPED,
          isoDate(shippedDay),
          carrier,
          `${carrier === '顺丰速运' ? 'SF' : 'YT'}${random.int(100_000, 999_999)}${random.int(100_000, 999_999)}`,
          plan.customer.address,
          plan.customer.region.id,
          delivered ? isoDate(deliveredDay) : null,
          delivered ? personName(random) : null,
          this.world.people.customerService,
          delivered ? 2 : 1,
          createdAt,
          delivered ? deliveredDay + random.int(9, 17) * HOUR_MS : createdAt,
        ],
        lines: this.batchLines(plan, id, lineIds, quantities, shippedDay, streams.shipmentIds, random),
      });
      quantities.forEach((quantity, i) => {
        shipped[i] += quantity;
      });
      day = shippedDay + random.int(3, 25) * DAY_MS;
    }
    return made;
  }

  /**
   * Shipment lines with production batch numbers: `B<Monday of the week before shipping>-<SKU>`, one batch per
   * product and week; one line in ten of two units or more ships partly from the week before that.
   */
  private batchLines(
    plan: OrderPlan,
    shipmentId: string,
    lineIds: readonly string[],
    quantities: readonly number[],
    shippedDay: number,
    ids: Random,
    random: Random,
  ): BulkValue[][] {
    const week = Math.floor((shippedDay - FIRST_MONDAY) / (7 * DAY_MS));
    const batch = (weeksBefore: number, productId: string) =>
      `B${isoDate(FIRST_MONDAY + (week - weeksBefore) * 7 * DAY_MS).replace(/-/g, '')}-${this.world.skuOf(productId)}`;
    const rows: BulkValue[][] = [];
    quantities.forEach((quantity, i) => {
      if (quantity === 0) return;
      const { productId } = plan.lines[i];
      if (quantity >= 2 && random.chance(0.1)) {
        const older = Math.max(1, Math.floor(quantity * (0.2 + random.next() * 0.3)));
        rows.push([ids.uuid(), shipmentId, lineIds[i], productId, older, batch(2, productId)]);
        rows.push([ids.uuid(), shipmentId, lineIds[i], productId, quantity - older, batch(1, productId)]);
      } else rows.push([ids.uuid(), shipmentId, lineIds[i], productId, quantity, batch(1, productId)]);
    });
    return rows;
  }

  /**
   * Finance invoices a quarter of the orders shipment by shipment, a few days after each left, and the others as a
   * whole a few days after their last shipment; `invoiced` receives the quantities.
   */
  private planInvoices(
    plan: OrderPlan,
    orderId: string,
    lineIds: readonly string[],
    shipments: readonly PlannedRows[],
    shipped: readonly number[],
    invoiced: number[],
    streams: Record<'invoice' | 'invoiceIds', Random>,
    counters: { invoices: number },
  ): PlannedRows[] {
    if (shipments.length === 0) return [];
    const random = streams.invoice;
    const groups: { after: number; quantities: readonly number[] }[] = [];
    if (random.chance(0.25)) {
      for (const shipment of shipments) groups.push({ after: shipment.createdAt, quantities: shipment.quantities });
    } else if (plan.lines.every((line, i) => shipped[i] === line.quantity)) {
      groups.push({ after: shipments[shipments.length - 1].createdAt, quantities: [...shipped] });
    }
    const made: PlannedRows[] = [];
    let previousDay = 0;
    for (const group of groups) {
      const issueDay = Math.max(previousDay, dayStart(group.after) + random.int(0, 6) * DAY_MS);
      const createdAt = Math.max(issueDay + random.int(9, 17) * HOUR_MS, group.after + HOUR_MS);
      if (createdAt >= this.today) break;
      previousDay = issueDay;
      const id = streams.invoiceIds.uuid();
      counters.invoices += 1;
      const amountCents = plan.lines.reduce((sum, line, i) => sum + lineTotalCents(line, group.quantities[i]), 0);
      const dueDay = issueDay + (plan.contract?.paymentTermsDays ?? DEFAULT_PAYMENT_TERMS_DAYS) * DAY_MS;
      const received = this.paymentsFor(plan, id, counters.invoices, issueDay, dueDay, amountCents, random);
      const paidCents = received.reduce((sum, allocation) => sum + allocation.amountCents, 0);
      const lines: BulkValue[][] = [];
      for (const [i, line] of plan.lines.entries()) {
        const quantity = group.quantities[i];
        if (quantity === 0) continue;
        invoiced[i] += quantity;
        lines.push([streams.invoiceIds.uuid(), id, lineIds[i], line.productId, quantity, formatCents(line.unitPriceCents), formatCents(lineTotalCents(line, quantity))]);
      }
      made.push({
        createdAt,
        quantities: group.quantities,
        row: [
          id,
          `INV${String(counters.invoices).padStart(6, '0')}`,
          orderId,
          plan.customer.id,
          plan.customer.ownerId,
          paidCents === 0 ? InvoiceStatus.OPEN : paidCents === amountCents ? InvoiceStatus.PAID : InvoiceStatus.PARTIALLY_PAID,
          isoDate(issueDay),
          isoDate(dueDay),
          formatCents(amountCents),
          formatCents(paidCents),
          this.world.people.finance,
          1 + received.length,
          createdAt,
          received.length === 0 ? createdAt : paymentTime(received[received.length - 1].day, plan.customerIndex),
        ],
        lines,
      });
    }
    return made;
  }

  /**
   * The money an invoice received before today, by the customer's habit: on the due date plus its usual delay,
   * give or take two weeks (on its monthly payment run if it has one); one invoice in six in two parts, a quarter of
   * those never settled; three in a hundred disputed and unpaid. Kept for the payments, returned for the invoice.
   */
  private paymentsFor(plan: OrderPlan, invoiceId: string, invoiceSeq: number, issueDay: number, dueDay: number, amountCents: number, random: Random): AllocationPlan[] {
    const planned: AllocationPlan[] = [];
    const allocation = (day: number, cents: number): AllocationPlan => ({ day, customerIndex: plan.customerIndex, invoiceId, invoiceSeq, amountCents: cents });
    if (!random.chance(0.03)) {
      let payDay = Math.max(issueDay + 2 * DAY_MS, dueDay + (plan.customer.paymentDelayDays + random.int(-12, 15)) * DAY_MS);
      const runDay = this.paymentRunDay[plan.customerIndex];
      if (runDay !== null) payDay = nextRunDay(payDay, runDay);
      if (random.chance(0.17)) {
        const part = Math.max(1, Math.floor(amountCents * (0.3 + random.next() * 0.4)));
        planned.push(allocation(Math.max(issueDay + DAY_MS, payDay - random.int(5, 25) * DAY_MS), part));
        if (!random.chance(0.25)) planned.push(allocation(payDay, amountCents - part));
      } else planned.push(allocation(payDay, amountCents));
    }
    const received = planned.filter((each) => each.day < this.today);
    this.allocations.push(...received);
    return received;
  }

  // ── payments ────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * One payment per customer and day the money came (a payment run pays several invoices at once), recorded and
   * allocated by finance; some carry more than they allocate, and a few customers paid in advance (unallocated).
   */
  private async writePayments(): Promise<Pick<OrderToCashSummary, 'payments' | 'paymentAllocations'>> {
    const random = this.random('payment');
    const ids = this.random('payment:id');
    const base = await sequenceBase(this.world.client, 'payment_number_seq');
    const advance = this.random('payment:advance');
    const received = [...this.allocations];
    this.world.customers.forEach((customer, customerIndex) => {
      if (!advance.chance(0.05)) return;
      const amountCents = advance.int(50, 500) * 100 * 100;
      received.push({ day: this.today - advance.int(1, 60) * DAY_MS, customerIndex, invoiceId: null, invoiceSeq: 0, amountCents });
    });
    received.sort((a, b) => a.day - b.day || a.customerIndex - b.customerIndex || a.invoiceSeq - b.invoiceSeq);

    const payments = this.world.table('payment', [
      ['id', 'uuid'],
      ['number', 'text'],
      ['customer_id', 'uuid'],
      ['owner_id', 'uuid'],
      ['status', 'payment_status'],
      ['amount', 'numeric'],
      ['allocated_amount', 'numeric'],
      ['received_on', 'date'],
      ['method', 'payment_method'],
      ['reference', 'text'],
      ['payer_account', 'text'],
      ['recorded_by_id', 'uuid'],
      ['version', 'int4'],
      timestamp('created_at'),
      timestamp('updated_at'),
    ]);
    const allocations = this.world.table(
      'payment_allocation',
      [
        ['id', 'uuid'],
        ['payment_id', 'uuid'],
        ['invoice_id', 'uuid'],
        ['amount', 'numeric'],
        timestamp('allocated_at'),
        ['allocated_by_id', 'uuid'],
      ],
      [payments],
    );
    let count = 0;
    for (let start = 0; start < received.length; ) {
      const { day, customerIndex } = received[start];
      let end = start + 1;
      while (end < received.length && received[end].day === day && received[end].customerIndex === customerIndex) end += 1;
      const group = received.slice(start, end).filter((each) => each.invoiceId !== null);
      const advanceCents = received.slice(start, end).reduce((sum, each) => sum + (each.invoiceId === null ? each.amountCents : 0), 0);
      start = end;

      const customer = this.world.customers[customerIndex];
      const id = ids.uuid();
      count += 1;
      const allocatedCents = group.reduce((sum, each) => sum + each.amountCents, 0);
      const overpaidCents = group.length > 0 && random.chance(0.04) ? random.int(5, 200) * 100 * 100 : 0;
      const amountCents = allocatedCents + overpaidCents + advanceCents;
      const method = random.weighted(PAYMENT_METHOD_WEIGHTS) as PaymentMethod;
      const at = paymentTime(day, customerIndex);
      await payments.add([
        id,
        `PAY${String(base + count).padStart(6, '0')}`,
        customer.id,
        customer.ownerId,
        allocatedCents === 0 ? PaymentStatus.UNALLOCATED : allocatedCents === amountCents ? PaymentStatus.ALLOCATED : PaymentStatus.PARTIALLY_ALLOCATED,
        formatCents(amountCents),
        formatCents(allocatedCents),
        isoDate(day),
        method,
        `${method === PaymentMethod.BANK_ACCEPTANCE ? 'BA' : 'TR'}${isoDate(day).replace(/-/g, '')}${random.int(100_000, 999_999)}`,
        `6222 ${random.int(1000, 9999)} ${random.int(1000, 9999)} ${random.int(1000, 9999)}`,
        this.world.people.finance,
        1,
        at,
        at,
      ]);
      for (const each of group) {
        await allocations.add([ids.uuid(), id, each.invoiceId, formatCents(each.amountCents), at, this.world.people.finance]);
      }
    }
    const result = { payments: await payments.finish(), paymentAllocations: await allocations.finish() };
    await this.setSequence('payment_number_seq', base + result.payments);
    return result;
  }

  private random(stream: string): Random {
    return this.world.random(stream);
  }

  private async setSequence(sequence: NumberSequence, value: number): Promise<void> {
    if (value > 0) await this.world.client.query(`select setval('${sequence}', $1)`, [value]);
  }
}
