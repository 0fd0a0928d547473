import type { EntityManager } from '@mikro-orm/postgresql';
import { catalog, people, units, userId, type PersonName } from '../fixtures/demo-people';

/** Who sends a case: a demo person (signed in with a token) or nobody. */
export type Actor = PersonName | 'anonymous';

/** A row a baseline refers to: its id and the version a client would have read. */
export interface Ref {
  id: string;
  version: number;
}

const rep = userId(people.shanghai1Rep);
const southRep = userId(people.southRep);
/** A statement id no row has. */
const NO_SUCH_STATEMENT = '00000000-0000-4000-8000-00000000c0de';
/** An expense claim id no row has. */
const NO_SUCH_CLAIM = '00000000-0000-4000-8000-0000000e0e0e';

/**
 * The demo records the baselines act on, looked up in the seeded database (records made through the services have
 * random ids). Each query returns `id` and `version` of one row.
 */
const FIXTURE_QUERIES = {
  repCustomer: `select id, version from customer where owner_id = '${rep}' order by code limit 1`,
  repContact: `select c.id, c.version from contact c join customer x on x.id = c.customer_id where x.owner_id = '${rep}' order by c.id limit 1`,
  repOpenOpportunity: `select id, version from opportunity where owner_id = '${rep}' and stage in ('LEAD', 'CONTACT', 'NEEDS_ANALYSIS', 'PROPOSAL') order by id limit 1`,
  repLead: `select id, version from lead where owner_id = '${rep}' order by id limit 1`,
  repComplaint: `select c.id, c.version from complaint c join customer x on x.id = c.customer_id where x.owner_id = '${rep}' order by c.id limit 1`,
  repDraftContract: `select id, version from contract where owner_id = '${rep}' and status = 'DRAFT' limit 1`,
  repActiveContract: `select id, version from contract where owner_id = '${rep}' and status = 'ACTIVE' limit 1`,
  repPendingQuote: `select q.id, q.version from quote q join opportunity o on o.id = q.opportunity_id where o.owner_id = '${rep}' and q.status = 'PENDING_APPROVAL' limit 1`,
  repAcceptedQuote: `select q.id, q.version from quote q join opportunity o on o.id = q.opportunity_id where o.owner_id = '${rep}' and q.status = 'ACCEPTED' limit 1`,
  pendingApproval: `select id, version from approval_request where status = 'PENDING' and approver_id = '${userId(people.shanghai1Manager)}' limit 1`,
  managedLead: `select l.id, l.version from lead l where l.owner_id = '${userId(people.shanghai1Teammate)}' limit 1`,
  southConfirmedOrder: `select id, version from sales_order where owner_id = '${southRep}' and status = 'CONFIRMED' limit 1`,
  southConfirmedOrderLine: `select l.id, 1 as version from order_line l join sales_order o on o.id = l.order_id where o.owner_id = '${southRep}' and o.status = 'CONFIRMED' order by l.position limit 1`,
  southApprovedQuote: `select q.id, q.version from quote q join opportunity o on o.id = q.opportunity_id where o.owner_id = '${southRep}' and q.status = 'APPROVED' limit 1`,
  southShippedShipment: `select s.id, s.version from shipment s join sales_order o on o.id = s.order_id where o.owner_id = '${southRep}' and s.status = 'SHIPPED' limit 1`,
  creditHoldOrder: `select id, version from sales_order where status = 'CREDIT_HOLD' limit 1`,
  shippedOrder: `select id, version from sales_order where status = 'SHIPPED' limit 1`,
  shippedOrderLine: `select l.id, 1 as version from order_line l join sales_order o on o.id = l.order_id where o.status = 'SHIPPED' order by l.position limit 1`,
  openPayment: `select p.id, p.version from payment p where p.status in ('UNALLOCATED', 'PARTIALLY_ALLOCATED') and exists (select 1 from invoice i where i.customer_id = p.customer_id and i.status in ('OPEN', 'PARTIALLY_PAID')) limit 1`,
  openPaymentInvoice: `select i.id, i.version from invoice i join payment p on p.customer_id = i.customer_id where p.status in ('UNALLOCATED', 'PARTIALLY_ALLOCATED') and i.status in ('OPEN', 'PARTIALLY_PAID') limit 1`,
  openInvoice: `select id, version from invoice where status in ('OPEN', 'PARTIALLY_PAID') limit 1`,
  pendingContractStep: `select c.id, c.version from contract c join contract_approval_step s on s.contract_id = c.id where s.status = 'PENDING' and s.approver_id = '${userId(people.northDirector)}' limit 1`,
  openConflict: `select id, version from channel_conflict where status = 'OPEN' limit 1`,
  sellThroughReport: `select id, 1 as version from sell_through_report limit 1`,
  product: `select id, version from product where id = '${catalog.pt100}'`,
  priceList: `select id, version from price_list where id = '${catalog.directPriceList}'`,
  apiKey: `select id, 1 as version from api_key limit 1`,
  event: `select id, 1 as version from domain_event order by position desc limit 1`,
  repDraftReport: `select id, version from work_report where author_id = '${rep}' and status = 'DRAFT' order by period_start desc limit 1`,
  repSubmittedReport: `select id, version from work_report where author_id = '${rep}' and status in ('SUBMITTED', 'LATE') and kind <> 'IMPORTANT_MATTER' order by period_start, kind limit 1`,
  repImportantMatter: `select id, version from work_report where author_id = '${rep}' and kind = 'IMPORTANT_MATTER' limit 1`,
  teamMeeting: `select id, version from meeting where org_unit_id = '${units.shanghai1}' order by held_on limit 1`,
  teamOpenActionItem: `select i.id, i.version from meeting_action_item i join meeting m on m.id = i.meeting_id where m.org_unit_id = '${units.shanghai1}' and i.status = 'OPEN' limit 1`,
  expenseCategory: `select id, version from expense_category where code = 'TRAVEL'`,
  repVisitPlan: `select id, version from visit_plan where planned_by_id = '${rep}' and status = 'PLANNED' and planned_at > now() order by planned_at, id limit 1`,
  repVisit: `select id, version from visit where visited_by_id = '${rep}' order by visited_on desc, id limit 1`,
} as const;

export type Fixtures = Record<keyof typeof FIXTURE_QUERIES, Ref> & { today: string; eventCursor: string };

/** Looks the fixtures up; a missing row fails here, not as a puzzling case later. */
export async function loadFixtures(em: EntityManager): Promise<Fixtures> {
  const connection = em.getConnection();
  const found: Partial<Record<string, Ref>> = {};
  for (const [name, sql] of Object.entries(FIXTURE_QUERIES)) {
    const [row] = await connection.execute<Ref[]>(sql);
    if (row === undefined) throw new Error(`bad-input fixture ${name}: no row for ${sql}`);
    found[name] = { id: row.id, version: Number(row.version) };
  }
  const [{ today }] = await connection.execute<{ today: string }[]>(`select current_date::text as today`);
  const [{ position }] = await connection.execute<{ position: string }[]>(`select max(position)::text as position from domain_event`);
  return { ...(found as Record<keyof typeof FIXTURE_QUERIES, Ref>), today, eventCursor: position };
}

/** The first day of `today`'s month, or of the month `after` months later (YYYY-MM-DD). */
export function monthStart(today: string, after = 0): string {
  const month = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 + after, 1));
  return month.toISOString().slice(0, 10);
}

/** A day `days` after `today` (YYYY-MM-DD). */
export function dayAfter(today: string, days: number): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * How one operation is called correctly: who sends it and the arguments that pass (or would pass) every rule. The
 * corpus changes one value at a time from here, so each case's error is about that value alone. Required fields a
 * baseline leaves out are filled with plain valid values of their type by the generator.
 */
export interface Baseline {
  as: Actor;
  args(f: Fixtures): Record<string, unknown>;
  /**
   * Someone who may call the operation but must not reach its records: the same arguments are refused for them
   * (NOT_FOUND, FORBIDDEN or BAD_USER_INPUT naming the id; a list query merely finds nothing).
   */
  outsider?: Actor;
}

const line = (f: Fixtures) => ({ productId: f.product.id, quantity: 2, discountPercent: '0' });

/** Every query and mutation that takes arguments, with its baseline. */
export const BASELINES: Record<string, Baseline> = {
  // Sign-in, org and API keys.
  'Mutation.login': { as: 'anonymous', args: () => ({ email: people.shanghai1Rep.email, password: 'not the password' }) },
  'Query.user': { as: 'shanghai1Rep', args: () => ({ id: userId(people.shanghai1Teammate) }) },
  'Query.users': { as: 'shanghai1Rep', args: () => ({ first: 5, filter: { unitId: units.shanghai1 } }) },
  'Query.orgUnit': { as: 'shanghai1Rep', args: () => ({ id: units.shanghai1 }) },
  'Query.orgUnits': { as: 'shanghai1Rep', args: () => ({ kind: 'TEAM' }) },
  'Query.apiKeys': { as: 'admin', args: () => ({ userId: userId(people.integration) }) },
  'Mutation.createApiKey': { as: 'admin', args: (f) => ({ input: { name: 'Corpus key', scopes: ['READ_ORG'], expiresAt: `${dayAfter(f.today, 30)}T00:00:00.000Z` } }) },
  'Mutation.revokeApiKey': { as: 'admin', args: (f) => ({ id: f.apiKey.id }), outsider: 'shanghai1Rep' },

  // Catalogue (admins write it).
  'Query.product': { as: 'shanghai1Rep', args: (f) => ({ id: f.product.id }) },
  'Query.products': { as: 'shanghai1Rep', args: () => ({ first: 5, filter: { search: 'PT100', productLineId: catalog.sensorLine } }) },
  'Query.priceList': { as: 'shanghai1Rep', args: (f) => ({ id: f.priceList.id }) },
  'Query.priceLists': { as: 'shanghai1Rep', args: (f) => ({ filter: { channel: 'DIRECT', regionId: units.east, activeOn: f.today } }) },
  'Mutation.createProduct': {
    as: 'admin',
    args: () => ({ input: { sku: 'SEN-CORPUS-01', name: '语料传感器', unit: '只', productLineId: catalog.sensorLine, unitCost: '12.50' } }),
  },
  'Mutation.updateProduct': { as: 'admin', args: (f) => ({ id: f.product.id, version: f.product.version, input: { name: '语料传感器' } }) },
  'Mutation.createPriceList': {
    as: 'admin',
    args: (f) => ({ input: { name: '语料价目表', currency: 'CNY', channel: 'ONLINE', regionId: units.east, validFrom: dayAfter(f.today, 400), validTo: dayAfter(f.today, 430) } }),
  },
  'Mutation.setPriceListEntry': {
    as: 'admin',
    args: (f) => ({ input: { priceListId: f.priceList.id, productId: f.product.id, listPrice: '200.00', floorPrice: '150.00', quantityBreaks: [{ minQuantity: 10, unitPrice: '180.00' }] } }),
  },

  // Customers and their records.
  'Query.customer': { as: 'shanghai1Rep', args: (f) => ({ id: f.repCustomer.id }), outsider: 'northRep' },
  'Query.customers': { as: 'shanghai1Rep', args: () => ({ first: 5, orderBy: 'NAME_ASC', filter: { search: '宝钢', regionId: units.east, tiers: ['A', 'B'] } }) },
  'Mutation.createCustomer': { as: 'shanghai1Rep', args: () => ({ input: { name: '语料客户有限公司', regionId: units.east, industry: '制造', tags: ['语料'] } }) },
  'Mutation.updateCustomer': { as: 'shanghai1Rep', args: (f) => ({ id: f.repCustomer.id, version: f.repCustomer.version, input: { industry: '冶金' } }), outsider: 'northRep' },
  'Mutation.setCustomerTier': { as: 'shanghai1Manager', args: (f) => ({ id: f.repCustomer.id, version: f.repCustomer.version, tier: 'A' }), outsider: 'northRep' },
  'Mutation.setCustomerCreditLimit': { as: 'finance', args: (f) => ({ id: f.repCustomer.id, version: f.repCustomer.version, creditLimit: '500000.00' }), outsider: 'northDirector' },
  'Mutation.createContact': { as: 'shanghai1Rep', args: (f) => ({ input: { customerId: f.repCustomer.id, name: '语料联系人', phone: '13800000000', email: 'corpus@example.com' } }), outsider: 'northRep' },
  'Mutation.updateContact': { as: 'shanghai1Rep', args: (f) => ({ id: f.repContact.id, version: f.repContact.version, input: { title: '采购经理' } }), outsider: 'northRep' },
  'Query.visits': { as: 'shanghai1Rep', args: (f) => ({ first: 5, filter: { customerId: f.repCustomer.id, from: dayAfter(f.today, -90), to: f.today } }) },
  'Mutation.logVisit': { as: 'shanghai1Rep', args: (f) => ({ input: { customerId: f.repCustomer.id, visitedOn: f.today, purpose: '回访', outcome: '顺利' } }), outsider: 'northRep' },
  // Follow-up log, visit plans and check-ins (the demo follow-ups are seeded for these).
  'Query.followUps': { as: 'shanghai1Rep', args: (f) => ({ opportunityId: f.repOpenOpportunity.id, first: 5 }) },
  'Mutation.logFollowUp': {
    as: 'shanghai1Rep',
    args: (f) => ({ input: { opportunityId: f.repOpenOpportunity.id, kind: 'CALL', summary: '语料跟进', nextStep: '回电', nextStepDate: dayAfter(f.today, 3) } }),
    outsider: 'northRep',
  },
  'Query.visitPlans': { as: 'shanghai1Rep', args: (f) => ({ first: 5, filter: { customerId: f.repCustomer.id, statuses: ['PLANNED', 'MISSED'] } }) },
  'Query.visitPlan': { as: 'shanghai1Rep', args: (f) => ({ id: f.repVisitPlan.id }), outsider: 'northRep' },
  'Mutation.createVisitPlan': {
    as: 'shanghai1Rep',
    args: (f) => ({ input: { customerId: f.repCustomer.id, plannedAt: `${dayAfter(f.today, 3)}T02:00:00.000Z`, purpose: '语料拜访', recurrenceEvery: 2, recurrenceUnit: 'WEEK' } }),
    outsider: 'northRep',
  },
  'Mutation.cancelVisitPlan': { as: 'shanghai1Rep', args: (f) => ({ id: f.repVisitPlan.id, version: f.repVisitPlan.version, reason: '语料取消' }), outsider: 'northRep' },
  'Mutation.completeVisitPlan': {
    as: 'shanghai1Rep',
    args: (f) => ({ id: f.repVisitPlan.id, version: f.repVisitPlan.version, input: { visitedOn: f.today, outcome: '顺利', checkIn: { latitude: 31.2, longitude: 121.4, accuracyMetres: 10 } } }),
    outsider: 'northRep',
  },
  'Mutation.checkInVisit': { as: 'shanghai1Rep', args: (f) => ({ visitId: f.repVisit.id, input: { latitude: 31.2, longitude: 121.4, accuracyMetres: 10 } }), outsider: 'northRep' },
  'Query.complaints': { as: 'shanghai1Rep', args: (f) => ({ first: 5, filter: { customerId: f.repCustomer.id, statuses: ['OPEN'] } }) },
  'Mutation.openComplaint': { as: 'shanghai1Rep', args: (f) => ({ input: { customerId: f.repCustomer.id, title: '语料投诉', description: '描述', severity: 'LOW' } }), outsider: 'northRep' },
  'Mutation.updateComplaint': { as: 'shanghai1Rep', args: (f) => ({ id: f.repComplaint.id, version: f.repComplaint.version, input: { status: 'CLOSED', resolution: '已处理' } }), outsider: 'northRep' },
  'Query.surveys': { as: 'shanghai1Rep', args: (f) => ({ customerId: f.repCustomer.id }) },
  'Mutation.recordSurvey': { as: 'shanghai1Rep', args: (f) => ({ input: { customerId: f.repCustomer.id, score: 4, comment: '满意' } }), outsider: 'northRep' },

  // Pipeline.
  'Query.opportunity': { as: 'shanghai1Rep', args: (f) => ({ id: f.repOpenOpportunity.id }), outsider: 'northRep' },
  'Query.opportunities': {
    as: 'shanghai1Rep',
    args: (f) => ({ first: 5, orderBy: 'AMOUNT_DESC', filter: { stages: ['PROPOSAL'], amountMin: '1000.00', amountMax: '9000000.00', closeDateFrom: f.today, search: '改造' } }),
  },
  'Mutation.createOpportunity': {
    as: 'shanghai1Rep',
    args: (f) => ({ input: { customerId: f.repCustomer.id, name: '语料商机', amount: '120000.00', currency: 'CNY', expectedCloseDate: dayAfter(f.today, 60), productLineIds: [catalog.sensorLine] } }),
    outsider: 'northRep',
  },
  'Mutation.updateOpportunity': {
    as: 'shanghai1Rep',
    args: (f) => ({ id: f.repOpenOpportunity.id, version: f.repOpenOpportunity.version, input: { amount: '130000.00', nextStep: '报价' } }),
    outsider: 'northRep',
  },
  'Mutation.moveOpportunityStage': {
    as: 'shanghai1Rep',
    args: (f) => ({ id: f.repOpenOpportunity.id, version: f.repOpenOpportunity.version, input: { stage: 'LOST', reason: '预算取消' } }),
    outsider: 'northRep',
  },
  'Query.leads': { as: 'shanghai1Rep', args: () => ({ first: 5, filter: { statuses: ['CONTACTED'], search: '自动化' } }) },
  'Query.lead': { as: 'shanghai1Rep', args: (f) => ({ id: f.repLead.id }), outsider: 'northRep' },
  'Mutation.createLead': { as: 'shanghai1Rep', args: () => ({ input: { source: 'WEBSITE', company: '语料线索公司', contactName: '王先生', email: 'lead@example.com', regionId: units.east } }) },
  'Mutation.assignLead': { as: 'shanghai1Manager', args: (f) => ({ id: f.managedLead.id, version: f.managedLead.version, input: { ownerId: rep } }), outsider: 'northDirector' },
  'Mutation.updateLeadStatus': { as: 'shanghai1Rep', args: (f) => ({ id: f.repLead.id, version: f.repLead.version, input: { status: 'DISQUALIFIED', reason: '无预算' } }), outsider: 'northRep' },
  'Mutation.convertLead': {
    as: 'shanghai1Rep',
    args: (f) => ({
      id: f.repLead.id,
      version: f.repLead.version,
      input: { customer: { name: '语料转化客户', regionId: units.east }, opportunity: { name: '语料转化商机', amount: '80000.00', productLineIds: [catalog.sensorLine] } },
    }),
    outsider: 'northRep',
  },
  'Query.quote': { as: 'shanghai1Rep', args: (f) => ({ id: f.repPendingQuote.id }), outsider: 'northRep' },
  'Query.quotes': { as: 'shanghai1Rep', args: (f) => ({ opportunityId: f.repOpenOpportunity.id }) },
  'Mutation.createQuote': {
    as: 'shanghai1Rep',
    args: (f) => ({ input: { opportunityId: f.repOpenOpportunity.id, validUntil: dayAfter(f.today, 30), note: '语料', lines: [line(f)] } }),
    outsider: 'northRep',
  },
  'Mutation.submitQuote': { as: 'shanghai1Rep', args: (f) => ({ id: f.repPendingQuote.id, version: f.repPendingQuote.version, note: '请审批' }), outsider: 'northRep' },
  'Mutation.acceptQuote': { as: 'southRep', args: (f) => ({ id: f.southApprovedQuote.id, version: f.southApprovedQuote.version }), outsider: 'shanghai1Rep' },
  'Query.approval': { as: 'shanghai1Manager', args: (f) => ({ id: f.pendingApproval.id }), outsider: 'northDirector' },
  'Query.approvals': { as: 'shanghai1Manager', args: () => ({ first: 5, filter: { statuses: ['PENDING'], addressedToMe: true } }) },
  'Mutation.approve': { as: 'shanghai1Manager', args: (f) => ({ id: f.pendingApproval.id, version: f.pendingApproval.version, comment: '同意' }), outsider: 'northDirector' },
  'Mutation.reject': { as: 'shanghai1Manager', args: (f) => ({ id: f.pendingApproval.id, version: f.pendingApproval.version, comment: '折扣过高' }), outsider: 'northDirector' },

  // Order to cash.
  'Query.contract': { as: 'shanghai1Rep', args: (f) => ({ id: f.repDraftContract.id }), outsider: 'northRep' },
  'Query.contracts': { as: 'shanghai1Rep', args: (f) => ({ first: 5, orderBy: 'END_DATE_ASC', filter: { statuses: ['DRAFT', 'ACTIVE'], endDateFrom: f.today } }) },
  'Query.renewalsDue': { as: 'shanghai1Rep', args: () => ({ first: 5, withinDays: 90 }) },
  'Mutation.createContract': {
    as: 'shanghai1Rep',
    args: (f) => ({ input: { quoteId: f.repAcceptedQuote.id, title: '语料合同', startDate: f.today, endDate: dayAfter(f.today, 365), paymentTermsDays: 30 } }),
    outsider: 'northRep',
  },
  'Mutation.updateContract': { as: 'shanghai1Rep', args: (f) => ({ id: f.repDraftContract.id, version: f.repDraftContract.version, input: { title: '语料合同（修订）' } }), outsider: 'northRep' },
  'Mutation.submitContract': { as: 'shanghai1Rep', args: (f) => ({ id: f.repDraftContract.id, version: f.repDraftContract.version }), outsider: 'northRep' },
  'Mutation.signContract': { as: 'shanghai1Rep', args: (f) => ({ id: f.repDraftContract.id, version: f.repDraftContract.version, signedOn: f.today }), outsider: 'northRep' },
  'Mutation.approveContract': { as: 'northDirector', args: (f) => ({ id: f.pendingContractStep.id, version: f.pendingContractStep.version, comment: '同意' }), outsider: 'eastDirector' },
  'Mutation.rejectContract': { as: 'northDirector', args: (f) => ({ id: f.pendingContractStep.id, version: f.pendingContractStep.version, comment: '金额过大' }), outsider: 'eastDirector' },
  'Mutation.terminateContract': { as: 'shanghai1Manager', args: (f) => ({ id: f.repActiveContract.id, version: f.repActiveContract.version, reason: '客户违约' }), outsider: 'northDirector' },
  'Query.order': { as: 'southRep', args: (f) => ({ id: f.southConfirmedOrder.id }), outsider: 'shanghai1Rep' },
  'Query.orders': { as: 'shanghai1Rep', args: (f) => ({ first: 5, orderBy: 'TOTAL_DESC', filter: { customerId: f.repCustomer.id, statuses: ['INVOICED'], createdFrom: '2020-01-01T00:00:00.000Z' } }) },
  'Mutation.placeOrder': {
    as: 'shanghai1Rep',
    args: (f) => ({ input: { customerId: f.repCustomer.id, lines: [line(f)], requestedDeliveryDate: dayAfter(f.today, 14), deliveryAddress: '上海市浦东新区' } }),
    outsider: 'northRep',
  },
  'Mutation.cancelOrder': { as: 'southRep', args: (f) => ({ id: f.southConfirmedOrder.id, version: f.southConfirmedOrder.version, reason: '客户取消' }), outsider: 'shanghai1Rep' },
  'Mutation.releaseCreditHold': { as: 'finance', args: (f) => ({ id: f.creditHoldOrder.id, version: f.creditHoldOrder.version, comment: '已核实' }), outsider: 'shanghai1Rep' },
  'Mutation.rejectCreditHold': { as: 'finance', args: (f) => ({ id: f.creditHoldOrder.id, version: f.creditHoldOrder.version, comment: '超出信用' }), outsider: 'shanghai1Rep' },
  // Commission statements (the demo template has none): a well-formed id is looked up after the input is checked.
  'Mutation.approveCommissionStatement': { as: 'shanghai1Manager', args: () => ({ id: NO_SUCH_STATEMENT, version: 1 }) },
  'Mutation.finalizeCommissionStatement': { as: 'finance', args: () => ({ id: NO_SUCH_STATEMENT, version: 1 }) },
  'Mutation.markCommissionStatementPaid': { as: 'finance', args: (f) => ({ id: NO_SUCH_STATEMENT, version: 1, payment: { paidOn: f.today, reference: '工资单 2026-06' } }) },

  // Expenses.
  'Query.expenseClaims': { as: 'shanghai1Rep', args: () => ({ first: 5, filter: { statuses: ['SUBMITTED'], claimantId: userId(people.shanghai1Rep), awaitingMyApproval: false } }) },
  'Query.expenseClaim': { as: 'shanghai1Rep', args: () => ({ id: NO_SUCH_CLAIM }) },
  'Query.expenseBudgets': { as: 'eastDirector', args: () => ({ first: 5, filter: { orgUnitId: units.east, periodKind: 'MONTH', periodStart: '2026-11-01' } }) },
  'Query.expenseBudgetUsage': { as: 'eastDirector', args: () => ({ periodKind: 'MONTH', periodStart: '2026-11-01', orgUnitId: units.east }) },
  'Query.expenseCostAnalysis': { as: 'eastDirector', args: () => ({ from: '2026-11-01', to: '2026-11-30', orgUnitId: units.east }) },
  'Mutation.setExpenseBudget': {
    as: 'eastDirector',
    args: (f) => ({ input: { orgUnitId: units.east, periodKind: 'MONTH', periodStart: '2026-11-01', note: '11月预算', lines: [{ categoryId: f.expenseCategory.id, amount: '50000' }] } }),
  },
  'Mutation.createExpenseClaim': {
    as: 'shanghai1Rep',
    args: (f) => ({
      input: {
        title: '11月 差旅',
        currency: 'CNY',
        lines: [
          {
            categoryId: f.expenseCategory.id,
            spentOn: f.today,
            amount: '860.50',
            description: '拜访客户 差旅',
            receipt: { fileName: 'hotel.pdf', contentType: 'application/pdf', size: 48213, sha256: 'a'.repeat(64), storageKey: 'receipts/hotel.pdf' },
          },
        ],
      },
    }),
  },
  'Mutation.updateExpenseClaim': { as: 'shanghai1Rep', args: () => ({ id: NO_SUCH_CLAIM, version: 1, input: { title: '11月 差旅' } }) },
  'Mutation.submitExpenseClaim': { as: 'shanghai1Rep', args: () => ({ id: NO_SUCH_CLAIM, version: 1 }) },
  'Mutation.approveExpenseClaim': { as: 'shanghai1Manager', args: () => ({ id: NO_SUCH_CLAIM, version: 1, comment: '同意' }) },
  'Mutation.returnExpenseClaim': { as: 'shanghai1Manager', args: () => ({ id: NO_SUCH_CLAIM, version: 1, reason: '请补充发票' }) },
  'Mutation.rejectExpenseClaim': { as: 'shanghai1Manager', args: () => ({ id: NO_SUCH_CLAIM, version: 1, reason: '不属于报销范围' }) },
  'Mutation.auditReturnExpenseClaim': { as: 'finance', args: () => ({ id: NO_SUCH_CLAIM, version: 1, reason: '发票抬头有误' }) },
  'Mutation.correctExpenseClaimLine': { as: 'finance', args: () => ({ id: NO_SUCH_CLAIM, version: 1, correction: { lineId: NO_SUCH_CLAIM, amount: '100', reason: '超标准部分不予报销' } }) },
  'Mutation.markExpenseClaimPaid': { as: 'finance', args: (f) => ({ id: NO_SUCH_CLAIM, version: 1, payment: { paidOn: f.today, reference: 'BANK-2026-11' } }) },
  'Query.shipment': { as: 'southRep', args: (f) => ({ id: f.southShippedShipment.id }), outsider: 'shanghai1Rep' },
  'Query.shipments': { as: 'southRep', args: (f) => ({ first: 5, filter: { orderId: f.southConfirmedOrder.id, statuses: ['SHIPPED'] } }) },
  'Mutation.createShipment': {
    as: 'southRep',
    args: (f) => ({ input: { orderId: f.southConfirmedOrder.id, shippedOn: f.today, carrier: '顺丰', trackingNumber: 'SF100', lines: [{ orderLineId: f.southConfirmedOrderLine.id, quantity: 1, batchNumber: 'B-CORPUS-1' }] } }),
    outsider: 'shanghai1Rep',
  },
  'Mutation.confirmDelivery': {
    as: 'southRep',
    args: (f) => ({ id: f.southShippedShipment.id, version: f.southShippedShipment.version, deliveredOn: f.today, receivedBy: '仓库张工' }),
    outsider: 'shanghai1Rep',
  },
  'Query.batchTrace': { as: 'shanghai1Rep', args: () => ({ batchNumber: 'B2026-1102' }) },
  'Query.invoice': { as: 'finance', args: (f) => ({ id: f.openInvoice.id }) },
  'Query.invoices': { as: 'finance', args: (f) => ({ first: 5, orderBy: 'DUE_DATE_ASC', filter: { statuses: ['OPEN'], overdue: false, issueDateFrom: dayAfter(f.today, -365), issueDateTo: f.today } }) },
  'Mutation.createInvoice': {
    as: 'finance',
    args: (f) => ({ input: { orderId: f.shippedOrder.id, issueDate: f.today, lines: [{ orderLineId: f.shippedOrderLine.id, quantity: 1 }] } }),
    outsider: 'shanghai1Rep',
  },
  'Query.payment': { as: 'finance', args: (f) => ({ id: f.openPayment.id }) },
  'Query.payments': { as: 'finance', args: (f) => ({ first: 5, filter: { statuses: ['UNALLOCATED'], receivedFrom: dayAfter(f.today, -365), receivedTo: f.today } }) },
  'Mutation.recordPayment': {
    as: 'finance',
    args: (f) => ({ input: { customerId: f.repCustomer.id, amount: '1000.00', receivedOn: f.today, method: 'BANK_TRANSFER', reference: 'CORPUS-1', note: '语料' } }),
    outsider: 'shanghai1Rep',
  },
  'Mutation.allocatePayment': {
    as: 'finance',
    args: (f) => ({ paymentId: f.openPayment.id, version: f.openPayment.version, allocations: [{ invoiceId: f.openPaymentInvoice.id, amount: '1.00' }] }),
    outsider: 'shanghai1Rep',
  },
  'Query.receivablesAging': { as: 'finance', args: (f) => ({ groupBy: 'REGION', asOf: f.today }) },
  'Query.collectionPerformance': { as: 'finance', args: (f) => ({ from: dayAfter(f.today, -90), to: f.today }) },

  // Achievement, KPIs and rankings.
  'Query.performance': { as: 'shanghai1Manager', args: () => ({ subject: { userId: rep }, period: { kind: 'MONTH', start: '2026-11-01' } }), outsider: 'northDirector' },
  'Query.performanceBreakdown': {
    as: 'eastDirector',
    args: () => ({ orgUnitId: units.east, period: { yearToDate: true, asOf: '2026-11-30' }, metric: 'BOOKED_SALES', depth: 2 }),
    outsider: 'northDirector',
  },
  'Query.performanceFacts': {
    as: 'shanghai1Manager',
    args: () => ({ subject: { userId: rep }, period: { kind: 'QUARTER', start: '2026-10-01' }, metric: 'BOOKED_SALES', first: 5 }),
    outsider: 'northDirector',
  },
  'Mutation.createSalesContest': {
    as: 'shanghai1Manager',
    args: () => ({ input: { name: '语料竞赛', metric: 'BOOKED_SALES', periodKind: 'QUARTER', periodStart: '2026-10-01', orgUnitId: units.shanghai1 } }),
    outsider: 'northDirector',
  },
  'Query.leaderboard': { as: 'shanghai1Rep', args: () => ({ metric: 'VISITS', period: { kind: 'YEAR', start: '2026-01-01' }, scope: units.shanghai1 }), outsider: 'northRep' },

  // Channels.
  'Query.sellThroughReport': { as: 'partner', args: (f) => ({ id: f.sellThroughReport.id }) },
  'Query.sellThroughReports': { as: 'partner', args: (f) => ({ first: 5, filter: { periodFrom: dayAfter(f.today, -365), periodTo: f.today } }) },
  'Mutation.submitSellThroughReport': {
    as: 'partner',
    args: (f) => ({
      input: {
        periodStart: dayAfter(f.today, -400),
        periodEnd: dayAfter(f.today, -370),
        lines: [{ productId: f.product.id, quantity: 5, batchNumber: 'B-CORPUS-9', endCustomerName: '语料终端客户', saleRegionId: units.south, soldOn: dayAfter(f.today, -380) }],
      },
    }),
  },
  'Query.channelConflict': { as: 'vp', args: (f) => ({ id: f.openConflict.id }), outsider: 'shanghai1Rep' },
  'Query.channelConflicts': { as: 'vp', args: () => ({ first: 5, filter: { statuses: ['OPEN'], kinds: ['SALE_OUTSIDE_REGION'] } }) },
  'Mutation.resolveChannelConflict': { as: 'vp', args: (f) => ({ id: f.openConflict.id, version: f.openConflict.version, status: 'DISMISSED', resolution: '已核实' }), outsider: 'southRep' },

  // Events and webhooks.
  'Query.events': { as: 'shanghai1Rep', args: (f) => ({ first: 5, filter: { types: ['opportunity.won'], opportunityId: f.repOpenOpportunity.id } }) },
  'Query.webhookDeliveries': { as: 'admin', args: (f) => ({ webhookId: f.product.id, first: 5, eventId: f.event.id }) },
  'Mutation.createWebhook': { as: 'admin', args: () => ({ input: { url: 'https://erp.example.com/salesgraph', eventTypes: ['opportunity.won'] } }) },
  'Mutation.redeliver': { as: 'admin', args: (f) => ({ webhookId: f.product.id, eventId: f.event.id }) },
  'Mutation.replay': { as: 'admin', args: (f) => ({ webhookId: f.product.id, from: f.eventCursor }) },

  // Work reports and meetings.
  'Query.workReports': { as: 'shanghai1Manager', args: (f) => ({ first: 5, filter: { authorId: rep, kind: 'WEEKLY', status: 'SUBMITTED', from: dayAfter(f.today, -60), to: f.today } }) },
  'Query.workReport': { as: 'shanghai1Manager', args: (f) => ({ id: f.repSubmittedReport.id }), outsider: 'shanghai2Manager' },
  'Query.proposeDailyReport': { as: 'shanghai1Rep', args: (f) => ({ date: f.today }) },
  'Query.reportCompliance': {
    as: 'shanghai1Manager',
    args: (f) => ({ kind: 'WEEKLY', from: dayAfter(f.today, -14), to: f.today, orgUnitId: units.shanghai1 }),
    outsider: 'shanghai2Manager',
  },
  'Mutation.createWorkReport': { as: 'shanghai1Rep', args: (f) => ({ input: { kind: 'WEEKLY', date: f.today, progress: '语料进展', plan: '语料计划' } }) },
  'Mutation.updateWorkReport': {
    as: 'shanghai1Rep',
    args: (f) => ({ id: f.repDraftReport.id, version: f.repDraftReport.version, input: { plan: '语料计划', visitIds: [] } }),
    outsider: 'shanghai1Teammate',
  },
  'Mutation.submitWorkReport': { as: 'shanghai1Rep', args: (f) => ({ id: f.repDraftReport.id, version: f.repDraftReport.version }), outsider: 'shanghai1Teammate' },
  'Mutation.reviewWorkReport': {
    as: 'shanghai1Manager',
    args: (f) => ({ id: f.repSubmittedReport.id, version: f.repSubmittedReport.version, input: { score: 4, comment: '语料点评' } }),
    outsider: 'shanghai2Manager',
  },
  'Mutation.acknowledgeWorkReport': { as: 'shanghai1Manager', args: (f) => ({ id: f.repImportantMatter.id, comment: '已阅' }), outsider: 'northDirector' },
  'Query.meeting': { as: 'shanghai1Manager', args: (f) => ({ id: f.teamMeeting.id }), outsider: 'shanghai2Manager' },
  'Query.meetings': { as: 'shanghai1Manager', args: (f) => ({ first: 5, filter: { kind: 'TEAM', orgUnitId: units.shanghai1, from: dayAfter(f.today, -90), to: f.today } }) },
  'Mutation.createMeeting': {
    as: 'shanghai1Manager',
    args: (f) => ({
      input: {
        kind: 'TEAM',
        orgUnitId: units.shanghai1,
        heldOn: f.today,
        title: '语料会议',
        minutes: '语料纪要',
        attendeeIds: [userId(people.shanghai1Manager), rep],
        actionItems: [{ description: '语料事项', ownerId: rep, dueOn: dayAfter(f.today, 7) }],
      },
    }),
    outsider: 'shanghai2Manager',
  },
  'Mutation.updateMeeting': {
    as: 'shanghai1Manager',
    args: (f) => ({ id: f.teamMeeting.id, version: f.teamMeeting.version, input: { minutes: '语料纪要', addActionItems: [{ description: '语料事项', ownerId: rep, dueOn: dayAfter(f.today, 7) }] } }),
    outsider: 'shanghai2Manager',
  },
  'Mutation.setActionItemStatus': { as: 'shanghai1Manager', args: (f) => ({ id: f.teamOpenActionItem.id, version: f.teamOpenActionItem.version, status: 'DONE' }), outsider: 'shanghai2Manager' },
  // Notifications: a person's own inbox.
  'Query.notifications': { as: 'shanghai1Rep', args: () => ({ first: 5, filter: { unreadOnly: true, kinds: ['APPROVAL_WAITING', 'LEAD_UNWORKED'] } }) },
  'Mutation.markNotificationsRead': { as: 'shanghai1Rep', args: () => ({ ids: ['00000000-0000-4000-8000-00000000a11e'] }) },
  'Mutation.setNotificationPreferences': { as: 'shanghai1Rep', args: () => ({ preferences: [{ kind: 'LEAD_UNWORKED', inApp: true, email: true }] }) },
  'Mutation.runNotificationRules': { as: 'admin', args: () => ({ kinds: ['RENEWAL_DUE'] }) },
  // Rolling forecasts (schema/forecasts): months are first days, the current month (company time) first.
  'Query.forecastRollup': { as: 'vp', args: (f) => ({ from: monthStart(f.today), months: 3 }) },
  'Query.forecastAccuracy': { as: 'vp', args: () => ({ from: '2026-01-01', to: '2026-06-01' }) },
  'Query.proposeForecast': { as: 'shanghai1Rep', args: () => ({ months: 3 }) },
  'Mutation.submitForecast': {
    as: 'shanghai1Rep',
    args: (f) => ({
      input: { lines: [0, 1, 2].map((after) => ({ month: monthStart(f.today, after), commit: '1000', bestCase: '2000', pipeline: '3000' })), note: '语料预测' },
    }),
  },
  'Mutation.adjustForecast': {
    as: 'shanghai1Manager',
    args: (f) => ({ input: { orgUnitId: units.shanghai1, month: monthStart(f.today), commit: '1000', bestCase: '2000', pipeline: '3000', reason: '语料调整' } }),
  },
};
