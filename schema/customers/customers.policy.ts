import type { FilterQuery } from '@mikro-orm/postgresql';
import { MATCHES_NOTHING } from '../../api/data-loaders';
import { rowReaders, signedInPersonWithRole, type SqlAccessRule } from '../../api/permissions/access-rule';
import { isPartner, managesUser, reachableOwnerIds, seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { Role, SALES_LINE_ROLES } from '../org/org.enums';
import type { Complaint } from './entities/complaint.entity';
import type { Contact } from './entities/contact.entity';
import type { Customer } from './entities/customer.entity';
import type { SatisfactionSurvey } from './entities/satisfaction-survey.entity';
import type { Visit } from './entities/visit.entity';

export { internalReaders } from '../org/org.policy';

export const customerReaders = rowReaders;

/** Roles that serve every customer of the company: service, support, finance and integrations. */
const COMPANY_WIDE_CUSTOMER_ROLES: readonly Role[] = [
  Role.ADMIN,
  Role.SALES_VP,
  Role.FINANCE,
  Role.CUSTOMER_SERVICE,
  Role.TECH_SUPPORT,
  Role.INTEGRATION,
];

/**
 * Row scope of customers: whoever owns them or is their key account manager, the owner's management chain, the
 * company-wide roles; a partner only its distributor's customers in its regions.
 */
export function customerRowScope(viewer: Viewer): FilterQuery<Customer> {
  if (isPartner(viewer)) {
    if (viewer.distributorId === null) return MATCHES_NOTHING;
    return { distributor: viewer.distributorId, region: { $in: [...viewer.distributorRegionIds] } };
  }
  if (COMPANY_WIDE_CUSTOMER_ROLES.includes(viewer.role)) return {};
  const owned = { owner: { $in: reachableOwnerIds(viewer) } };
  // Only key account managers can be one: everyone else gets the plain, index-friendly owner condition.
  if (viewer.role !== Role.KEY_ACCOUNT_MANAGER) return owned;
  return { $or: [owned, { keyAccountManager: viewer.userId }] };
}

/** Contacts, visits, complaints and surveys belong to a customer and are seen with it. */
export function contactRowScope(viewer: Viewer): FilterQuery<Contact> {
  return { customer: customerRowScope(viewer) };
}

/** Visits of visible customers, and the visits one made or joined (协访) oneself. */
export function visitRowScope(viewer: Viewer): FilterQuery<Visit> {
  const customers = customerRowScope(viewer);
  // An empty scope inside `$or` would match nothing, not everything: a company-wide viewer sees every visit.
  if (Object.keys(customers).length === 0) return {};
  if (isPartner(viewer)) return { customer: customers };
  return { $or: [{ customer: customers }, { visitedBy: viewer.userId }, { accompaniedBy: viewer.userId }] };
}

export function complaintRowScope(viewer: Viewer): FilterQuery<Complaint> {
  return { customer: customerRowScope(viewer) };
}

export function surveyRowScope(viewer: Viewer): FilterQuery<SatisfactionSurvey> {
  return { customer: customerRowScope(viewer) };
}

/**
 * Credit limit, exposure and payment behaviour: the owner's management chain (the heads of the units above the
 * owner, up to the VP), finance and admins. Not the owning rep, not service, not partners.
 */
export const customerCreditReaders: SqlAccessRule<Customer> = {
  name: 'customer-credit-readers',
  description: 'the owner’s management chain (heads of the units above the owner), finance, the VP and admins',
  allows(ctx, customer) {
    const viewer = ctx.viewer;
    if (viewer === null) return false;
    if (seesWholeCompany(viewer) || viewer.role === Role.FINANCE) return true;
    return managesUser(viewer, customer.owner.id);
  },
  where(viewer) {
    if (seesWholeCompany(viewer) || viewer.role === Role.FINANCE) return {};
    return { owner: { $in: [...viewer.managedUserIds] } };
  },
};

/** Who may change a customer's ABC tier: the owner's management chain and admins, not the owning rep. */
export function mayChangeTier(viewer: Viewer, customer: Customer): boolean {
  return seesWholeCompany(viewer) || (managesUser(viewer, customer.owner.id) && viewer.userId !== customer.owner.id);
}

/** Customer records and contacts are written by sales people and admins (not through API keys). */
export const customerWriters = signedInPersonWithRole(
  'customer-writers',
  'signed-in sales reps, key account managers, team managers, regional directors, the VP and admins',
  [...SALES_LINE_ROLES, Role.ADMIN],
);

/** Visit forms are filled in by the sales people who visit. */
export const visitWriters = signedInPersonWithRole(
  'visit-writers',
  'signed-in sales reps, key account managers, team managers, regional directors and the VP',
  SALES_LINE_ROLES,
);

/** Complaints and surveys: the sales people and the service staff who take them, and admins. */
export const serviceWriters = signedInPersonWithRole(
  'service-writers',
  'signed-in sales people, customer service, technical support and admins',
  [...SALES_LINE_ROLES, Role.CUSTOMER_SERVICE, Role.TECH_SUPPORT, Role.ADMIN],
);
