import { Check, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { LocalDateResolver } from 'graphql-scalars';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { VersionedRecord } from '../../../api/database/versioned-record';
import { ReadableBy } from '../../../api/permissions/policy-registry';
import { Visit } from '../../customers/entities/visit.entity';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { WorkReportKind, WorkReportStatus } from '../reports.enums';
import { reportReaders, reviewScoreReaders } from '../reports.policy';

/**
 * A work report (工作报告): a daily log, a weekly, monthly or quarterly report, or an important matter that goes up the
 * line. One per author, kind and period (important matters excepted); its deadline is fixed from `report_deadline`
 * when it is created, in the company's time zone. Created and written by its author, reviewed by their chain.
 */
@ObjectType({ description: 'A work report: daily log, weekly, monthly or quarterly report, or an important matter; with its deadline, submission and review.' })
@ReadableBy(reportReaders)
@Entity({ tableName: 'work_report' })
// One per author, kind and period; important matters as many as there are.
@Index({
  name: 'work_report_author_period_unique',
  expression: `create unique index "work_report_author_period_unique" on "work_report" ("author_id", "kind", "period_start") where kind <> 'IMPORTANT_MATTER'`,
})
@Index({ name: 'work_report_author_idx', properties: ['author', 'kind', 'periodStart', 'id'] })
@Index({ name: 'work_report_period_idx', properties: ['kind', 'periodStart', 'id'] })
// REPORT_REVIEWED looks at the last week's reviews.
@Index({ name: 'work_report_reviewed_at_idx', expression: `create index "work_report_reviewed_at_idx" on "work_report" ("reviewed_at") where status = 'REVIEWED'` })
@Check({ name: 'work_report_period_check', expression: 'period_end >= period_start' })
@Check({ name: 'work_report_score_check', expression: 'score >= 1 and score <= 5' })
@Check({ name: 'work_report_submitted_check', expression: `(status = 'DRAFT') = (submitted_at is null)` })
@Check({ name: 'work_report_reviewed_check', expression: `(status = 'REVIEWED') = (reviewed_at is not null) and (status = 'REVIEWED') = (score is not null)` })
export class WorkReport extends VersionedRecord<
  'orgUnit' | 'title' | 'progress' | 'problems' | 'helpNeeded' | 'plan' | 'analysis' | 'status' | 'deadlineAt' | 'submittedAt' | 'late' | 'reviewedBy' | 'reviewedAt' | 'reviewComment' | 'score'
> {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => User, deleteRule: 'restrict', index: false })
  author!: User;

  /** The author's unit when the report was created. */
  @ManyToOne({ entity: () => OrgUnit, nullable: true, deleteRule: 'restrict', index: false })
  orgUnit: OrgUnit | null = null;

  @Field(() => WorkReportKind)
  @Enum({ items: () => WorkReportKind, nativeEnumName: 'work_report_kind' })
  kind!: WorkReportKind;

  @Field(() => LocalDateResolver, { description: 'First day of the period (company time): the day, the Monday, the 1st of the month or quarter.' })
  @Property({ type: 'date' })
  periodStart!: string;

  @Field(() => LocalDateResolver, { description: 'Last day of the period.' })
  @Property({ type: 'date' })
  periodEnd!: string;

  @Field(() => String, { nullable: true, description: 'What the important matter is about (other kinds: optional).' })
  @Property({ type: 'text', nullable: true })
  title: string | null = null;

  @Field(() => String, { nullable: true, description: 'Work done and progress (daily: prefilled from the day’s visits and stage moves); the summary of a monthly or quarterly report.' })
  @Property({ type: 'text', nullable: true })
  progress: string | null = null;

  @Field(() => String, { nullable: true, description: 'Problems met.' })
  @Property({ type: 'text', nullable: true })
  problems: string | null = null;

  @Field(() => String, { nullable: true, description: 'Help needed from the manager or other departments.' })
  @Property({ type: 'text', nullable: true })
  helpNeeded: string | null = null;

  @Field(() => String, { nullable: true, description: 'The plan for the next day, week, month or quarter.' })
  @Property({ type: 'text', nullable: true })
  plan: string | null = null;

  @Field(() => String, { nullable: true, description: 'Market and competitor analysis (quarterly 述职), or the matter’s details.' })
  @Property({ type: 'text', nullable: true })
  analysis: string | null = null;

  @Field(() => WorkReportStatus)
  @Enum({ items: () => WorkReportStatus, nativeEnumName: 'work_report_status', default: WorkReportStatus.DRAFT })
  status: WorkReportStatus = WorkReportStatus.DRAFT;

  @Field(() => Date, { nullable: true, description: 'When it is due (report_deadline, company time zone); null when its author’s role files no such report, and for important matters.' })
  @Property({ type: 'timestamptz', nullable: true })
  deadlineAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null = null;

  @Field({ description: 'Submitted after its deadline.' })
  @Property({ type: 'boolean', default: false })
  late: boolean = false;

  @ManyToOne({ entity: () => User, nullable: true, deleteRule: 'restrict', index: false })
  reviewedBy: User | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'The reviewer’s comment (readable by whoever reads the report).' })
  @Property({ type: 'text', nullable: true })
  reviewComment: string | null = null;

  @Field(() => Int, { nullable: true, description: 'The reviewer’s score, 1–5.' })
  @ReadableBy(reviewScoreReaders)
  @Property({ type: 'smallint', nullable: true })
  score: number | null = null;
}

/** A visit a daily report covers. */
@Entity({ tableName: 'work_report_visit' })
@Index({ name: 'work_report_visit_visit_idx', properties: ['visit'] })
export class WorkReportVisit {
  @ManyToOne({ entity: () => WorkReport, primary: true, deleteRule: 'cascade' })
  report!: WorkReport;

  @ManyToOne({ entity: () => Visit, primary: true, deleteRule: 'cascade' })
  visit!: Visit;
}

/** Someone up the line who read an important matter. */
@ObjectType({ description: 'A head above the author who acknowledged an important-matter report.' })
@ReadableBy(reportReaders)
@Entity({ tableName: 'work_report_acknowledgement' })
export class WorkReportAcknowledgement {
  [OptionalProps]?: 'acknowledgedAt' | 'comment';

  @ManyToOne({ entity: () => WorkReport, primary: true, deleteRule: 'cascade' })
  report!: WorkReport;

  @ManyToOne({ entity: () => User, primary: true, deleteRule: 'restrict' })
  user!: User;

  @Field(() => Date)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  acknowledgedAt: Date = new Date();

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  comment: string | null = null;
}
