import { GraphQLObjectType } from 'graphql';
import { collectPolicy } from '../api/permissions/shield';
import { seedDemoOrdersIfEmpty } from '../seeds/demo-orders.seeder';
import { seedDemoSalesIfEmpty } from '../seeds/demo-sales.seeder';
import type { OrdersMatrixEventsQuery } from './gql/graphql';
import { CREATE_API_KEY } from './graphql/documents';
import {
  ORDERS_MATRIX_ALLOCATE_PAYMENT,
  ORDERS_MATRIX_APPROVE_CONTRACT,
  ORDERS_MATRIX_BATCH_TRACE,
  ORDERS_MATRIX_CANCEL_ORDER,
  ORDERS_MATRIX_CHANNEL_CONFLICTS,
  ORDERS_MATRIX_COLLECTION_PERFORMANCE,
  ORDERS_MATRIX_CONFIRM_DELIVERY,
  ORDERS_MATRIX_CONTRACTS,
  ORDERS_MATRIX_CONTRACTS_BY_AMOUNT,
  ORDERS_MATRIX_CREATE_CONTRACT,
  ORDERS_MATRIX_CREATE_INVOICE,
  ORDERS_MATRIX_CREATE_SHIPMENT,
  ORDERS_MATRIX_EVENTS,
  ORDERS_MATRIX_INVOICES,
  ORDERS_MATRIX_ORDERS,
  ORDERS_MATRIX_ORDERS_BY_TOTAL,
  ORDERS_MATRIX_PAYMENTS,
  ORDERS_MATRIX_PLACE_ORDER,
  ORDERS_MATRIX_RECEIVABLES_AGING,
  ORDERS_MATRIX_RECORD_PAYMENT,
  ORDERS_MATRIX_REJECT_CONTRACT,
  ORDERS_MATRIX_REJECT_CREDIT_HOLD,
  ORDERS_MATRIX_RELEASE_CREDIT_HOLD,
  ORDERS_MATRIX_RENEWALS_DUE,
  ORDERS_MATRIX_RESOLVE_CHANNEL_CONFLICT,
  ORDERS_MATRIX_SELL_THROUGH_REPORTS,
  ORDERS_MATRIX_SHIPMENTS,
  ORDERS_MATRIX_SIGN_CONTRACT,
  ORDERS_MATRIX_SUBMIT_CONTRACT,
  ORDERS_MATRIX_SUBMIT_SELL_THROUGH_REPORT,
  ORDERS_MATRIX_TERMINATE_CONTRACT,
  ORDERS_MATRIX_UPDATE_CONTRACT,
} from './graphql/orders-matrix.documents';
import { people, userId, type PersonName } from './fixtures/demo-people';
import { createTestApp, type Auth, type GraphQLResponse, type TestApp } from './support/test-app';

/**
 * Who sees which order-to-cash rows and fields and who may call which operation, role by role, on the demo
 * order-to-cash data (seeds/demo-orders.*, on top of seeds/demo-sales.*), written out by hand so the table is the
 * spec. The demo data: 8 contracts (赵磊 ×2, 马超, 高鹏 in 华东; 田昊 ×2 in 华北; 冯子豪, 谢文博 in 华南), 9 orders
 * (two placed by the distributor 粤通商贸 for its 华南 customers), 6 shipments, 5 invoices, 4 payments, one
 * sell-through report and 2 channel conflicts (华南 goods found in 华东 and in 华北).
 *
 * Rows: how many records each list returns; `batchTrace` of the distributor's batch B2026-1102; the contract,
 * order and payment events `events` returns. Fields, as `read` (a value on every row, no error) or `hidden` (null
 * and FORBIDDEN at its path on every row):
 * - `contractAmount`: Contract.amount and ContractLine.listPrice, unitPrice, lineTotal;
 * - `orderAmount`: Order.total and OrderLine.listPrice, discountPercent, unitPrice, lineTotal;
 * - `cost`: ContractLine.unitCost, margin and OrderLine.unitCost, margin;
 * - `creditFigures`: Order.creditHoldReason, creditComment (they state the customer's exposure and credit limit;
 *   nullable: `read` means no FORBIDDEN, and the order on credit hold shows its reason);
 * - `creditDecision`: Order.creditDecidedAt and creditDecidedBy (nullable as above);
 * - `paymentDetails`: Payment.method, reference, payerAccount.
 * Events: how many contract events hide `amount`, order events hide `total` and the credit figures
 * (`creditHoldReason`, `creditComment`), and payment events hide `method` (and the other payment details).
 * `amountProbe`: the contracts `orderBy: AMOUNT_DESC` returns, never more than those whose amount is readable;
 * `totalProbe`: the orders `orderBy: TOTAL_DESC` returns, likewise.
 * Operations: the receivables reports and every order-to-cash mutation the role's rule lets through; every other
 * one is refused with FORBIDDEN by the shield before any resolver runs.
 */
type Access = 'read' | 'hidden';

/** Every order-to-cash mutation, called below with ids that match nothing. */
const MUTATION_NAMES = [
  'createContract',
  'updateContract',
  'submitContract',
  'approveContract',
  'rejectContract',
  'signContract',
  'terminateContract',
  'placeOrder',
  'releaseCreditHold',
  'rejectCreditHold',
  'cancelOrder',
  'createShipment',
  'confirmDelivery',
  'createInvoice',
  'recordPayment',
  'allocatePayment',
  'submitSellThroughReport',
  'resolveChannelConflict',
] as const;
type MutationName = (typeof MUTATION_NAMES)[number];

interface Row {
  role: string;
  as: PersonName | 'integrationKey';
  contracts: number;
  orders: number;
  /** Of those, on CREDIT_HOLD (中策橡胶's order over its limit, waiting for finance). */
  creditHolds: number;
  shipments: number;
  invoices: number;
  payments: number;
  channelConflicts: number;
  sellThroughReports: number;
  renewalsDue: number;
  batchTrace: { orders: number; customers: number };
  events: { contract: number; order: number; payment: number; amountHidden: number; totalHidden: number; creditHidden: number; paymentDetailsHidden: number };
  contractAmount: Access;
  orderAmount: Access;
  cost: Access;
  creditFigures: Access;
  creditDecision: Access;
  paymentDetails: Access;
  amountProbe: number;
  totalProbe: number;
  receivables: 'allowed' | 'refused';
  mutations: MutationName[];
}

const CONTRACT_WRITES: MutationName[] = ['createContract', 'updateContract', 'submitContract', 'signContract', 'terminateContract'];
const CONTRACT_DECISIONS: MutationName[] = ['approveContract', 'rejectContract'];
const ORDER_WRITES: MutationName[] = ['placeOrder', 'cancelOrder'];
const CREDIT_DECISIONS: MutationName[] = ['releaseCreditHold', 'rejectCreditHold'];
const BILLING_WRITES: MutationName[] = ['createInvoice', 'recordPayment', 'allocatePayment'];

const MATRIX: Row[] = [
  {
    role: 'ADMIN', as: 'admin',
    contracts: 8, orders: 9, creditHolds: 1, shipments: 6, invoices: 5, payments: 4, channelConflicts: 2, sellThroughReports: 1, renewalsDue: 1,
    batchTrace: { orders: 1, customers: 1 }, events: { contract: 28, order: 19, payment: 4, amountHidden: 0, totalHidden: 0, creditHidden: 0, paymentDetailsHidden: 0 },
    contractAmount: 'read', orderAmount: 'read', cost: 'read',
    creditFigures: 'read', creditDecision: 'read', paymentDetails: 'read', amountProbe: 8, totalProbe: 9,
    receivables: 'allowed',
    mutations: [...CONTRACT_WRITES, ...ORDER_WRITES, 'createShipment', 'confirmDelivery', ...BILLING_WRITES, 'resolveChannelConflict'],
  },
  {
    role: 'SALES_VP', as: 'vp',
    contracts: 8, orders: 9, creditHolds: 1, shipments: 6, invoices: 5, payments: 4, channelConflicts: 2, sellThroughReports: 1, renewalsDue: 1,
    batchTrace: { orders: 1, customers: 1 }, events: { contract: 28, order: 19, payment: 4, amountHidden: 0, totalHidden: 0, creditHidden: 0, paymentDetailsHidden: 0 },
    contractAmount: 'read', orderAmount: 'read', cost: 'read',
    creditFigures: 'read', creditDecision: 'read', paymentDetails: 'read', amountProbe: 8, totalProbe: 9,
    receivables: 'allowed',
    mutations: [...CONTRACT_WRITES, ...CONTRACT_DECISIONS, ...ORDER_WRITES, 'createShipment', 'confirmDelivery', 'resolveChannelConflict'],
  },
  {
    role: 'REGIONAL_DIRECTOR', as: 'eastDirector',
    contracts: 4, orders: 4, creditHolds: 1, shipments: 3, invoices: 3, payments: 2, channelConflicts: 1, sellThroughReports: 1, renewalsDue: 1,
    batchTrace: { orders: 0, customers: 0 }, events: { contract: 16, order: 10, payment: 2, amountHidden: 0, totalHidden: 0, creditHidden: 0, paymentDetailsHidden: 0 },
    contractAmount: 'read', orderAmount: 'read', cost: 'read',
    creditFigures: 'read', creditDecision: 'read', paymentDetails: 'read', amountProbe: 4, totalProbe: 4,
    receivables: 'allowed',
    mutations: [...CONTRACT_WRITES, ...CONTRACT_DECISIONS, ...ORDER_WRITES, 'createShipment', 'confirmDelivery', 'resolveChannelConflict'],
  },
  {
    role: 'TEAM_MANAGER', as: 'shanghai1Manager',
    contracts: 2, orders: 2, creditHolds: 0, shipments: 2, invoices: 2, payments: 1, channelConflicts: 0, sellThroughReports: 1, renewalsDue: 1,
    batchTrace: { orders: 0, customers: 0 }, events: { contract: 6, order: 6, payment: 1, amountHidden: 0, totalHidden: 0, creditHidden: 0, paymentDetailsHidden: 0 },
    contractAmount: 'read', orderAmount: 'read', cost: 'hidden',
    creditFigures: 'read', creditDecision: 'read', paymentDetails: 'read', amountProbe: 2, totalProbe: 2,
    receivables: 'allowed',
    mutations: [...CONTRACT_WRITES, ...CONTRACT_DECISIONS, ...ORDER_WRITES, 'createShipment', 'confirmDelivery'],
  },
  {
    role: 'SALES_REP', as: 'shanghai1Rep',
    contracts: 2, orders: 2, creditHolds: 0, shipments: 2, invoices: 2, payments: 1, channelConflicts: 0, sellThroughReports: 1, renewalsDue: 1,
    batchTrace: { orders: 0, customers: 0 }, events: { contract: 6, order: 6, payment: 1, amountHidden: 0, totalHidden: 0, creditHidden: 2, paymentDetailsHidden: 1 },
    contractAmount: 'read', orderAmount: 'read', cost: 'hidden',
    creditFigures: 'hidden', creditDecision: 'read', paymentDetails: 'hidden', amountProbe: 2, totalProbe: 2,
    receivables: 'refused',
    mutations: [...CONTRACT_WRITES, ...ORDER_WRITES, 'createShipment', 'confirmDelivery'],
  },
  {
    role: 'KEY_ACCOUNT_MANAGER', as: 'keyAccountManager',
    contracts: 3, orders: 3, creditHolds: 0, shipments: 4, invoices: 4, payments: 3, channelConflicts: 0, sellThroughReports: 1, renewalsDue: 0,
    batchTrace: { orders: 0, customers: 0 }, events: { contract: 13, order: 9, payment: 3, amountHidden: 0, totalHidden: 0, creditHidden: 3, paymentDetailsHidden: 3 },
    contractAmount: 'read', orderAmount: 'read', cost: 'hidden',
    creditFigures: 'hidden', creditDecision: 'read', paymentDetails: 'hidden', amountProbe: 3, totalProbe: 3,
    receivables: 'refused',
    mutations: [...CONTRACT_WRITES, ...ORDER_WRITES, 'createShipment', 'confirmDelivery'],
  },
  {
    role: 'CUSTOMER_SERVICE', as: 'customerService',
    contracts: 8, orders: 9, creditHolds: 1, shipments: 6, invoices: 0, payments: 0, channelConflicts: 0, sellThroughReports: 0, renewalsDue: 0,
    batchTrace: { orders: 1, customers: 1 }, events: { contract: 28, order: 19, payment: 0, amountHidden: 8, totalHidden: 9, creditHidden: 9, paymentDetailsHidden: 0 },
    contractAmount: 'hidden', orderAmount: 'hidden', cost: 'hidden',
    creditFigures: 'hidden', creditDecision: 'read', paymentDetails: 'hidden', amountProbe: 0, totalProbe: 0,
    receivables: 'refused',
    mutations: ['createShipment', 'confirmDelivery'],
  },
  {
    role: 'TECH_SUPPORT', as: 'techSupport',
    contracts: 8, orders: 9, creditHolds: 1, shipments: 6, invoices: 0, payments: 0, channelConflicts: 0, sellThroughReports: 0, renewalsDue: 0,
    batchTrace: { orders: 1, customers: 1 }, events: { contract: 28, order: 19, payment: 0, amountHidden: 8, totalHidden: 9, creditHidden: 9, paymentDetailsHidden: 0 },
    contractAmount: 'hidden', orderAmount: 'hidden', cost: 'hidden',
    creditFigures: 'hidden', creditDecision: 'read', paymentDetails: 'hidden', amountProbe: 0, totalProbe: 0,
    receivables: 'refused',
    mutations: [],
  },
  {
    role: 'FINANCE', as: 'finance',
    contracts: 8, orders: 9, creditHolds: 1, shipments: 6, invoices: 5, payments: 4, channelConflicts: 0, sellThroughReports: 1, renewalsDue: 0,
    batchTrace: { orders: 1, customers: 1 }, events: { contract: 28, order: 19, payment: 4, amountHidden: 0, totalHidden: 0, creditHidden: 0, paymentDetailsHidden: 0 },
    contractAmount: 'read', orderAmount: 'read', cost: 'read',
    creditFigures: 'read', creditDecision: 'read', paymentDetails: 'read', amountProbe: 8, totalProbe: 9,
    receivables: 'allowed',
    mutations: [...CREDIT_DECISIONS, ...BILLING_WRITES],
  },
  {
    role: 'PARTNER', as: 'partner',
    contracts: 0, orders: 2, creditHolds: 0, shipments: 2, invoices: 1, payments: 0, channelConflicts: 0, sellThroughReports: 1, renewalsDue: 0,
    batchTrace: { orders: 1, customers: 1 }, events: { contract: 0, order: 5, payment: 0, amountHidden: 0, totalHidden: 0, creditHidden: 2, paymentDetailsHidden: 0 },
    contractAmount: 'hidden', orderAmount: 'read', cost: 'hidden',
    creditFigures: 'hidden', creditDecision: 'hidden', paymentDetails: 'hidden', amountProbe: 0, totalProbe: 2,
    receivables: 'refused',
    mutations: [...ORDER_WRITES, 'confirmDelivery', 'submitSellThroughReport'],
  },
  {
    role: 'INTEGRATION', as: 'integrationKey',
    contracts: 8, orders: 9, creditHolds: 1, shipments: 6, invoices: 5, payments: 4, channelConflicts: 0, sellThroughReports: 1, renewalsDue: 0,
    batchTrace: { orders: 1, customers: 1 }, events: { contract: 28, order: 19, payment: 4, amountHidden: 0, totalHidden: 0, creditHidden: 9, paymentDetailsHidden: 4 },
    contractAmount: 'read', orderAmount: 'read', cost: 'hidden',
    creditFigures: 'hidden', creditDecision: 'read', paymentDetails: 'hidden', amountProbe: 8, totalProbe: 9,
    receivables: 'refused',
    mutations: [],
  },
];

/** The guarded fields of the order-to-cash types, each checked by a column above. */
const GUARDED_FIELDS: Record<string, keyof Pick<Row, 'contractAmount' | 'orderAmount' | 'cost' | 'creditFigures' | 'creditDecision' | 'paymentDetails'>> = {
  'Contract.amount': 'contractAmount',
  'ContractLine.listPrice': 'contractAmount',
  'ContractLine.unitPrice': 'contractAmount',
  'ContractLine.lineTotal': 'contractAmount',
  'ContractLine.unitCost': 'cost',
  'ContractLine.margin': 'cost',
  'Order.total': 'orderAmount',
  'OrderLine.listPrice': 'orderAmount',
  'OrderLine.discountPercent': 'orderAmount',
  'OrderLine.unitPrice': 'orderAmount',
  'OrderLine.lineTotal': 'orderAmount',
  'OrderLine.unitCost': 'cost',
  'OrderLine.margin': 'cost',
  'Order.creditHoldReason': 'creditFigures',
  'Order.creditComment': 'creditFigures',
  'Order.creditDecidedAt': 'creditDecision',
  'Order.creditDecidedBy': 'creditDecision',
  'Payment.method': 'paymentDetails',
  'Payment.reference': 'paymentDetails',
  'Payment.payerAccount': 'paymentDetails',
};

/** The object types of contracts, orders, shipments, billing, receivables and the distributor channel. */
const ORDER_TO_CASH_TYPES = [
  'Contract', 'ContractLine', 'ContractApprovalStep', 'Order', 'OrderLine', 'Shipment', 'ShipmentLine', 'BatchTrace',
  'Invoice', 'InvoiceLine', 'Payment', 'PaymentAllocation', 'ReceivablesAging', 'ReceivablesAgingRow',
  'CollectionPerformance', 'CollectionPerformanceRow', 'SellThroughReport', 'SellThroughLine', 'ChannelConflict',
];

/** The event types of contracts, orders and payments (the triggers in migrations/Migration20261203121846_orders_channels.ts). */
const CONTRACT_EVENT_TYPES = [
  'contract.created', 'contract.updated', 'contract.submitted', 'contract.rejected', 'contract.approved', 'contract.signed',
  'contract.activated', 'contract.expired', 'contract.terminated', 'contract.renewalDue',
];
const ORDER_EVENT_TYPES = ['order.placed', 'order.updated', 'order.creditReleased', 'order.cancelled', 'order.partiallyShipped', 'order.shipped', 'order.invoiced'];
const PAYMENT_EVENT_TYPES = ['payment.received', 'payment.allocated', 'payment.updated'];
const PAYMENT_DETAILS = ['method', 'reference', 'payerAccount'];
const ORDER_LINE_PRICES = ['listPrice', 'discountPercent', 'unitPrice', 'lineTotal'];
const CREDIT_FIGURES = ['creditHoldReason', 'creditComment'];

/** Matches no record: a permitted caller gets NOT_FOUND or BAD_USER_INPUT, and nothing is written. */
const NOWHERE = '00000000-0000-4000-8000-000000000000';

let app: TestApp;
const auths = new Map<string, Auth>();
/** Rows of every order-to-cash table after seeding, to show the refused and failed calls wrote nothing. */
let rowCountsAfterSeed: Record<string, number>;

const WRITTEN_TABLES = [
  'contract', 'contract_approval_step', 'sales_order', 'order_line', 'shipment', 'invoice', 'payment', 'payment_allocation',
  'sell_through_report', 'channel_conflict', 'domain_event',
];

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of WRITTEN_TABLES) {
    const [row] = await app.orm.em.fork().getConnection().execute<{ count: string }[]>(`select count(*)::text as count from ${table}`);
    counts[table] = Number(row.count);
  }
  return counts;
}

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoSalesIfEmpty(app.orm, app.config);
  // The demo order-to-cash records are not in the test template: this file is the one that adds them.
  if (!(await seedDemoOrdersIfEmpty(app.orm, app.config))) throw new Error('the demo order-to-cash data was not seeded');
  const created = await app.gql(
    CREATE_API_KEY,
    { input: { name: 'ERP order sync', scopes: ['READ_SALES'], userId: userId(people.integration) } },
    { token: await app.tokenFor(people.admin.email) },
  );
  auths.set('integrationKey', { apiKey: created.data!.createApiKey.key });
  rowCountsAfterSeed = await rowCounts();
}, 180_000);

afterAll(async () => {
  await app.close();
});

async function authFor(as: PersonName | 'integrationKey'): Promise<Auth> {
  const known = auths.get(as);
  if (known) return known;
  const auth = { token: await app.tokenFor(people[as as PersonName].email) };
  auths.set(as, auth);
  return auth;
}

/**
 * Every row's `field` is readable (a value, no error) or hidden (null, FORBIDDEN at exactly that row's path). With
 * `nullable`, a readable field may be null (nothing to show), but never FORBIDDEN.
 */
function expectAccess(
  response: GraphQLResponse<unknown>,
  listPath: (string | number)[],
  rows: Record<string, unknown>[],
  field: string,
  access: Access,
  options: { nullable?: boolean } = {},
): void {
  const errorsAt = new Set(
    (response.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => JSON.stringify(e.path)),
  );
  rows.forEach((row, index) => {
    const path = JSON.stringify([...listPath, index, field]);
    if (access === 'read') {
      if (!options.nullable) {
        expect({ path, value: row[field] === null || row[field] === undefined ? 'missing' : 'present' }).toEqual({ path, value: 'present' });
      }
      expect({ path, forbidden: errorsAt.has(path) }).toEqual({ path, forbidden: false });
    } else {
      expect({ path, value: row[field] }).toEqual({ path, value: null });
      expect({ path, forbidden: errorsAt.has(path) }).toEqual({ path, forbidden: true });
    }
  });
}

/** No error but the FORBIDDEN ones of hidden fields. */
function expectOnlyFieldRefusals(response: GraphQLResponse<unknown>): void {
  const others = (response.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN' || (e.path ?? []).length < 3);
  expect(others).toEqual([]);
}

/** Each mutation with arguments naming nothing that exists. */
const MUTATIONS: Record<MutationName, (auth: Auth) => Promise<GraphQLResponse<unknown>>> = {
  createContract: (auth) =>
    app.gql(ORDERS_MATRIX_CREATE_CONTRACT, { input: { opportunityId: NOWHERE, title: '权限矩阵', startDate: '2027-01-01', endDate: '2027-12-31' } }, auth),
  updateContract: (auth) => app.gql(ORDERS_MATRIX_UPDATE_CONTRACT, { id: NOWHERE, version: 1, input: { title: '权限矩阵' } }, auth),
  submitContract: (auth) => app.gql(ORDERS_MATRIX_SUBMIT_CONTRACT, { id: NOWHERE, version: 1 }, auth),
  approveContract: (auth) => app.gql(ORDERS_MATRIX_APPROVE_CONTRACT, { id: NOWHERE, version: 1 }, auth),
  rejectContract: (auth) => app.gql(ORDERS_MATRIX_REJECT_CONTRACT, { id: NOWHERE, version: 1, comment: '权限矩阵' }, auth),
  signContract: (auth) => app.gql(ORDERS_MATRIX_SIGN_CONTRACT, { id: NOWHERE, version: 1 }, auth),
  terminateContract: (auth) => app.gql(ORDERS_MATRIX_TERMINATE_CONTRACT, { id: NOWHERE, version: 1, reason: '权限矩阵' }, auth),
  placeOrder: (auth) => app.gql(ORDERS_MATRIX_PLACE_ORDER, { input: { customerId: NOWHERE, lines: [{ productId: NOWHERE, quantity: 1 }] } }, auth),
  releaseCreditHold: (auth) => app.gql(ORDERS_MATRIX_RELEASE_CREDIT_HOLD, { id: NOWHERE, version: 1 }, auth),
  rejectCreditHold: (auth) => app.gql(ORDERS_MATRIX_REJECT_CREDIT_HOLD, { id: NOWHERE, version: 1, comment: '权限矩阵' }, auth),
  cancelOrder: (auth) => app.gql(ORDERS_MATRIX_CANCEL_ORDER, { id: NOWHERE, version: 1, reason: '权限矩阵' }, auth),
  createShipment: (auth) =>
    app.gql(ORDERS_MATRIX_CREATE_SHIPMENT, { input: { orderId: NOWHERE, lines: [{ orderLineId: NOWHERE, quantity: 1, batchNumber: 'B-MATRIX' }] } }, auth),
  confirmDelivery: (auth) => app.gql(ORDERS_MATRIX_CONFIRM_DELIVERY, { id: NOWHERE, version: 1, deliveredOn: '2026-01-01', receivedBy: '权限矩阵' }, auth),
  createInvoice: (auth) => app.gql(ORDERS_MATRIX_CREATE_INVOICE, { input: { orderId: NOWHERE } }, auth),
  recordPayment: (auth) =>
    app.gql(ORDERS_MATRIX_RECORD_PAYMENT, { input: { customerId: NOWHERE, amount: '1.00', receivedOn: '2026-01-01', method: 'BANK_TRANSFER' } }, auth),
  allocatePayment: (auth) => app.gql(ORDERS_MATRIX_ALLOCATE_PAYMENT, { paymentId: NOWHERE, version: 1, allocations: [{ invoiceId: NOWHERE, amount: '1.00' }] }, auth),
  submitSellThroughReport: (auth) =>
    app.gql(
      ORDERS_MATRIX_SUBMIT_SELL_THROUGH_REPORT,
      {
        input: {
          periodStart: '2020-01-01',
          periodEnd: '2020-01-31',
          lines: [{ productId: NOWHERE, quantity: 1, batchNumber: 'B-MATRIX', endCustomerName: '权限矩阵', saleRegionId: NOWHERE, soldOn: '2020-01-15' }],
        },
      },
      auth,
    ),
  resolveChannelConflict: (auth) => app.gql(ORDERS_MATRIX_RESOLVE_CHANNEL_CONFLICT, { id: NOWHERE, version: 1, status: 'CONFIRMED', resolution: '权限矩阵' }, auth),
};

/** The contract, order and payment events the viewer may read, every page. */
async function readEvents(auth: Auth): Promise<OrdersMatrixEventsQuery['events']['nodes']> {
  const types = [...CONTRACT_EVENT_TYPES, ...ORDER_EVENT_TYPES, ...PAYMENT_EVENT_TYPES];
  const events: OrdersMatrixEventsQuery['events']['nodes'] = [];
  let after: string | null = null;
  for (;;) {
    const response: GraphQLResponse<OrdersMatrixEventsQuery> = await app.gql(ORDERS_MATRIX_EVENTS, { types, after }, auth);
    expect(response.errors).toBeUndefined();
    events.push(...response.data!.events.nodes);
    if (!response.data!.events.pageInfo.hasNextPage) return events;
    after = response.data!.events.pageInfo.endCursor ?? null;
  }
}

describe('the matrix is complete', () => {
  it('covers every role', () => {
    expect(new Set(MATRIX.map((row) => row.role)).size).toBe(11);
    expect(new Set(MATRIX.map((row) => row.as)).size).toBe(11);
  });

  it('covers every guarded field of the order-to-cash types', () => {
    const policy = collectPolicy(app.server.schema);
    for (const typeName of ORDER_TO_CASH_TYPES) expect({ typeName, inSchema: app.server.schema.getType(typeName) instanceof GraphQLObjectType }).toEqual({ typeName, inSchema: true });
    const guarded = policy.fields.filter((entry) => ORDER_TO_CASH_TYPES.includes(entry.typeName)).map((entry) => `${entry.typeName}.${entry.fieldName}`);
    expect(guarded.sort()).toEqual(Object.keys(GUARDED_FIELDS).sort());
  });

  it('covers every order-to-cash mutation and the receivables reports', () => {
    const policy = collectPolicy(app.server.schema);
    const orderToCashRules = new Set([
      'contract-writers', 'contract-approvers', 'order-placers', 'credit-deciders', 'shipment-writers', 'delivery-confirmers',
      'finance-writers', 'sell-through-reporters', 'conflict-resolvers',
    ]);
    const mutations = policy.fields.filter((entry) => entry.typeName === 'Mutation' && orderToCashRules.has(entry.rule.name)).map((entry) => entry.fieldName);
    expect(mutations.sort()).toEqual([...MUTATION_NAMES].sort());
    const reports = policy.fields.filter((entry) => entry.typeName === 'Query' && entry.rule.name === 'receivables-readers').map((entry) => entry.fieldName);
    expect(reports.sort()).toEqual(['collectionPerformance', 'receivablesAging']);
  });
});

describe.each(MATRIX.map((row) => [`${row.role} (${row.as})`, row] as const))('%s', (_name, row) => {
  it(`sees ${row.contracts} contracts; amount and line prices ${row.contractAmount}, line cost and margin ${row.cost}`, async () => {
    const response = await app.gql(ORDERS_MATRIX_CONTRACTS, {}, await authFor(row.as));
    expectOnlyFieldRefusals(response);
    const nodes = response.data!.contracts.nodes as unknown as Record<string, unknown>[];
    expect(response.data!.contracts.totalCount).toBe(row.contracts);
    expect(nodes).toHaveLength(row.contracts);
    expectAccess(response, ['contracts', 'nodes'], nodes, 'amount', row.contractAmount);
    nodes.forEach((node, index) => {
      const lines = node.lines as Record<string, unknown>[];
      expect(lines.length).toBeGreaterThan(0);
      for (const field of ['listPrice', 'unitPrice', 'lineTotal']) expectAccess(response, ['contracts', 'nodes', index, 'lines'], lines, field, row.contractAmount);
      for (const field of ['unitCost', 'margin']) expectAccess(response, ['contracts', 'nodes', index, 'lines'], lines, field, row.cost);
    });
  });

  it(`cannot probe hidden contract amounts: ${row.amountProbe} contracts by amount`, async () => {
    const response = await app.gql(ORDERS_MATRIX_CONTRACTS_BY_AMOUNT, {}, await authFor(row.as));
    expect(response.errors).toBeUndefined();
    expect(response.data!.contracts.nodes).toHaveLength(row.amountProbe);
  });

  it(`cannot probe hidden order totals: ${row.totalProbe} orders by total`, async () => {
    const response = await app.gql(ORDERS_MATRIX_ORDERS_BY_TOTAL, {}, await authFor(row.as));
    expect(response.errors).toBeUndefined();
    expect(response.data!.orders.nodes).toHaveLength(row.totalProbe);
    expect(response.data!.orders.totalCount).toBe(row.totalProbe);
  });

  it(`sees ${row.orders} orders, ${row.creditHolds} on credit hold; total and line prices ${row.orderAmount}, the credit reason and comment ${row.creditFigures}, the decision date ${row.creditDecision}, line cost and margin ${row.cost}`, async () => {
    const response = await app.gql(ORDERS_MATRIX_ORDERS, {}, await authFor(row.as));
    expectOnlyFieldRefusals(response);
    const nodes = response.data!.orders.nodes as unknown as Record<string, unknown>[];
    expect(response.data!.orders.totalCount).toBe(row.orders);
    expect(nodes).toHaveLength(row.orders);
    expectAccess(response, ['orders', 'nodes'], nodes, 'total', row.orderAmount);
    for (const field of CREDIT_FIGURES) expectAccess(response, ['orders', 'nodes'], nodes, field, row.creditFigures, { nullable: true });
    for (const field of ['creditDecidedAt', 'creditDecidedBy']) expectAccess(response, ['orders', 'nodes'], nodes, field, row.creditDecision, { nullable: true });
    const held = nodes.filter((node) => node.status === 'CREDIT_HOLD');
    expect(held).toHaveLength(row.creditHolds);
    if (row.creditFigures === 'read') for (const order of held) expect(order.creditHoldReason).toMatch(/exceeds the credit limit/);
    nodes.forEach((node, index) => {
      const lines = node.lines as Record<string, unknown>[];
      expect(lines.length).toBeGreaterThan(0);
      for (const field of ORDER_LINE_PRICES) expectAccess(response, ['orders', 'nodes', index, 'lines'], lines, field, row.orderAmount);
      for (const field of ['unitCost', 'margin']) expectAccess(response, ['orders', 'nodes', index, 'lines'], lines, field, row.cost);
    });
  });

  it(`sees ${row.payments} payments; method, reference and payer account ${row.paymentDetails}`, async () => {
    const response = await app.gql(ORDERS_MATRIX_PAYMENTS, {}, await authFor(row.as));
    expectOnlyFieldRefusals(response);
    const nodes = response.data!.payments.nodes as unknown as Record<string, unknown>[];
    expect(response.data!.payments.totalCount).toBe(row.payments);
    expect(nodes).toHaveLength(row.payments);
    for (const field of PAYMENT_DETAILS) expectAccess(response, ['payments', 'nodes'], nodes, field, row.paymentDetails);
  });

  it(`lists ${row.shipments} shipments, ${row.invoices} invoices, ${row.channelConflicts} channel conflicts, ${row.sellThroughReports} sell-through reports and ${row.renewalsDue} renewals due`, async () => {
    const auth = await authFor(row.as);
    const counts = {
      shipments: (await app.gql(ORDERS_MATRIX_SHIPMENTS, {}, auth)).data!.shipments.totalCount,
      invoices: (await app.gql(ORDERS_MATRIX_INVOICES, {}, auth)).data!.invoices.totalCount,
      channelConflicts: (await app.gql(ORDERS_MATRIX_CHANNEL_CONFLICTS, {}, auth)).data!.channelConflicts.totalCount,
      sellThroughReports: (await app.gql(ORDERS_MATRIX_SELL_THROUGH_REPORTS, {}, auth)).data!.sellThroughReports.totalCount,
      renewalsDue: (await app.gql(ORDERS_MATRIX_RENEWALS_DUE, {}, auth)).data!.renewalsDue.totalCount,
    };
    expect(counts).toEqual({
      shipments: row.shipments,
      invoices: row.invoices,
      channelConflicts: row.channelConflicts,
      sellThroughReports: row.sellThroughReports,
      renewalsDue: row.renewalsDue,
    });
  });

  it(`traces batch B2026-1102 to ${row.batchTrace.orders} order(s) and ${row.batchTrace.customers} customer(s)`, async () => {
    const response = await app.gql(ORDERS_MATRIX_BATCH_TRACE, { batchNumber: 'B2026-1102' }, await authFor(row.as));
    expect(response.errors).toBeUndefined();
    const trace = response.data!.batchTrace;
    expect({ orders: trace.orders.length, customers: trace.customers.length }).toEqual(row.batchTrace);
    // 400 SEN-PRX-03 and 150 SEN-PEC-03 went out with the batch, to whoever may see their order.
    expect(trace.totalQuantity).toBe(row.batchTrace.orders === 0 ? 0 : 550);
  });

  it(`reads ${row.events.contract} contract, ${row.events.order} order and ${row.events.payment} payment events; ${row.events.amountHidden} hide the contract amount, ${row.events.totalHidden} the order total, ${row.events.creditHidden} the credit figures, ${row.events.paymentDetailsHidden} the payment details`, async () => {
    const events = await readEvents(await authFor(row.as));
    const count = (aggregateType: string) => events.filter((event) => event.aggregateType === aggregateType).length;
    expect(events.every((event) => ['Contract', 'Order', 'Payment'].includes(event.aggregateType))).toBe(true);
    const amountHidden = events.filter((event) => event.aggregateType === 'Contract' && event.hiddenFields.includes('amount'));
    const totalHidden = events.filter((event) => event.aggregateType === 'Order' && event.hiddenFields.includes('total'));
    const creditHidden = events.filter((event) => event.aggregateType === 'Order' && CREDIT_FIGURES.some((field) => event.hiddenFields.includes(field)));
    const detailsHidden = events.filter((event) => event.aggregateType === 'Payment' && event.hiddenFields.includes('method'));
    expect({
      contract: count('Contract'),
      order: count('Order'),
      payment: count('Payment'),
      amountHidden: amountHidden.length,
      totalHidden: totalHidden.length,
      creditHidden: creditHidden.length,
      paymentDetailsHidden: detailsHidden.length,
    }).toEqual(row.events);
    for (const event of amountHidden) expect(event.payload).not.toHaveProperty('amount');
    for (const event of totalHidden) expect(event.payload).not.toHaveProperty('total');
    for (const event of events.filter((event) => event.aggregateType === 'Order')) {
      for (const field of CREDIT_FIGURES) {
        if (row.creditFigures === 'hidden') expect({ field, payload: field in event.payload }).toEqual({ field, payload: false });
      }
    }
    for (const event of detailsHidden) {
      expect(event.hiddenFields).toEqual(expect.arrayContaining(PAYMENT_DETAILS));
      for (const field of PAYMENT_DETAILS) expect(event.payload).not.toHaveProperty(field);
    }
    // Where the amount is readable, every contract's created event carries it; likewise an order's total and the
    // reason it was held.
    if (row.contractAmount === 'read') {
      for (const created of events.filter((event) => event.type === 'contract.created')) expect(created.payload.amount).toEqual(expect.any(String));
    }
    const placed = events.filter((event) => event.type === 'order.placed');
    expect(placed.length).toBeGreaterThan(0);
    if (row.orderAmount === 'read') for (const event of placed) expect(event.payload.total).toEqual(expect.any(String));
    if (row.creditFigures === 'read') {
      const held = placed.filter((event) => event.payload.status === 'CREDIT_HOLD');
      if (row.creditHolds > 0) expect(held.length).toBeGreaterThan(0);
      for (const event of held) expect(event.payload.creditHoldReason).toMatch(/exceeds the credit limit/);
    }
  });

  it(`the receivables aging and collection reports: ${row.receivables}`, async () => {
    const auth = await authFor(row.as);
    const aging = await app.gql(ORDERS_MATRIX_RECEIVABLES_AGING, {}, auth);
    const collection = await app.gql(ORDERS_MATRIX_COLLECTION_PERFORMANCE, { from: '2026-01-01', to: '2026-12-31' }, auth);
    for (const response of [aging, collection]) {
      if (row.receivables === 'allowed') {
        expect(response.errors).toBeUndefined();
      } else {
        expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
        expect(response.data).toBeNull();
      }
    }
  });

  it(`may call ${row.mutations.length === 0 ? 'no order-to-cash mutation' : row.mutations.join(', ')}; is refused the others`, async () => {
    const auth = await authFor(row.as);
    const outcome: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const name of MUTATION_NAMES) {
      const response = await MUTATIONS[name](auth);
      expect({ name, errors: response.errors?.length ?? 0 }).toEqual({ name, errors: 1 });
      const code = String(response.errors![0].extensions?.code);
      // Let through, the call fails on the ids that match nothing: it reached the service and wrote nothing.
      outcome[name] = code === 'FORBIDDEN' ? 'refused' : ['NOT_FOUND', 'BAD_USER_INPUT'].includes(code) ? 'allowed' : `unexpected ${code}`;
      expected[name] = row.mutations.includes(name) ? 'allowed' : 'refused';
    }
    expect(outcome).toEqual(expected);
  });
});

it('wrote nothing: every refused or failed call left the order-to-cash tables as the seed made them', async () => {
  expect(await rowCounts()).toEqual(rowCountsAfterSeed);
});
