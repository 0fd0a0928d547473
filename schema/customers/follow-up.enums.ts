import { registerEnumType } from 'type-graphql';

/** How a customer tier is served (document 003): a dedicated team, regular follow-up, or automated contact. */
export enum ServiceMode {
  DEDICATED_TEAM = 'DEDICATED_TEAM',
  REGULAR = 'REGULAR',
  AUTOMATED = 'AUTOMATED',
}

/**
 * Where a visit plan stands. MISSED is never stored: a PLANNED plan more than a day past its time reads as MISSED
 * (and still turns DONE when its visit is recorded late).
 */
export enum VisitPlanStatus {
  PLANNED = 'PLANNED',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
  MISSED = 'MISSED',
}

/** The statuses a plan row holds (`visit_plan_status`). */
export const STORED_VISIT_PLAN_STATUSES = [VisitPlanStatus.PLANNED, VisitPlanStatus.DONE, VisitPlanStatus.CANCELLED] as const;

/** How long past its time a PLANNED plan reads as MISSED. */
export const MISSED_AFTER_MS = 24 * 60 * 60 * 1000;

/** The unit of a regular return visit's interval. */
export enum RecurrenceUnit {
  DAY = 'DAY',
  WEEK = 'WEEK',
}

registerEnumType(ServiceMode, {
  name: 'ServiceMode',
  description: 'How the customers of a tier are served (B4).',
  valuesConfig: {
    DEDICATED_TEAM: { description: 'A dedicated team (专属团队): key account manager and sales line.' },
    REGULAR: { description: 'Regular follow-up (定期跟进) by the owner.' },
    AUTOMATED: { description: 'Automated contact (自动化服务): no follow-up reminders.' },
  },
});
registerEnumType(VisitPlanStatus, {
  name: 'VisitPlanStatus',
  valuesConfig: {
    PLANNED: { description: 'Appointed and not yet past by more than a day.' },
    DONE: { description: 'Its visit was recorded.' },
    CANCELLED: { description: 'Cancelled, with a reason.' },
    MISSED: { description: 'Still PLANNED more than a day after its time, without a visit (computed, never stored).' },
  },
});
registerEnumType(RecurrenceUnit, { name: 'RecurrenceUnit', description: 'The unit of a regular return visit’s interval (定期回访).' });
