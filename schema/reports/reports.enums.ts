import { registerEnumType } from 'type-graphql';

/** The kinds of work report (004: 日报, 周报, 月报, 季度述职; 001/004: 重要事项报告). */
export enum WorkReportKind {
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
  IMPORTANT_MATTER = 'IMPORTANT_MATTER',
}

/** The kinds filed per period (one per author and period), with deadlines. */
export const PERIODIC_KINDS: readonly WorkReportKind[] = [WorkReportKind.DAILY, WorkReportKind.WEEKLY, WorkReportKind.MONTHLY, WorkReportKind.QUARTERLY];

/** A report's way: written (DRAFT), handed in on time (SUBMITTED) or after its deadline (LATE), then REVIEWED. */
export enum WorkReportStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  LATE = 'LATE',
  REVIEWED = 'REVIEWED',
}

/** Where a person stands with one period's report, for "who is late". */
export enum ReportComplianceStatus {
  /** Not submitted, deadline not yet passed. */
  NOT_YET_DUE = 'NOT_YET_DUE',
  /** Not submitted and the deadline passed (a draft counts as missing). */
  MISSING = 'MISSING',
  ON_TIME = 'ON_TIME',
  LATE = 'LATE',
}

export enum MeetingKind {
  TEAM = 'TEAM',
  DIRECTOR = 'DIRECTOR',
}

export enum ActionItemStatus {
  OPEN = 'OPEN',
  DONE = 'DONE',
}

registerEnumType(WorkReportKind, {
  name: 'WorkReportKind',
  valuesConfig: {
    DAILY: { description: '日报: the day’s visits, progress, problems, help needed, tomorrow’s plan.' },
    WEEKLY: { description: '周报: the week’s report and next week’s plan (ISO week, Monday first).' },
    MONTHLY: { description: '月报: the month’s summary and next month’s plan.' },
    QUARTERLY: { description: '季度述职: review of the quarter and market analysis.' },
    IMPORTANT_MATTER: { description: '重要事项: an ad-hoc report that goes up the line; no deadline, acknowledged by each level above.' },
  },
});
registerEnumType(WorkReportStatus, {
  name: 'WorkReportStatus',
  valuesConfig: {
    DRAFT: { description: 'Being written by its author.' },
    SUBMITTED: { description: 'Handed in by the deadline.' },
    LATE: { description: 'Handed in after the deadline.' },
    REVIEWED: { description: 'Reviewed (comment and score) by the author’s management chain; `late` still says whether it came late.' },
  },
});
registerEnumType(ReportComplianceStatus, { name: 'ReportComplianceStatus' });
registerEnumType(MeetingKind, {
  name: 'MeetingKind',
  valuesConfig: { TEAM: { description: 'A team meeting (组会), held by a team manager.' }, DIRECTOR: { description: 'A region’s meeting (总监例会), held by its director.' } },
});
registerEnumType(ActionItemStatus, { name: 'ActionItemStatus' });
