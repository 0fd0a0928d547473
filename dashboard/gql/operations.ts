/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type ChannelConflictKind =
  /** A batch shipped into one region reported sold by a distributor of another. */
  | 'BATCH_FROM_OTHER_REGION'
  /** A distributor reported a sale in a region that is not its own. */
  | 'SALE_OUTSIDE_REGION'
  /** A distributor’s order delivered outside the distributor’s regions. */
  | 'SHIPMENT_OUTSIDE_REGION';

export type ChannelConflictStatus =
  /** Looked into: it was cross-region selling. */
  | 'CONFIRMED'
  /** Looked into: it was not (e.g. an agreed exception). */
  | 'DISMISSED'
  /** Detected, not yet looked into. */
  | 'OPEN';

/** Stages of the sales process. Probability defaults: 10, 20, 40, 60, 80, 100 (won), 0 (lost). */
export type OpportunityStage =
  /** First contact made (客户接触). */
  | 'CONTACT'
  /** Qualified lead (线索获取). */
  | 'LEAD'
  /** Lost; lostReason says why. */
  | 'LOST'
  /** Needs analysis (需求分析). */
  | 'NEEDS_ANALYSIS'
  /** Quote and negotiation (报价与谈判). */
  | 'NEGOTIATION'
  /** Solution proposed (方案制定). */
  | 'PROPOSAL'
  /** Won: a quote was accepted. */
  | 'WON';

/** Level in the org tree: company → region (大区) → team (销售小组). */
export type OrgUnitKind =
  | 'COMPANY'
  | 'REGION'
  | 'TEAM';

/** A month, quarter or year (`kind` and its first day `start`), or `yearToDate` (January 1st to `asOf`, default today). */
export type PerformancePeriodInput = {
  /** The last day of a year to date; today (company time) when left out. */
  asOf?: string | null | undefined;
  kind?: PeriodKind | null | undefined;
  /** The first day of the month, quarter or year. */
  start?: string | null | undefined;
  /** January 1st to `asOf`, instead of kind and start. */
  yearToDate?: boolean | null | undefined;
};

export type PeriodKind =
  | 'MONTH'
  | 'QUARTER'
  | 'YEAR';

export type ReceivablesGroupBy =
  /** The invoiced customer. */
  | 'CUSTOMER'
  /** The invoice’s owner (the order’s sales rep). */
  | 'OWNER'
  /** The owner’s region (the parent of the owner’s team); owners above the regions form a row without a group. */
  | 'REGION'
  /** The owner’s team; owners outside a team form a row without a group. */
  | 'TEAM';

export type Role =
  /** System administrator; maintains master data and users. */
  | 'ADMIN'
  /** Customer service specialist (客户服务专员). */
  | 'CUSTOMER_SERVICE'
  /** Finance staff. */
  | 'FINANCE'
  /** A system account used through API keys. */
  | 'INTEGRATION'
  /** Key account manager (大客户经理). */
  | 'KEY_ACCOUNT_MANAGER'
  /** A distributor's user; sees only its distributor's records in its regions. */
  | 'PARTNER'
  /** Regional sales director (销售总监), head of a region (大区). */
  | 'REGIONAL_DIRECTOR'
  /** Sales representative (销售代表). */
  | 'SALES_REP'
  /** Head of sales (销售经理); sees the whole company. */
  | 'SALES_VP'
  /** Team leader (组长), head of a sales team (销售小组). */
  | 'TEAM_MANAGER'
  /** Technical support engineer (技术支持工程师). */
  | 'TECH_SUPPORT';

export type TargetMetric =
  /** Confirmed order lines (not on credit hold, not cancelled), by the day the order was confirmed. */
  | 'BOOKED_SALES'
  /** Payments allocated to invoices, by the day the payment arrived. */
  | 'COLLECTIONS'
  /** Customers' first confirmed orders. */
  | 'NEW_CUSTOMERS'
  /** Customer visits, own and accompanied (协访). */
  | 'VISITS';

export type DashboardAchievementBreakdownQueryVariables = Exact<{
  orgUnitId: string | number;
  metric: TargetMetric;
  period: PerformancePeriodInput;
}>;


export type DashboardAchievementBreakdownQuery = { performanceBreakdown: { metric: TargetMetric, period: { start: string, end: string }, rows: Array<{ level: number, name: string, orgUnitId: string | null, userId: string | null, target: string | null, actual: string, achievementRate: string | null }> } };

export type DashboardAchievementOwnQueryVariables = Exact<{
  userId: string | number;
  period: PerformancePeriodInput;
}>;


export type DashboardAchievementOwnQuery = { performance: { period: { start: string, end: string }, metrics: Array<{ metric: TargetMetric, target: string | null, actual: string, achievementRate: string | null }> } };

export type DashboardChannelConflictsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type DashboardChannelConflictsQuery = { channelConflicts: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, kind: ChannelConflictKind, status: ChannelConflictStatus, detectedAt: string, foundRegion: { name: string, englishName: string | null } | null }> } };

export type DashboardForecastRollupQueryVariables = Exact<{
  orgUnitId?: string | number | null | undefined;
  userId?: string | number | null | undefined;
  from: string;
  months?: number | null | undefined;
}>;


export type DashboardForecastRollupQuery = { forecastRollup: { orgUnitId: string, orgUnitName: string, userId: string | null, userName: string | null, rows: Array<{ month: string, target: string | null, actual: string | null, commit: string, bestCase: string, pipeline: string }> } };

export type DashboardPipelineFunnelQueryVariables = Exact<{
  from: string;
  to: string;
  orgUnitId?: string | number | null | undefined;
}>;


export type DashboardPipelineFunnelQuery = { pipelineFunnel: { from: string, to: string, stages: Array<{ stage: OpportunityStage, count: number, amount: string | null, weightedAmount: string | null, conversionRate: number | null }>, won: { count: number, amount: string | null }, lost: { count: number, amount: string | null } } };

export type DashboardReceivablesAgingQueryVariables = Exact<{
  asOf?: string | null | undefined;
  groupBy: ReceivablesGroupBy;
}>;


export type DashboardReceivablesAgingQuery = { receivablesAging: { asOf: string, rows: Array<{ groupId: string | null, groupName: string | null, days0To30: string, days31To60: string, days61To90: string, over90: string, overdue: string, total: string }>, grandTotal: { days0To30: string, days31To60: string, days61To90: string, over90: string, overdue: string, total: string } } };

export type DashboardRefreshTokenMutationVariables = Exact<{
  refreshToken: string;
}>;


export type DashboardRefreshTokenMutation = { refreshToken: { accessToken: string, expiresAt: string, refreshToken: string } };

export type DashboardSignInMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type DashboardSignInMutation = { login: { accessToken: string, expiresAt: string, refreshToken: string } };

export type DashboardSignOutMutationVariables = Exact<{
  refreshToken?: string | null | undefined;
}>;


export type DashboardSignOutMutation = { logout: boolean };

export type DashboardViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardViewerQuery = { me: { id: string, name: string, englishName: string | null, role: Role, unit: { id: string } | null }, orgUnits: Array<{ id: string, name: string, englishName: string | null, kind: OrgUnitKind, parent: { id: string } | null, head: { id: string } | null }> };
