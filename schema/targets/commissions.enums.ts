import { registerEnumType } from 'type-graphql';

/** What a commission plan pays on: the metric of `sales_performance_fact` whose rows earn commission. */
export enum CommissionBasis {
  BOOKED_SALES = 'BOOKED_SALES',
  COLLECTIONS = 'COLLECTIONS',
}

/** A team award (团队奖): a fixed amount, or a rate in percent of the team's actual, once the team reaches its target. */
export enum TeamAwardKind {
  AMOUNT = 'AMOUNT',
  RATE = 'RATE',
}

/** How a team award is split among the team's members on the plan. */
export enum TeamAwardSplit {
  BY_SHARE = 'BY_SHARE',
  EQUAL = 'EQUAL',
}

/** DRAFT → APPROVED (the rep's management chain) → FINALIZED (finance) → PAID (finance). */
export enum CommissionStatus {
  DRAFT = 'DRAFT',
  APPROVED = 'APPROVED',
  FINALIZED = 'FINALIZED',
  PAID = 'PAID',
}

/** What a statement line is. TIER_TOTAL lines summarise SOURCE lines per tier and do not count toward the total. */
export enum CommissionLineKind {
  SOURCE = 'SOURCE',
  TIER_TOTAL = 'TIER_TOTAL',
  CAP = 'CAP',
  TEAM_AWARD = 'TEAM_AWARD',
}

registerEnumType(CommissionBasis, {
  name: 'CommissionBasis',
  valuesConfig: {
    BOOKED_SALES: { description: 'Confirmed order lines, as TargetMetric.BOOKED_SALES counts them.' },
    COLLECTIONS: { description: 'Payment allocations, as TargetMetric.COLLECTIONS counts them.' },
  },
});
registerEnumType(TeamAwardKind, {
  name: 'TeamAwardKind',
  valuesConfig: {
    AMOUNT: { description: 'teamAwardValue is an amount for the team.' },
    RATE: { description: 'teamAwardValue is a percent of the team’s actual.' },
  },
});
registerEnumType(TeamAwardSplit, {
  name: 'TeamAwardSplit',
  valuesConfig: {
    BY_SHARE: { description: 'By each member’s share of the members’ actual.' },
    EQUAL: { description: 'In equal parts.' },
  },
});
registerEnumType(CommissionStatus, { name: 'CommissionStatus' });
registerEnumType(CommissionLineKind, {
  name: 'CommissionLineKind',
  valuesConfig: {
    SOURCE: { description: 'An order line or payment allocation (or the part of it inside one tier) at that tier’s rate.' },
    TIER_TOTAL: { description: 'The sum of the SOURCE lines of one tier; a summary, not counted in the total.' },
    CAP: { description: 'The plan’s cap: the (negative) amount above it.' },
    TEAM_AWARD: { description: 'The member’s part of the team award.' },
  },
});
