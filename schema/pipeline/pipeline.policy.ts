import type { FilterQuery } from '@mikro-orm/postgresql';
import { ApiScope } from '../../api/auth/api-scopes';
import { accessRule, rowReaders, signedInPersonWithRole, type SqlAccessRule } from '../../api/permissions/access-rule';
import { hasScope, isPartner, managesUser, reachableOwnerIds, seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { MATCHES_NOTHING } from '../../api/data-loaders';
import { Role, SALES_LINE_ROLES } from '../org/org.enums';
import type { ApprovalRequest } from './entities/approval-request.entity';
import type { Lead } from './entities/lead.entity';
import type { Opportunity } from './entities/opportunity.entity';
import type { Quote } from './entities/quote.entity';

export { internalReaders } from '../org/org.policy';
export { costReaders } from '../catalog/catalog.policy';

export const pipelineReaders = rowReaders;

/** Roles that see every deal of the company: the VP, admins, finance (for margins and credit) and integrations. */
const COMPANY_WIDE_DEAL_ROLES: readonly Role[] = [Role.ADMIN, Role.SALES_VP, Role.FINANCE, Role.INTEGRATION];

/** Sales roles that work deals: they see their own and those of the people they manage. */
const DEAL_ROLES: readonly Role[] = [Role.SALES_REP, Role.KEY_ACCOUNT_MANAGER, Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR];

/**
 * Row scope of opportunities: the owner, the owner's management chain, the customer's key account manager, the
 * company-wide roles; a partner only those of its distributor's customers in its regions. Service and support
 * staff see none.
 */
export function opportunityRowScope(viewer: Viewer): FilterQuery<Opportunity> {
  if (isPartner(viewer)) {
    if (viewer.distributorId === null) return MATCHES_NOTHING;
    return { customer: { distributor: viewer.distributorId, region: { $in: [...viewer.distributorRegionIds] } } };
  }
  if (COMPANY_WIDE_DEAL_ROLES.includes(viewer.role)) return {};
  if (!DEAL_ROLES.includes(viewer.role)) return MATCHES_NOTHING;
  return ownedManagedOrKeyAccount(viewer);
}

/**
 * Deals the viewer owns or manages, and for key account managers also their accounts' deals. The key-account
 * branch is added only for that role (no one else can be a customer's key account manager): an OR across the
 * customer join keeps PostgreSQL from using the owner and amount indexes, so everyone else gets the plain
 * `owner_id IN (…)` that an index scan by amount can filter.
 */
function ownedManagedOrKeyAccount(viewer: Viewer): FilterQuery<Opportunity> {
  const owned = { owner: { $in: reachableOwnerIds(viewer) } };
  if (viewer.role !== Role.KEY_ACCOUNT_MANAGER) return owned;
  return { $or: [owned, { customer: { keyAccountManager: viewer.userId } }] };
}

/** Quotes are seen with their opportunity; partners never see quotes (internal pricing). */
export function quoteRowScope(viewer: Viewer): FilterQuery<Quote> {
  if (isPartner(viewer)) return MATCHES_NOTHING;
  return { opportunity: opportunityRowScope(viewer) };
}

/**
 * Leads: the owner and the owner's chain, the leads of the teams and regions one heads, and the leads one entered
 * oneself; the VP and admins see all, integrations (which create them from web forms) too.
 */
export function leadRowScope(viewer: Viewer): FilterQuery<Lead> {
  if (seesWholeCompany(viewer) || viewer.role === Role.INTEGRATION) return {};
  if (!DEAL_ROLES.includes(viewer.role)) return MATCHES_NOTHING;
  const units = [...viewer.managedUnitIds];
  return {
    $or: [{ owner: { $in: reachableOwnerIds(viewer) } }, { team: { $in: units } }, { region: { $in: units } }, { createdBy: viewer.userId }],
  };
}

/** The roles that work deals and leads: the sales line from rep to VP, and admins. */
export const SALES_ROLES: readonly Role[] = [...SALES_LINE_ROLES, Role.ADMIN];

/** The roles that assign leads: the heads of teams and regions, the VP and admins. */
export const LEAD_ASSIGNER_ROLES: readonly Role[] = [Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR, Role.SALES_VP, Role.ADMIN];

/**
 * Who may create and change opportunities and work leads: signed-in sales staff. No API scope grants deal writes,
 * so keys are refused; the services then check whose deal or lead it is.
 */
export const dealWriters = signedInPersonWithRole(
  'deal-writers',
  'signed-in sales staff (reps, key account managers, team managers, regional directors, the VP) and admins; not API keys',
  SALES_ROLES,
);

/** Who may assign leads: signed-in heads of teams and regions, the VP and admins; the service checks which leads. */
export const leadAssigners = signedInPersonWithRole(
  'lead-assigners',
  'signed-in team managers, regional directors, the VP and admins; not API keys',
  LEAD_ASSIGNER_ROLES,
);

/**
 * Who may enter a lead: signed-in sales staff, and API keys carrying WRITE_LEADS (web forms, trade-show scanners)
 * whose user is sales staff or an integration account.
 */
export const leadCreators = accessRule(
  'lead-creators',
  `signed-in sales staff and admins; API keys with scope ${ApiScope.WRITE_LEADS} of sales or integration users`,
  (ctx) => {
    const viewer = ctx.viewer;
    if (viewer === null) return false;
    if (viewer.apiKeyId === null) return SALES_ROLES.includes(viewer.role);
    return hasScope(viewer, ApiScope.WRITE_LEADS) && (SALES_ROLES.includes(viewer.role) || viewer.role === Role.INTEGRATION);
  },
);

/**
 * Who works an opportunity (changes it, moves its stage): its owner, the owner's management chain, the customer's
 * key account manager, the VP and admins.
 */
export function mayWorkOpportunity(viewer: Viewer, ownerId: string, keyAccountManagerId: string | null): boolean {
  return seesWholeCompany(viewer) || ownerId === viewer.userId || managesUser(viewer, ownerId) || keyAccountManagerId === viewer.userId;
}

/**
 * Who works a lead (updates its status, converts it): its owner and the owner's chain; an unassigned lead, the heads
 * of its team or region. The VP and admins always.
 */
export function mayWorkLead(viewer: Viewer, lead: Pick<Lead, 'owner' | 'team' | 'region'>): boolean {
  if (seesWholeCompany(viewer)) return true;
  if (lead.owner !== null) return lead.owner.id === viewer.userId || managesUser(viewer, lead.owner.id);
  return headsLeadUnit(viewer, lead);
}

/** Whether the viewer heads the lead's team or region (the VP and admins head everything). */
export function headsLeadUnit(viewer: Viewer, lead: Pick<Lead, 'team' | 'region'>): boolean {
  if (seesWholeCompany(viewer)) return true;
  return (lead.team !== null && viewer.managedUnitIds.has(lead.team.id)) || (lead.region !== null && viewer.managedUnitIds.has(lead.region.id));
}

/** Approval requests: the approver, the requester and the requester's management chain; the VP and admins. */
export function approvalRowScope(viewer: Viewer): FilterQuery<ApprovalRequest> {
  if (seesWholeCompany(viewer)) return {};
  if (isPartner(viewer)) return MATCHES_NOTHING;
  return { $or: [{ approver: viewer.userId }, { requestedBy: { $in: reachableOwnerIds(viewer) } }] };
}

/**
 * An opportunity's amount: its owner, the owner's management chain, the customer's key account manager, the VP
 * and admins. Rows whose amount a viewer may not read drop out when the viewer filters or sorts by amount.
 */
export const dealAmountReaders: SqlAccessRule<Opportunity> = {
  name: 'deal-amount-readers',
  description: 'the owner, the owner’s management chain, the customer’s key account manager, the VP and admins',
  async allows(ctx, opportunity) {
    const viewer = ctx.viewer;
    if (viewer === null) return false;
    if (seesWholeCompany(viewer)) return true;
    const ownerId = opportunity.owner.id;
    if (ownerId === viewer.userId || viewer.managedUserIds.has(ownerId)) return true;
    // Only key account managers can be one; the customer is usually loaded for the same page already.
    if (viewer.role !== Role.KEY_ACCOUNT_MANAGER) return false;
    const customer = await ctx.loaders.customers.customerById.load(opportunity.customer.id);
    return customer?.keyAccountManager?.id === viewer.userId;
  },
  where(viewer) {
    if (seesWholeCompany(viewer)) return {};
    return ownedManagedOrKeyAccount(viewer);
  },
};
