import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../api/context';
import { Allow } from '../../../api/permissions/policy-registry';
import { ReceivablesGroupBy } from '../billing.inputs';
import { CollectionPerformance, ReceivablesAging } from '../billing.types';
import { receivablesReaders } from '../orders.policy';
import { ReceivablesService } from '../receivables.service';

@Resolver()
export class ReceivablesResolver {
  @Query(() => ReceivablesAging, {
    description:
      'Open receivables by invoice age (0–30, 31–60, 61–90, over 90 days since issue) and overdue, per customer, owner, ' +
      'team or region, with a grand total; of the owners you manage (finance, the VP and admins: everyone’s).',
  })
  @Allow(receivablesReaders)
  receivablesAging(
    @Arg('groupBy', () => ReceivablesGroupBy) groupBy: ReceivablesGroupBy,
    @Arg('asOf', () => LocalDateResolver, { nullable: true, description: 'The end of this day; defaults to today.' }) asOf: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ReceivablesAging> {
    return new ReceivablesService(ctx).aging(groupBy, asOf ?? undefined);
  }

  @Query(() => CollectionPerformance, {
    description:
      'Per owner you manage (finance, the VP and admins: everyone): invoiced and collected in the period, open at its end, ' +
      'days sales outstanding and average days to collect (formulas on the fields).',
  })
  @Allow(receivablesReaders)
  collectionPerformance(
    @Arg('from', () => LocalDateResolver) from: string,
    @Arg('to', () => LocalDateResolver) to: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CollectionPerformance> {
    return new ReceivablesService(ctx).collectionPerformance(from, to);
  }
}
