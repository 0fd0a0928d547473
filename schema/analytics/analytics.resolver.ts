import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { ApiScope } from '../../api/auth/api-scopes';
import type { RequestContext } from '../../api/context';
import { scoped } from '../../api/permissions/access-rule';
import { Allow } from '../../api/permissions/policy-registry';
import { SalesAnalysisInput } from './analytics.inputs';
import { SalesAnalysis } from './analytics.types';
import { SalesAnalysisService } from './sales-analysis.service';

@Resolver()
export class AnalyticsResolver {
  @Query(() => SalesAnalysis, {
    description:
      'Booked sales of the orders you may see, grouped by up to three dimensions, with a total and an optional comparison (R1–R3). ' +
      'Money needs the order-amount rule, margins the cost rule (FORBIDDEN per row otherwise); one SQL statement.',
  })
  @Allow(scoped(ApiScope.READ_SALES))
  salesAnalysis(@Arg('input', () => SalesAnalysisInput) input: SalesAnalysisInput, @Ctx() ctx: RequestContext): Promise<SalesAnalysis> {
    return new SalesAnalysisService(ctx).analyse(input);
  }
}
