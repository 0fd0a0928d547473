import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../../api/auth/api-scopes';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { selectsTotalCount } from '../../../api/pagination';
import { scoped } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { Product } from '../../catalog/entities/product.entity';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { SellThroughReportsArgs, SubmitSellThroughReportInput } from '../channels.inputs';
import { sellThroughReporters } from '../channels.policy';
import { SellThroughReportConnection } from '../channels.types';
import { Distributor } from '../distributor.entity';
import { SellThroughLine } from '../entities/sell-through-line.entity';
import { SellThroughReport } from '../entities/sell-through-report.entity';
import { SellThroughService } from '../sell-through.service';

@Resolver(() => SellThroughReport)
export class SellThroughReportResolver {
  @Query(() => SellThroughReportConnection, {
    description: 'Sell-through reports you may see, newest first: a partner its own distributor’s; the sales line, finance and admins all.',
  })
  @Allow(scoped(ApiScope.READ_SALES))
  sellThroughReports(@Args() args: SellThroughReportsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<SellThroughReportConnection> {
    return new SellThroughService(ctx).reports(args, { includeCount: selectsTotalCount(info) });
  }

  @Query(() => SellThroughReport, { nullable: true, description: 'One sell-through report by id: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(scoped(ApiScope.READ_SALES))
  sellThroughReport(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<SellThroughReport | null> {
    return new SellThroughService(ctx).reportById(assertId(id, 'id'));
  }

  @Mutation(() => SellThroughReport, {
    description:
      'Your distributor’s sell-through for a period (one report per period; overlapping periods get CONFLICT). Every bad ' +
      'value is reported at once and nothing is written. Sales outside the distributor’s regions and batches shipped ' +
      'elsewhere are recorded as channel conflicts for the company’s directors.',
  })
  @Allow(sellThroughReporters)
  submitSellThroughReport(@Arg('input') input: SubmitSellThroughReportInput, @Ctx() ctx: RequestContext): Promise<SellThroughReport> {
    return new SellThroughService(ctx).submit(input);
  }

  @FieldResolver(() => Distributor, { nullable: true })
  distributor(@Root() report: SellThroughReport, @Ctx() ctx: RequestContext): Promise<Distributor | null> {
    return ctx.loaders.channels.distributorById.load(report.distributor.id);
  }

  @FieldResolver(() => User, { nullable: true })
  submittedBy(@Root() report: SellThroughReport, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(report.submittedBy.id);
  }

  @FieldResolver(() => [SellThroughLine], { description: 'By day sold, then batch number.' })
  lines(@Root() report: SellThroughReport, @Ctx() ctx: RequestContext): Promise<SellThroughLine[]> {
    return ctx.loaders.channels.linesBySellThroughReportId.load(report.id);
  }
}

@Resolver(() => SellThroughLine)
export class SellThroughLineResolver {
  @FieldResolver(() => Product, { nullable: true })
  product(@Root() line: SellThroughLine, @Ctx() ctx: RequestContext): Promise<Product | null> {
    return ctx.loaders.catalog.productById.load(line.product.id);
  }

  @FieldResolver(() => OrgUnit, { nullable: true, description: 'Null for a partner when the region is not one of its own.' })
  saleRegion(@Root() line: SellThroughLine, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> {
    return ctx.loaders.org.unitById.load(line.saleRegion.id);
  }
}
