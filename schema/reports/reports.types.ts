import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Connection } from '../../api/pagination';
import { ReadableBy } from '../../api/permissions/policy-registry';
import { Visit } from '../customers/entities/visit.entity';
import { Role } from '../org/org.enums';
import { OpportunityStageChange } from '../pipeline/entities/opportunity-stage-change.entity';
import { Meeting } from './entities/meeting.entity';
import { WorkReport } from './entities/work-report.entity';
import { ReportComplianceStatus, WorkReportKind, WorkReportStatus } from './reports.enums';
import { reportReaders } from './reports.policy';

@ObjectType()
export class WorkReportConnection extends Connection(WorkReport, 'WorkReport') {}

@ObjectType()
export class MeetingConnection extends Connection(Meeting, 'Meeting') {}

/** What a daily report of a day would be prefilled with. */
@ObjectType({ description: 'A daily report proposed from the day’s visits and stage moves (nothing is saved).' })
@ReadableBy(reportReaders)
export class DailyReportProposal {
  @Field(() => LocalDateResolver)
  date!: string;

  @Field(() => [Visit], { description: 'Your visits of the day, made or accompanied.' })
  visits!: Visit[];

  @Field(() => [OpportunityStageChange], { description: 'Stage moves you made that day (company time).' })
  stageMoves!: OpportunityStageChange[];

  @Field(() => String, { description: 'The progress text a new daily report starts with: one line per visit and stage move.' })
  progress!: string;

  @Field(() => WorkReport, { nullable: true, description: 'Your daily report of that day, if you started one.' })
  existing!: WorkReport | null;
}

/** One person's standing for one period of a kind: the rows of "who is late". */
@ObjectType({ description: 'One person and period: whether the report is missing, not yet due, on time or late, and whether it was reviewed.' })
@ReadableBy(reportReaders)
export class ReportComplianceRow {
  @Field(() => ID)
  userId!: string;

  @Field()
  userName!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID, { nullable: true })
  orgUnitId!: string | null;

  @Field(() => WorkReportKind)
  kind!: WorkReportKind;

  @Field(() => LocalDateResolver)
  periodStart!: string;

  @Field(() => Date)
  deadlineAt!: Date;

  @Field(() => ReportComplianceStatus)
  compliance!: ReportComplianceStatus;

  @Field()
  reviewed!: boolean;

  @Field(() => ID, { nullable: true })
  reportId!: string | null;

  @Field(() => WorkReportStatus, { nullable: true })
  reportStatus!: WorkReportStatus | null;

  @Field(() => Date, { nullable: true })
  submittedAt!: Date | null;
}
