import type { FilterQuery } from '@mikro-orm/postgresql';
import { ApiScope, scopeName } from '../../api/auth/api-scopes';
import { accessRule, lacksScope, rowReaders, signedInPersonWithRole, type AccessRule, type SqlAccessRule } from '../../api/permissions/access-rule';
import type { RequestContext } from '../../api/context';
import { hasScope, isPartner, managesUser, reachableOwnerIds, seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { MATCHES_NOTHING } from '../../api/data-loaders';
import { Role, SALES_LINE_ROLES } from '../org/org.enums';
import type { ApprovalRequest } from './entities/approval-request.entity';
import type { Lead } from './entities/lead.entity';
import type { Opportunity } from './entities/opportunity.entity';
import type { Quote } from './entities/quote.entity';
import type { QuoteLine } from './entities/quote-line.entity';
import { OpportunityStage, QuoteStatus } from './pipeline.enums';

export { internalReaders } from '../org/org.policy';
import { costReaders } from '../catalog/catalog.policy';
export { costReaders };

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

const entersLeadsByKey = (role: Role): boolean => SALES_ROLES.includes(role) || role === Role.INTEGRATION;

/**
 * Who may enter a lead: signed-in sales staff, and API keys carrying WRITE_LEADS (web forms, trade-show scanners)
 * whose user is sales staff or an integration account.
 */
export const leadCreators: AccessRule = {
  ...accessRule(
    'lead-creators',
    `signed-in sales staff and admins; API keys with scope ${scopeName(ApiScope.WRITE_LEADS)} of sales or integration users`,
    (ctx) => {
      const viewer = ctx.viewer;
      if (viewer === null) return false;
      if (viewer.apiKeyId === null) return SALES_ROLES.includes(viewer.role);
      return hasScope(viewer, ApiScope.WRITE_LEADS) && entersLeadsByKey(viewer.role);
    },
  ),
  missingScope: (viewer) => (entersLeadsByKey(viewer.role) ? lacksScope(viewer, ApiScope.WRITE_LEADS) : undefined),
};

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
 * Who reads booked business company-wide besides the VP and admins: finance and integrations (the ERP books it).
 * They see every deal's row, but its money only once it is booked (README "The money rule").
 */
function readsBookedBusiness(viewer: Viewer): boolean {
  return viewer.role === Role.FINANCE || viewer.role === Role.INTEGRATION;
}

/** Whether the viewer is on the deal's sales line: its owner, the owner's management chain or the customer's key account manager. */
async function onSalesLine(ctx: RequestContext, opportunity: Opportunity): Promise<boolean> {
  const viewer = ctx.viewer;
  if (viewer === null) return false;
  const ownerId = opportunity.owner.id;
  if (ownerId === viewer.userId || viewer.managedUserIds.has(ownerId)) return true;
  // Only key account managers can be one; the customer is usually loaded for the same page already.
  if (viewer.role !== Role.KEY_ACCOUNT_MANAGER) return false;
  const customer = await ctx.loaders.customers.customerById.load(opportunity.customer.id);
  return customer?.keyAccountManager?.id === viewer.userId;
}

const SALES_LINE_MONEY = 'the deal’s owner, the owner’s management chain, the customer’s key account manager, the VP and admins';

/**
 * The money rule, part one — a deal's amount: pipeline money while the deal is open (or lost), the sales line's
 * (owner, chain, key account manager, the VP, admins); booked money once it is WON, then also finance's and
 * integrations'. Rows whose amount a viewer may not read drop out when the viewer filters or sorts by amount.
 */
export const dealAmountReaders: SqlAccessRule<Opportunity> = {
  name: 'deal-amount-readers',
  description: `${SALES_LINE_MONEY}; once the deal is WON (booked) also finance and integrations`,
  async allows(ctx, opportunity) {
    const viewer = ctx.viewer;
    if (viewer === null) return false;
    if (seesWholeCompany(viewer)) return true;
    if (readsBookedBusiness(viewer)) return opportunity.stage === OpportunityStage.WON;
    return onSalesLine(ctx, opportunity);
  },
  where(viewer) {
    if (seesWholeCompany(viewer)) return {};
    if (readsBookedBusiness(viewer)) return { stage: OpportunityStage.WON };
    if (!DEAL_ROLES.includes(viewer.role)) return MATCHES_NOTHING;
    return ownedManagedOrKeyAccount(viewer);
  },
};

/**
 * The money rule, part two — a quote's totals and discount, and its lines' prices and discounts: the same number as
 * the deal's amount (the accepted quote's total becomes it), so the same readers. The sales line always; finance and
 * integrations only the accepted quote of a WON deal (booked); every other quote of a deal stays pipeline.
 */
export const quoteMoneyReaders: SqlAccessRule<Quote> = {
  name: 'quote-money-readers',
  description: `as Opportunity.amount: ${SALES_LINE_MONEY}; finance and integrations only the ACCEPTED quote of a WON deal (booked)`,
  async allows(ctx, quote) {
    const viewer = ctx.viewer;
    if (viewer === null) return false;
    if (seesWholeCompany(viewer)) return true;
    const opportunity = await ctx.loaders.quotes.opportunityById.load(quote.opportunity.id);
    if (opportunity === null) return false;
    if (readsBookedBusiness(viewer)) return quote.status === QuoteStatus.ACCEPTED && opportunity.stage === OpportunityStage.WON;
    return onSalesLine(ctx, opportunity);
  },
  where(viewer) {
    if (seesWholeCompany(viewer)) return {};
    if (readsBookedBusiness(viewer)) return { status: QuoteStatus.ACCEPTED, opportunity: { stage: OpportunityStage.WON } };
    if (!DEAL_ROLES.includes(viewer.role)) return MATCHES_NOTHING;
    return { opportunity: ownedManagedOrKeyAccount(viewer) };
  },
};

/** A quote line's prices and discount: whoever may read its quote's total. */
export const quoteLineMoneyReaders: SqlAccessRule<QuoteLine> = {
  name: 'quote-line-money-readers',
  description: `as Quote.total: ${quoteMoneyReaders.description}`,
  async allows(ctx, line) {
    const quote = await ctx.loaders.quotes.quoteById.load(line.quote.id);
    return quote !== null && quoteMoneyReaders.allows(ctx, quote);
  },
  where(viewer) {
    return { quote: quoteMoneyReaders.where(viewer) } as FilterQuery<QuoteLine>;
  },
};

/**
 * A quote line's margin is its price less its cost: readable by those who may read both (regional directors, the
 * VP, finance, admins — and finance only where the price is booked), or the margin would give the price away.
 */
export const quoteLineMarginReaders = accessRule<QuoteLine>(
  'quote-line-margin-readers',
  `both the unit cost (${costReaders.description}) and the prices (as Quote.total)`,
  async (ctx, line) => (await costReaders.allows(ctx, line)) && quoteLineMoneyReaders.allows(ctx, line),
);

/**
 * The discount an approval request asks for — the quote's discount, so the quote's money readers; and always the
 * approver who decides it and the requester who asked. (Approval rows are seen only by those and the requester's
 * chain anyway; the rule matters where the request travels further, as in the deal's events.)
 */
export const approvalAmountReaders = accessRule<ApprovalRequest>(
  'approval-amount-readers',
  `the approver and the requester; otherwise as Quote.total: ${quoteMoneyReaders.description}`,
  async (ctx, request) => {
    const viewer = ctx.viewer;
    if (viewer === null) return false;
    if (seesWholeCompany(viewer) || request.approver.id === viewer.userId || request.requestedBy.id === viewer.userId) return true;
    if (request.quote === null) return false;
    const quote = await ctx.loaders.quotes.quoteById.load(request.quote.id);
    return quote !== null && quoteMoneyReaders.allows(ctx, quote);
  },
);
