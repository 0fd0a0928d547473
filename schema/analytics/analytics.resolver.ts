import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { Arg, Ctx, Info, Query, Resolver } from 'type-graphql';
import { ApiScope } from '../../api/auth/api-scopes';
import type { RequestContext } from '../../api/context';
import { scoped } from '../../api/permissions/access-rule';
import { Allow } from '../../api/permissions/policy-registry';
import { ChannelPerformanceInput, ContractFulfilmentInput, RenewalRateInput, SalesAnalysisInput } from './analytics.inputs';
import { ChannelPerformance, ContractFulfilment, RenewalRates, SalesAnalysis } from './analytics.types';
import { SalesAnalysisService } from './sales-analysis.service';
import { SalesChannelsService } from './sales-channels.service';
import { SalesContractsService } from './sales-contracts.service';

/** Whether any of `names` is selected anywhere below the field (nested objects and fragments included). */
function selectsAnyBelow(info: GraphQLResolveInfo, names: readonly string[]): boolean {
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): boolean =>
    set !== undefined &&
    set.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return names.includes(selection.name.value) || walk(selection.selectionSet);
      if (selection.kind === Kind.INLINE_FRAGMENT) return walk(selection.selectionSet);
      if (seen.has(selection.name.value)) return false;
      seen.add(selection.name.value);
      return walk(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => walk(node.selectionSet));
}

/** The measures that need each order's "first order of its customer?" test. */
const NEW_CUSTOMER_MEASURES = ['newCustomerCount', 'newCustomerAmount', 'existingCustomerAmount'];

/** The sales reports: each one SQL statement over the rows the caller's row scopes let through. */
@Resolver()
export class AnalyticsResolver {
  @Query(() => SalesAnalysis, {
    description:
      'Booked sales of the orders you may see, grouped by up to three dimensions, with a total and an optional comparison (R1–R3). ' +
      'Money needs the order-amount rule, margins the cost rule (FORBIDDEN per row otherwise); one SQL statement.',
  })
  @Allow(scoped(ApiScope.READ_SALES))
  salesAnalysis(@Arg('input', () => SalesAnalysisInput) input: SalesAnalysisInput, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<SalesAnalysis> {
    return new SalesAnalysisService(ctx).analyse(input, { newCustomers: selectsAnyBelow(info, NEW_CUSTOMER_MEASURES) });
  }

  @Query(() => ChannelPerformance, {
    description:
      'Distributors’ sell-in (the orders they placed) against their sell-through (their reports) and the channel conflicts, per distributor ' +
      'and/or region (L9, R2); each part within its own row scope. One SQL statement.',
  })
  @Allow(scoped(ApiScope.READ_SALES))
  channelPerformance(@Arg('input', () => ChannelPerformanceInput) input: ChannelPerformanceInput, @Ctx() ctx: RequestContext): Promise<ChannelPerformance> {
    return new SalesChannelsService(ctx).performance(input);
  }

  @Query(() => ContractFulfilment, {
    description:
      'Ordered, shipped, invoiced and collected against each signed contract you may see (H4), or summed per owner, team or region; ' +
      'contract amounts only where you may read them. One SQL statement.',
  })
  @Allow(scoped(ApiScope.READ_SALES))
  contractFulfilment(@Arg('input', () => ContractFulfilmentInput) input: ContractFulfilmentInput, @Ctx() ctx: RequestContext): Promise<ContractFulfilment> {
    return new SalesContractsService(ctx).fulfilment(input);
  }

  @Query(() => RenewalRates, {
    description: 'Renewal rate (H7): of the signed contracts you may see ending in each period, the share renewed; per owner, team or region. One SQL statement.',
  })
  @Allow(scoped(ApiScope.READ_SALES))
  renewalRates(@Arg('input', () => RenewalRateInput) input: RenewalRateInput, @Ctx() ctx: RequestContext): Promise<RenewalRates> {
    return new SalesContractsService(ctx).renewalRates(input);
  }
}
