import { registerEnumType } from 'type-graphql';
import { TargetMetric } from './targets.enums';

/**
 * What a scorecard line measures. The achievement indicators are actual ÷ target of one metric for the person and
 * period, both from `sales_performance_fact` and `sales_target`.
 */
export enum AppraisalIndicator {
  BOOKED_SALES_ACHIEVEMENT = 'BOOKED_SALES_ACHIEVEMENT',
  COLLECTIONS_ACHIEVEMENT = 'COLLECTIONS_ACHIEVEMENT',
  NEW_CUSTOMERS_ACHIEVEMENT = 'NEW_CUSTOMERS_ACHIEVEMENT',
  VISITS_ACHIEVEMENT = 'VISITS_ACHIEVEMENT',
}

/** The metric an achievement indicator reads. */
export const ACHIEVEMENT_METRIC: Readonly<Record<AppraisalIndicator, TargetMetric>> = {
  [AppraisalIndicator.BOOKED_SALES_ACHIEVEMENT]: TargetMetric.BOOKED_SALES,
  [AppraisalIndicator.COLLECTIONS_ACHIEVEMENT]: TargetMetric.COLLECTIONS,
  [AppraisalIndicator.NEW_CUSTOMERS_ACHIEVEMENT]: TargetMetric.NEW_CUSTOMERS,
  [AppraisalIndicator.VISITS_ACHIEVEMENT]: TargetMetric.VISITS,
};

/** An appraisal's way: computed (DRAFT), reviewed and submitted by the manager (REVIEWED), confirmed and archived (ARCHIVED). */
export enum AppraisalStatus {
  DRAFT = 'DRAFT',
  REVIEWED = 'REVIEWED',
  ARCHIVED = 'ARCHIVED',
}

/** What the reviewing manager recommends (001: 绩效评估和奖励推荐, 推荐晋升; 003: 末位改进计划, 岗位调整). */
export enum AppraisalRecommendation {
  NONE = 'NONE',
  REWARD = 'REWARD',
  PROMOTION = 'PROMOTION',
  TRAINING = 'TRAINING',
  IMPROVEMENT_PLAN = 'IMPROVEMENT_PLAN',
  ROLE_CHANGE = 'ROLE_CHANGE',
}

export enum ImprovementPlanStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

/** How an improvement plan ended (003: 若仍无改善则启动岗位调整流程). */
export enum ImprovementOutcome {
  IMPROVED = 'IMPROVED',
  NOT_IMPROVED = 'NOT_IMPROVED',
  ROLE_CHANGE = 'ROLE_CHANGE',
}

registerEnumType(AppraisalIndicator, {
  name: 'AppraisalIndicator',
  valuesConfig: {
    BOOKED_SALES_ACHIEVEMENT: { description: 'Booked sales ÷ booked sales target.' },
    COLLECTIONS_ACHIEVEMENT: { description: 'Collections ÷ collections target.' },
    NEW_CUSTOMERS_ACHIEVEMENT: { description: 'New customers ÷ new customers target.' },
    VISITS_ACHIEVEMENT: { description: 'Visits (own and accompanied) ÷ visits target.' },
  },
});
registerEnumType(AppraisalStatus, {
  name: 'AppraisalStatus',
  valuesConfig: {
    DRAFT: { description: 'Computed; the reviewing manager may adjust scores and comment.' },
    REVIEWED: { description: 'Submitted by the reviewing manager; waits for the next level up to confirm or return it.' },
    ARCHIVED: { description: 'Confirmed and archived (考核档案): unchangeable.' },
  },
});
registerEnumType(AppraisalRecommendation, { name: 'AppraisalRecommendation' });
registerEnumType(ImprovementPlanStatus, { name: 'ImprovementPlanStatus' });
registerEnumType(ImprovementOutcome, { name: 'ImprovementOutcome' });
