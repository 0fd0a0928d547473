import type { FilterQuery } from '@mikro-orm/postgresql';
import { MATCHES_NOTHING } from '../../api/data-loaders';
import { rolesRule, rowReaders, signedInPersonWithRole, type SqlAccessRule } from '../../api/permissions/access-rule';
import { isPartner, managesUser, reachableOwnerIds, seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { Role, SALES_LINE_ROLES } from '../org/org.enums';
import type { Contract } from './entities/contract.entity';
import type { ContractLine } from './entities/contract-line.entity';
import type { Invoice } from './entities/invoice.entity';
import type { Payment } from './entities/payment.entity';
import type { SalesOrder } from './entities/sales-order.entity';
import type { Shipment } from './entities/shipment.entity';

export { internalReaders } from '../org/org.policy';
export { costReaders } from '../catalog/catalog.policy';

/** Contracts, orders, shipments, invoices and payments: whoever the row scope lets see the row. */
export const ordersReaders = rowReaders;

/** Sales roles that work their own and their reports' business. */
const DEAL_ROLES: readonly Role[] = [Role.SALES_REP, Role.KEY_ACCOUNT_MANAGER, Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR];

/**
 * Records of the customers the viewer owns or manages, and for key account managers their accounts' too. The
 * key-account branch only for that role, as in the deal scopes, so everyone else gets an index-friendly owner test.
 */
function ownedManagedOrKeyAccount<Row extends { owner: unknown; customer: unknown }>(viewer: Viewer): FilterQuery<Row> {
  const owned = { owner: { $in: reachableOwnerIds(viewer) } };
  if (viewer.role !== Role.KEY_ACCOUNT_MANAGER) return owned as FilterQuery<Row>;
  return { $or: [owned, { customer: { keyAccountManager: viewer.userId } }] } as FilterQuery<Row>;
}

function salesScope<Row extends { owner: unknown; customer: unknown }>(viewer: Viewer, companyWide: readonly Role[]): FilterQuery<Row> {
  if (companyWide.includes(viewer.role)) return {};
  if (!DEAL_ROLES.includes(viewer.role)) return MATCHES_NOTHING as unknown as FilterQuery<Row>;
  return ownedManagedOrKeyAccount<Row>(viewer);
}

/**
 * Contracts: the owner, the owner's management chain and the customer's key account manager; the VP, admins,
 * finance, integrations, and service and support staff (who serve under them; the amounts are guarded). Partners
 * sign no contracts here and see none.
 */
export function contractRowScope(viewer: Viewer): FilterQuery<Contract> {
  if (isPartner(viewer)) return MATCHES_NOTHING;
  return salesScope<Contract>(viewer, [Role.ADMIN, Role.SALES_VP, Role.FINANCE, Role.INTEGRATION, Role.CUSTOMER_SERVICE, Role.TECH_SUPPORT]);
}

/**
 * Orders: as contracts (service staff track orders and deliveries, support traces batches for recalls; the money is
 * guarded by `orderAmountReaders`); a partner sees the orders its distributor placed for customers in its regions.
 */
export function orderRowScope(viewer: Viewer): FilterQuery<SalesOrder> {
  if (isPartner(viewer)) {
    if (viewer.distributorId === null) return MATCHES_NOTHING;
    return { distributor: viewer.distributorId, customer: { region: { $in: [...viewer.distributorRegionIds] } } };
  }
  return salesScope<SalesOrder>(viewer, [Role.ADMIN, Role.SALES_VP, Role.FINANCE, Role.INTEGRATION, Role.CUSTOMER_SERVICE, Role.TECH_SUPPORT]);
}

/** Shipments are seen with their order. */
export function shipmentRowScope(viewer: Viewer): FilterQuery<Shipment> {
  return { order: orderRowScope(viewer) };
}

/** Invoices: the owner, chain and key account manager; the VP, admins, finance, integrations; a partner its orders'. */
export function invoiceRowScope(viewer: Viewer): FilterQuery<Invoice> {
  if (isPartner(viewer)) return { order: orderRowScope(viewer) };
  return salesScope<Invoice>(viewer, [Role.ADMIN, Role.SALES_VP, Role.FINANCE, Role.INTEGRATION]);
}

/** Payments: as invoices, but never partners (a customer's payments are not the distributor's business). */
export function paymentRowScope(viewer: Viewer): FilterQuery<Payment> {
  if (isPartner(viewer)) return MATCHES_NOTHING;
  return salesScope<Payment>(viewer, [Role.ADMIN, Role.SALES_VP, Role.FINANCE, Role.INTEGRATION]);
}

/** Finance and the VP and admins see every amount and payment detail of the company. */
function financeOrWholeCompany(viewer: Viewer): boolean {
  return seesWholeCompany(viewer) || viewer.role === Role.FINANCE;
}

/**
 * Who reads booked business (contract amounts and prices, order totals, invoice and payment amounts) company-wide:
 * finance, the VP and admins, and integrations, since the ERP books it. Pipeline amounts (`Opportunity.amount`) and
 * payment bank details stay hidden from integrations.
 */
function readsBookedBusiness(viewer: Viewer): boolean {
  return financeOrWholeCompany(viewer) || viewer.role === Role.INTEGRATION;
}

/**
 * A contract's amount and prices: the owner, the owner's management chain, the customer's key account manager,
 * finance, integrations (booked business), the VP and admins. Service and support see the contract without its money.
 */
export const contractAmountReaders: SqlAccessRule<Contract> = {
  name: 'contract-amount-readers',
  description: 'the owner, the owner’s management chain, the customer’s key account manager, finance, integrations (booked business, for the ERP), the VP and admins; not customer service or technical support',
  async allows(ctx, contract) {
    const viewer = ctx.viewer;
    if (viewer === null) return false;
    if (readsBookedBusiness(viewer)) return true;
    const ownerId = contract.owner.id;
    if (ownerId === viewer.userId || managesUser(viewer, ownerId)) return true;
    if (viewer.role !== Role.KEY_ACCOUNT_MANAGER) return false;
    const customer = await ctx.loaders.customers.customerById.load(contract.customer.id);
    return customer?.keyAccountManager?.id === viewer.userId;
  },
  where(viewer) {
    if (readsBookedBusiness(viewer)) return {};
    if (!DEAL_ROLES.includes(viewer.role)) return MATCHES_NOTHING;
    return ownedManagedOrKeyAccount<Contract>(viewer);
  },
};

/** A contract line's prices: whoever may read its contract's amount. */
export const contractLineAmountReaders = {
  name: 'contract-line-amount-readers',
  description: `as Contract.amount: ${contractAmountReaders.description}`,
  async allows(ctx: Parameters<typeof contractAmountReaders.allows>[0], line: ContractLine): Promise<boolean> {
    const contract = await ctx.loaders.orders.contractById.load(line.contract.id);
    return contract !== null && contractAmountReaders.allows(ctx, contract);
  },
};

/**
 * An order's total and its lines' prices: everyone who sees the order but customer service and technical support,
 * who track deliveries and trace batches, not the money (the prices of an order against a contract are the
 * contract's, which they may not read either). Partners read their own orders' prices: they placed them. Decided by
 * role alone, so it has a SQL form: a list sorted by total drops every row for service and support.
 */
export const orderAmountReaders = rolesRule(
  'order-amount-readers',
  'everyone who sees the order but customer service and technical support: sales staff, finance, integrations, the VP, admins, and partners (their own orders)',
  [
    Role.ADMIN,
    Role.SALES_VP,
    Role.REGIONAL_DIRECTOR,
    Role.TEAM_MANAGER,
    Role.SALES_REP,
    Role.KEY_ACCOUNT_MANAGER,
    Role.FINANCE,
    Role.PARTNER,
    Role.INTEGRATION,
  ],
);

/**
 * An order's credit figures (the hold reason states the customer's exposure and credit limit; finance's comment on
 * the decision may quote them): finance, the VP, admins and the management chain of the order's owner, the people
 * who read the customer's credit (`customerCreditReaders`). Not the owning rep, key account managers, service,
 * support, partners or integrations.
 */
export const orderCreditReaders: SqlAccessRule<SalesOrder> = {
  name: 'order-credit-readers',
  description: 'finance, the VP, admins and the management chain of the order’s owner (heads of the units above the owner), as for Customer.creditLimit; not the owning rep',
  allows(ctx, order) {
    const viewer = ctx.viewer;
    if (viewer === null) return false;
    return financeOrWholeCompany(viewer) || managesUser(viewer, order.owner.id);
  },
  where(viewer) {
    if (financeOrWholeCompany(viewer)) return {};
    return { owner: { $in: [...viewer.managedUserIds] } };
  },
};

/**
 * How and from where a payment was made (method, bank reference, payer account): finance, the owner's management
 * chain, the VP and admins; not the owning rep.
 */
export const paymentDetailReaders: SqlAccessRule<Payment> = {
  name: 'payment-detail-readers',
  description: 'finance, the owner’s management chain (heads of the units above the owner), the VP and admins',
  allows(ctx, payment) {
    const viewer = ctx.viewer;
    if (viewer === null) return false;
    return financeOrWholeCompany(viewer) || managesUser(viewer, payment.owner.id);
  },
  where(viewer) {
    if (financeOrWholeCompany(viewer)) return {};
    return { owner: { $in: [...viewer.managedUserIds] } };
  },
};

/**
 * Receivables aging and collection (DSO): finance, the VP and admins for the company, the heads of teams and
 * regions for the people they manage. Reps and everyone else are refused.
 */
export const receivablesReaders = rolesRule(
  'receivables-readers',
  'finance, the VP and admins (the whole company); team managers and regional directors (the people they manage)',
  [Role.FINANCE, Role.SALES_VP, Role.ADMIN, Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR],
);

/** The owners whose receivables the viewer may read; `null` means everyone's. */
export function receivableOwnerIds(viewer: Viewer): string[] | null {
  if (financeOrWholeCompany(viewer)) return null;
  return [...viewer.managedUserIds];
}

/** Who draws up, submits, signs and terminates contracts: signed-in sales staff and admins (the service checks whose). */
export const contractWriters = signedInPersonWithRole(
  'contract-writers',
  'signed-in sales reps, key account managers, team managers, regional directors, the VP and admins; not API keys',
  [...SALES_LINE_ROLES, Role.ADMIN],
);

/** Who decides contract approval steps: signed-in people; the service checks it is their turn. */
export const contractApprovers = signedInPersonWithRole(
  'contract-approvers',
  'signed-in team managers, regional directors and the VP, each when their step of the chain is pending',
  [Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR, Role.SALES_VP],
);

/** Who places orders: sales staff for the customers they see, partners for their region's customers, admins. */
export const orderPlacers = signedInPersonWithRole(
  'order-placers',
  'signed-in sales staff and admins (customers they see), partner users (their distributor’s customers in its regions)',
  [...SALES_LINE_ROLES, Role.ADMIN, Role.PARTNER],
);

/** Credit holds are decided by finance. */
export const creditDeciders = signedInPersonWithRole('credit-deciders', 'signed-in finance staff', [Role.FINANCE]);

/** Who records shipments and deliveries: customer service, the order's sales people and admins. */
export const shipmentWriters = signedInPersonWithRole(
  'shipment-writers',
  'signed-in customer service, sales staff (orders they see) and admins',
  [...SALES_LINE_ROLES, Role.CUSTOMER_SERVICE, Role.ADMIN],
);

/** Who confirms a delivery: whoever records shipments, and partners for their own orders. */
export const deliveryConfirmers = signedInPersonWithRole(
  'delivery-confirmers',
  'signed-in customer service, sales staff and admins (orders they see), partner users (their orders)',
  [...SALES_LINE_ROLES, Role.CUSTOMER_SERVICE, Role.ADMIN, Role.PARTNER],
);

/** Invoices and payments are written by finance (and admins). */
export const financeWriters = signedInPersonWithRole('finance-writers', 'signed-in finance staff and admins', [Role.FINANCE, Role.ADMIN]);
