import { validate, type ValidationError } from 'class-validator';
import { defaultFieldResolver, getNamedType, lexicographicSortSchema, printSchema, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { buildSchema, getMetadataStorage, type ResolverData } from 'type-graphql';
import { PriceListEntryResolver, PriceListResolver } from '../schema/catalog/resolvers/price-list.resolver';
import { ProductResolver } from '../schema/catalog/resolvers/product.resolver';
import { ChannelConflictResolver } from '../schema/channels/resolvers/channel-conflict.resolver';
import { DistributorResolver } from '../schema/channels/resolvers/distributor.resolver';
import { SellThroughLineResolver, SellThroughReportResolver } from '../schema/channels/resolvers/sell-through.resolver';
import { EventResolver } from '../schema/events/event.resolver';
import { WebhookDeliveryResolver, WebhookResolver } from '../schema/events/webhook.resolver';
import { ComplaintResolver, ContactResolver, SatisfactionSurveyResolver, VisitResolver } from '../schema/customers/resolvers/customer-records.resolver';
import { CustomerResolver } from '../schema/customers/resolvers/customer.resolver';
import { FollowUpCustomerResolver, VisitCheckInResolver, VisitFollowUpResolver, VisitPlanResolver } from '../schema/customers/resolvers/visit-plan.resolver';
import { OpportunityFollowUpResolver, OpportunityFollowUpsResolver } from '../schema/pipeline/resolvers/follow-up.resolver';
import { ContractApprovalStepResolver, ContractLineResolver, ContractResolver } from '../schema/orders/resolvers/contract.resolver';
import { ApiKeyResolver } from '../schema/org/resolvers/api-key.resolver';
import { ApprovalLimitResolver } from '../schema/org/resolvers/approval-limit.resolver';
import { AuthResolver } from '../schema/org/resolvers/auth.resolver';
import { OrderLineResolver, OrderResolver } from '../schema/orders/resolvers/order.resolver';
import { ShipmentLineResolver, ShipmentResolver } from '../schema/orders/resolvers/shipment.resolver';
import { OrgUnitResolver } from '../schema/org/resolvers/org-unit.resolver';
import { UserResolver } from '../schema/org/resolvers/user.resolver';
import { LeadResolver } from '../schema/pipeline/resolvers/lead.resolver';
import { OpportunityResolver, OpportunityStageChangeResolver } from '../schema/pipeline/resolvers/opportunity.resolver';
import { ApprovalResolver } from '../schema/pipeline/resolvers/approval.resolver';
import { OpportunityQuotesResolver } from '../schema/pipeline/resolvers/opportunity-quotes.resolver';
import { QuoteLineResolver, QuoteResolver } from '../schema/pipeline/resolvers/quote.resolver';
import { InvoiceLineResolver, InvoiceResolver, OrderInvoicesResolver } from '../schema/orders/resolvers/invoice.resolver';
import { PaymentAllocationResolver, PaymentResolver } from '../schema/orders/resolvers/payment.resolver';
import { ReceivablesResolver } from '../schema/orders/resolvers/receivables.resolver';
import { CommissionPlanResolver } from '../schema/targets/resolvers/commission-plan.resolver';
import { KpiResolver } from '../schema/targets/resolvers/kpi.resolver';
import { LeaderboardResolver, SalesContestResolver } from '../schema/targets/resolvers/leaderboard.resolver';
import { CommissionStatementLineResolver, CommissionStatementResolver } from '../schema/targets/resolvers/commission-statement.resolver';
import { AppraisalResolver, ScorecardResolver } from '../schema/targets/resolvers/appraisal.resolver';
import { ImprovementPlanResolver } from '../schema/targets/resolvers/improvement-plan.resolver';
import { SalesPlanActionResolver, SalesPlanCommentResolver, SalesPlanResolver } from '../schema/targets/resolvers/sales-plan.resolver';
import { ProposedTargetResolver, SalesTargetResolver, SalesTargetVersionResolver, TargetAdjustmentResolver } from '../schema/targets/resolvers/target.resolver';
import { MeetingActionItemResolver, MeetingResolver } from '../schema/reports/resolvers/meeting.resolver';
import { WorkReportAcknowledgementResolver, WorkReportResolver } from '../schema/reports/resolvers/work-report.resolver';
import { ExpenseBudgetLineResolver, ExpenseBudgetResolver } from '../schema/expenses/resolvers/expense-budget.resolver';
import { ExpenseApprovalStepResolver, ExpenseClaimLineResolver, ExpenseClaimResolver } from '../schema/expenses/resolvers/expense-claim.resolver';
import { NotificationResolver } from '../schema/notifications/resolvers/notification.resolver';
import { AnalyticsResolver } from '../schema/analytics/analytics.resolver';
import { FunnelResolver } from '../schema/analytics/funnel.resolver';
import { ForecastAdjustmentResolver, ForecastResolver, ForecastSubmissionResolver } from '../schema/forecasts/resolvers/forecast.resolver';
import type { RequestContext } from './context';
import { UserInputError, type FieldProblem } from './errors';
import { attachEventBus, EventBus } from './events/event-bus';
import { readPropertiesPlainly } from './execution/plain-fields';
import { applyPermissions, documentPolicy } from './permissions/shield';
import { applyInputPolicy, constraintsMessage } from './validation';

const RESOLVERS = [
  AuthResolver,
  UserResolver,
  OrgUnitResolver,
  ApiKeyResolver,
  ApprovalLimitResolver,
  ProductResolver,
  PriceListResolver,
  PriceListEntryResolver,
  CommissionPlanResolver,
  KpiResolver,
  LeaderboardResolver,
  CommissionStatementResolver,
  CommissionStatementLineResolver,
  ScorecardResolver,
  AppraisalResolver,
  ImprovementPlanResolver,
  SalesTargetResolver,
  SalesTargetVersionResolver,
  TargetAdjustmentResolver,
  ProposedTargetResolver,
  SalesPlanResolver,
  SalesPlanActionResolver,
  SalesPlanCommentResolver,
  SalesContestResolver,
  CustomerResolver,
  ContactResolver,
  VisitResolver,
  ComplaintResolver,
  SatisfactionSurveyResolver,
  OpportunityResolver,
  OpportunityStageChangeResolver,
  LeadResolver,
  QuoteResolver,
  QuoteLineResolver,
  ApprovalResolver,
  OpportunityQuotesResolver,
  DistributorResolver,
  SellThroughReportResolver,
  SellThroughLineResolver,
  ChannelConflictResolver,
  InvoiceResolver,
  InvoiceLineResolver,
  OrderInvoicesResolver,
  PaymentResolver,
  PaymentAllocationResolver,
  ReceivablesResolver,
  ContractResolver,
  ContractLineResolver,
  ContractApprovalStepResolver,
  OrderResolver,
  OrderLineResolver,
  ShipmentResolver,
  ShipmentLineResolver,
  EventResolver,
  WebhookResolver,
  WebhookDeliveryResolver,
  WorkReportResolver,
  WorkReportAcknowledgementResolver,
  MeetingResolver,
  MeetingActionItemResolver,
  ExpenseBudgetResolver,
  ExpenseBudgetLineResolver,
  ExpenseClaimResolver,
  ExpenseClaimLineResolver,
  ExpenseApprovalStepResolver,
  VisitPlanResolver,
  VisitFollowUpResolver,
  VisitCheckInResolver,
  FollowUpCustomerResolver,
  OpportunityFollowUpResolver,
  OpportunityFollowUpsResolver,
  NotificationResolver,
  AnalyticsResolver,
  FunnelResolver,
  ForecastResolver,
  ForecastSubmissionResolver,
  ForecastAdjustmentResolver,
] as const;

function problemsOf(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = `${prefix}${error.property}`;
    const message = constraintsMessage(error);
    const own = message === undefined ? [] : [{ path, message }];
    return [...own, ...problemsOf(error.children ?? [], `${path}.`)];
  });
}

/**
 * The argument name an input object was given as, so problems read `input.name` rather than `name`. @ArgsType
 * classes spread their fields as arguments, so they get no prefix.
 */
function argumentPrefix(argType: unknown, info: GraphQLResolveInfo): string {
  const storage = getMetadataStorage();
  if (storage.argumentTypes.some((t) => t.target === argType)) return '';
  const typeName = storage.inputTypes.find((t) => t.target === argType)?.name;
  const field = info.parentType.getFields()[info.fieldName];
  const arg = field?.args.find((a) => getNamedType(a.type).name === typeName);
  return arg ? `${arg.name}.` : '';
}

/** class-validator over every input object, reported once as BAD_USER_INPUT with the path of each bad value. */
async function validateArgument(value: unknown, argType: unknown, { info }: ResolverData): Promise<void> {
  const items = Array.isArray(value) ? value : [value];
  const objects = items.filter((item): item is object => item !== null && typeof item === 'object' && !(item instanceof Date));
  if (objects.length === 0) return;
  const prefix = argumentPrefix(argType, info);
  const results = await Promise.all(objects.map((item) => validate(item, { skipMissingProperties: true, forbidUnknownValues: false })));
  const problems = problemsOf(results.flat(), prefix);
  if (problems.length > 0) throw new UserInputError(problems);
}

/**
 * The executable schema: type-graphql's build with plain property reads where a field is only that, every argument
 * read by the input policy, the permission guards on top.
 */
export async function buildAppSchema(eventBus: EventBus = new EventBus()): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    // type-graphql asks for a PubSub wherever there are subscriptions; ours take their events from the event bus
    // (their own `subscribe`), so there are no topics to publish to.
    pubSub: {
      publish: () => undefined,
      subscribe: () => {
        throw new Error('subscriptions read the event bus, not topics');
      },
    },
    validateFn: validateArgument,
  });
  readPropertiesPlainly(schema);
  applyInputPolicy(schema);
  documentPolicy(schema);
  const served = applyPermissions(schema);
  forgetReadsBeforeEachMutation(served);
  // Subscriptions take their events from the bus of the schema they run in (see event.resolver.ts).
  attachEventBus(served, eventBus);
  return served;
}

/**
 * Mutations of one document run one after the other, and each answer is read after its write: each starts with fresh
 * loaders, so none answers from rows an earlier one read before it changed them.
 */
function forgetReadsBeforeEachMutation(schema: GraphQLSchema): void {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, ctx: RequestContext, info) => {
      ctx.forgetReads();
      return resolve(source, args, ctx, info);
    };
  }
}

/** SDL as checked in at schema/schema.graphql: sorted, so the file diffs cleanly. */
export function printAppSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
