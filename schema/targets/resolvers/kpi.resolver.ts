import { Arg, Args, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { isUuid } from '../../../api/ids';
import type { RequestContext } from '../../../api/context';
import { UserInputError } from '../../../api/errors';
import { msg } from '../../../api/i18n';
import { Allow } from '../../../api/permissions/policy-registry';
import { PerformanceFactsArgs, PerformancePeriodInput, PerformanceSubjectInput, periodOf, subjectOf } from '../kpis.inputs';
import { performanceReaders } from '../kpis.policy';
import { breakdown, facts, KpiService, type FactCursor, type KpiPeriod } from '../kpis.service';
import { Performance, PerformanceBreakdown, PerformanceFactConnection, PerformanceFactKind, type PerformancePeriodType } from '../kpis.types';
import { TargetMetric } from '../targets.enums';

/** The deepest breakdown asked for at once: company → region → team → people is 3. */
const MAX_BREAKDOWN_DEPTH = 5;

/** How a period is answered. */
export function periodType(period: KpiPeriod): PerformancePeriodType {
  const yearToDate = period.kind === 'YEAR_TO_DATE';
  return { kind: yearToDate ? null : (period.kind as Exclude<KpiPeriod['kind'], 'YEAR_TO_DATE'>), yearToDate, start: period.start, end: period.end };
}

const NOT_A_CURSOR = 'is not a cursor returned by this list';

function encodeCursor(cursor: FactCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** A cursor of ours: [ISO day, uuid, uuid]; anything else is refused at `after`. */
function decodeCursor(after: string): FactCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    throw UserInputError.field('after', NOT_A_CURSOR);
  }
  const valid =
    Array.isArray(value) && value.length === 3 && typeof value[0] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value[0]) && !Number.isNaN(Date.parse(value[0])) &&
    typeof value[1] === 'string' && isUuid(value[1]) && typeof value[2] === 'string' && isUuid(value[2]);
  if (!valid) throw UserInputError.field('after', NOT_A_CURSOR);
  return value as FactCursor;
}

@Resolver()
export class KpiResolver {
  @Query(() => Performance, {
    description:
      'Achievement and KPIs of a person or an org unit for a month, quarter, year or the year to date (N1–N7). ' +
      'Your own; your management chain’s people and units; finance, the VP, admins and integrations everyone’s. Others: FORBIDDEN.',
  })
  @Allow(performanceReaders)
  async performance(
    @Arg('subject', () => PerformanceSubjectInput) subject: PerformanceSubjectInput,
    @Arg('period', () => PerformancePeriodInput) period: PerformancePeriodInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Performance> {
    const [set] = await new KpiService(ctx).kpis([subjectOf(subject)], periodOf(period));
    return { ...set!, period: periodType(set!.period) };
  }

  @Query(() => PerformanceBreakdown, {
    description:
      'One metric down a unit’s tree: the unit, its child units and members, theirs… (`depth` levels, default 1), each against its own ' +
      'target, in one statement. For the unit’s heads and those above, finance, the VP, admins and integrations.',
  })
  @Allow(performanceReaders)
  async performanceBreakdown(
    @Arg('orgUnitId', () => ID) orgUnitId: string,
    @Arg('period', () => PerformancePeriodInput) period: PerformancePeriodInput,
    @Arg('metric', () => TargetMetric) metric: TargetMetric,
    @Arg('depth', () => Int, { defaultValue: 1, description: `Levels below the unit, 1 to ${MAX_BREAKDOWN_DEPTH}.` }) depth: number,
    @Ctx() ctx: RequestContext,
  ): Promise<PerformanceBreakdown> {
    if (!isUuid(orgUnitId)) throw UserInputError.field('orgUnitId', 'is not a valid id');
    if (depth < 1 || depth > MAX_BREAKDOWN_DEPTH) throw UserInputError.field('depth', msg('must be between {{min}} and {{max}}', { min: 1, max: MAX_BREAKDOWN_DEPTH }));
    const resolved = periodOf(period);
    const rows = await breakdown(ctx.em, ctx.signedInViewer, orgUnitId, resolved, metric, depth);
    return { metric, period: periodType(resolved), rows };
  }

  @Query(() => PerformanceFactConnection, {
    description:
      'The rows of sales_performance_fact behind a figure (drill-down): what counted, for whom, on which day, from which order line, ' +
      'payment allocation, first order or visit. Same scope as `performance`; totalValue equals the figure.',
  })
  @Allow(performanceReaders)
  async performanceFacts(@Args(() => PerformanceFactsArgs) args: PerformanceFactsArgs, @Ctx() ctx: RequestContext): Promise<PerformanceFactConnection> {
    const subject = subjectOf(args.subject);
    const period = periodOf(args.period);
    if (args.productLineId != null && args.metric !== TargetMetric.BOOKED_SALES) {
      throw UserInputError.field('productLineId', 'a product line applies to BOOKED_SALES only');
    }
    const after = args.after == null ? null : decodeCursor(args.after);
    const page = await facts(ctx.em, ctx.signedInViewer, subject, period, args.metric, { productLineId: args.productLineId, first: args.first, after });
    const nodes = page.rows.map((row) => {
      const kind = row.kind as PerformanceFactKind;
      const isOrder = kind === PerformanceFactKind.ORDER_LINE || kind === PerformanceFactKind.FIRST_ORDER;
      const isVisit = kind === PerformanceFactKind.VISIT || kind === PerformanceFactKind.ACCOMPANIED_VISIT;
      return {
        ...row,
        kind,
        orderId: isOrder ? row.documentId : null,
        paymentId: kind === PerformanceFactKind.PAYMENT_ALLOCATION ? row.documentId : null,
        visitId: isVisit ? row.documentId : null,
      };
    });
    const edges = nodes.map((node) => ({ cursor: encodeCursor([node.occurredOn, node.userId, node.sourceId]), node }));
    return {
      edges,
      nodes,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: page.totalCount,
      totalValue: page.totalValue,
    };
  }
}
