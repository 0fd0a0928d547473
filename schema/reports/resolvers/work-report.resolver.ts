import type { GraphQLResolveInfo } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { selectsTotalCount } from '../../../api/pagination';
import { Allow } from '../../../api/permissions/policy-registry';
import { Visit } from '../../customers/entities/visit.entity';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { ReportDeadline } from '../entities/report-deadline.entity';
import { WorkReport, WorkReportAcknowledgement } from '../entities/work-report.entity';
import { CreateWorkReportInput, ReportComplianceArgs, ReviewWorkReportInput, WorkReportsArgs, WorkReportTextInput } from '../reports.inputs';
import { reportReviewers, reportWriters } from '../reports.policy';
import { ReportsService } from '../reports.service';
import { DailyReportProposal, ReportComplianceRow, WorkReportConnection } from '../reports.types';

@Resolver(() => WorkReport)
export class WorkReportResolver {
  @Query(() => WorkReportConnection, { description: 'Work reports you may see (yours and those of the people below you; the VP and admins: all), latest period first.' })
  @Allow(reportWriters)
  workReports(@Args() args: WorkReportsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<WorkReportConnection> {
    return new ReportsService(ctx).reports(args, { includeCount: selectsTotalCount(info) });
  }

  @Query(() => WorkReport, { nullable: true, description: 'One work report by id: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(reportWriters)
  workReport(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<WorkReport> {
    return new ReportsService(ctx).reportById(assertId(id, 'id'));
  }

  @Query(() => DailyReportProposal, { description: 'Your daily report of a day (today, company time, when left out) as it would be prefilled: the day’s visits and stage moves. Saves nothing.' })
  @Allow(reportWriters)
  proposeDailyReport(@Arg('date', () => LocalDateResolver, { nullable: true }) date: string | undefined, @Ctx() ctx: RequestContext): Promise<DailyReportProposal> {
    return new ReportsService(ctx).proposeDaily(date ?? undefined);
  }

  @Query(() => [ReportDeadline], { description: 'When each role’s reports are due (master data, edited in the admin).' })
  @Allow(reportWriters)
  reportDeadlines(@Ctx() ctx: RequestContext): Promise<ReportDeadline[]> {
    return new ReportsService(ctx).deadlines();
  }

  @Query(() => [ReportComplianceRow], {
    description:
      'Who is late: for each person below you who files this kind of report and each period from `from` to `to`, whether it is missing, ' +
      'not yet due, on time or late, and whether it was reviewed. A manager sees their team, a director their region; by name, then period.',
  })
  @Allow(reportReviewers)
  reportCompliance(@Args() args: ReportComplianceArgs, @Ctx() ctx: RequestContext): Promise<ReportComplianceRow[]> {
    return new ReportsService(ctx).compliance(args);
  }

  @Mutation(() => WorkReport, { description: 'A new report of yours (DRAFT) for the period containing `date`; one per kind and period. Daily reports are prefilled from the day’s visits and stage moves.' })
  @Allow(reportWriters)
  createWorkReport(@Arg('input') input: CreateWorkReportInput, @Ctx() ctx: RequestContext): Promise<WorkReport> {
    return new ReportsService(ctx).create(input);
  }

  @Mutation(() => WorkReport, { description: 'Changes your draft. `version` must be the one you read.' })
  @Allow(reportWriters)
  updateWorkReport(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: WorkReportTextInput,
    @Ctx() ctx: RequestContext,
  ): Promise<WorkReport> {
    return new ReportsService(ctx).update(assertId(id, 'id'), version, input);
  }

  @Mutation(() => WorkReport, { description: 'Hands your draft in: SUBMITTED, or LATE after its deadline (emits workReport.submitted).' })
  @Allow(reportWriters)
  submitWorkReport(@Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Ctx() ctx: RequestContext): Promise<WorkReport> {
    return new ReportsService(ctx).submit(assertId(id, 'id'), version);
  }

  @Mutation(() => WorkReport, { description: 'Reviews a submitted report of someone below you: score 1–5 and a comment → REVIEWED (emits workReport.reviewed).' })
  @Allow(reportReviewers)
  reviewWorkReport(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: ReviewWorkReportInput,
    @Ctx() ctx: RequestContext,
  ): Promise<WorkReport> {
    return new ReportsService(ctx).review(assertId(id, 'id'), version, input);
  }

  @Mutation(() => WorkReport, { description: 'Acknowledges a submitted important matter of someone below you (each head up the line may).' })
  @Allow(reportReviewers)
  acknowledgeWorkReport(
    @Arg('id', () => ID) id: string,
    @Arg('comment', () => String, { nullable: true }) comment: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<WorkReport> {
    return new ReportsService(ctx).acknowledge(assertId(id, 'id'), comment ?? undefined);
  }

  @FieldResolver(() => User, { nullable: true })
  author(@Root() report: WorkReport, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(report.author.id);
  }

  @FieldResolver(() => OrgUnit, { nullable: true, description: 'The author’s unit when the report was created.' })
  orgUnit(@Root() report: WorkReport, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> | null {
    return report.orgUnit === null ? null : ctx.loaders.org.unitById.load(report.orgUnit.id);
  }

  @FieldResolver(() => User, { nullable: true })
  reviewedBy(@Root() report: WorkReport, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return report.reviewedBy === null ? null : ctx.loaders.org.userById.load(report.reviewedBy.id);
  }

  @FieldResolver(() => [Visit], { description: 'Daily reports: the visits of the day it covers (those you may see).' })
  visits(@Root() report: WorkReport, @Ctx() ctx: RequestContext): Promise<Visit[]> {
    return ctx.loaders.reports.visitsByReportId.load(report.id);
  }

  @FieldResolver(() => [WorkReportAcknowledgement], { description: 'Important matters: who up the line acknowledged it.' })
  acknowledgements(@Root() report: WorkReport, @Ctx() ctx: RequestContext): Promise<WorkReportAcknowledgement[]> {
    return ctx.loaders.reports.acknowledgementsByReportId.load(report.id);
  }
}

@Resolver(() => WorkReportAcknowledgement)
export class WorkReportAcknowledgementResolver {
  @FieldResolver(() => User, { nullable: true })
  user(@Root() acknowledgement: WorkReportAcknowledgement, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(acknowledgement.user.id);
  }
}
