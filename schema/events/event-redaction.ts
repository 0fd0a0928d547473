import { getMetadataStorage } from 'type-graphql';
import type { RequestContext } from '../../api/context';
import type { AccessRule } from '../../api/permissions/access-rule';
import { fieldRuleOf, typeRuleOf } from '../../api/permissions/policy-registry';
import { Contract } from '../orders/entities/contract.entity';
import { ContractApprovalStep } from '../orders/entities/contract-approval-step.entity';
import { Invoice } from '../orders/entities/invoice.entity';
import { Payment } from '../orders/entities/payment.entity';
import { SalesOrder } from '../orders/entities/sales-order.entity';
import { Shipment } from '../orders/entities/shipment.entity';
import { Opportunity } from '../pipeline/entities/opportunity.entity';
import { ApprovalRequest } from '../pipeline/entities/approval-request.entity';
import { Quote } from '../pipeline/entities/quote.entity';
import { CommissionStatement } from '../targets/entities/commission-statement.entity';
import { Appraisal } from '../targets/entities/appraisal.entity';
import { SalesTarget } from '../targets/entities/sales-target.entity';
import { TargetAdjustment } from '../targets/entities/target-adjustment.entity';
import { WorkReport } from '../reports/entities/work-report.entity';
import { ExpenseClaim } from '../expenses/entities/expense-claim.entity';
import { aggregateEvents, type EventAggregateType } from './event-catalogue';

type EntityClass = abstract new (...args: never[]) => object;

/** An aggregate's GraphQL type (whose read rules guard its events' payloads) and how a viewer's loaders read it. */
export interface EventAggregate {
  entity: EntityClass;
  load(ctx: RequestContext, id: string): Promise<object | null>;
}

/** Every aggregate of the catalogue (tests/event-catalogue.e2e.test.ts checks both list the same ones). */
export const EVENT_AGGREGATES: Readonly<Record<EventAggregateType, EventAggregate>> = {
  Opportunity: { entity: Opportunity, load: (ctx, id) => ctx.loaders.pipeline.opportunityById.load(id) },
  Quote: { entity: Quote, load: (ctx, id) => ctx.loaders.quotes.quoteById.load(id) },
  ApprovalRequest: { entity: ApprovalRequest, load: (ctx, id) => ctx.loaders.quotes.approvalRequestById.load(id) },
  Contract: { entity: Contract, load: (ctx, id) => ctx.loaders.orders.contractById.load(id) },
  ContractApprovalStep: { entity: ContractApprovalStep, load: (ctx, id) => ctx.loaders.orders.approvalStepById.load(id) },
  Order: { entity: SalesOrder, load: (ctx, id) => ctx.loaders.orders.orderById.load(id) },
  Shipment: { entity: Shipment, load: (ctx, id) => ctx.loaders.orders.shipmentById.load(id) },
  Invoice: { entity: Invoice, load: (ctx, id) => ctx.loaders.orders.invoiceById.load(id) },
  Payment: { entity: Payment, load: (ctx, id) => ctx.loaders.orders.paymentById.load(id) },
  CommissionStatement: { entity: CommissionStatement, load: (ctx, id) => ctx.loaders.commissions.statementById.load(id) },
  Appraisal: { entity: Appraisal, load: (ctx, id) => ctx.loaders.appraisals.appraisalById.load(id) },
  SalesTarget: { entity: SalesTarget, load: (ctx, id) => ctx.loaders.targets.targetById.load(id) },
  TargetAdjustment: { entity: TargetAdjustment, load: (ctx, id) => ctx.loaders.targets.adjustmentById.load(id) },
  WorkReport: { entity: WorkReport, load: (ctx, id) => ctx.loaders.reports.reportById.load(id) },
  ExpenseClaim: { entity: ExpenseClaim, load: (ctx, id) => ctx.loaders.expenses.claimById.load(id) },
};

/** What guards one payload key: the GraphQL field it mirrors and that field's read rule; none: never sent. */
export interface PayloadKeyGuard {
  field: string | null;
  rule: AccessRule<never> | null;
}

const guards = new Map<string, PayloadKeyGuard>();

/** The GraphQL fields of an entity's type, by property name (its own fields and its resolvers' field resolvers). */
function graphqlFieldsOf(entity: EntityClass): Set<string> {
  const type = getMetadataStorage().objectTypes.find((candidate) => candidate.target === entity);
  return new Set((type?.fields ?? []).map((field) => field.name));
}

/**
 * Which field a payload key of `aggregateType` mirrors, and the rule that guards it: the key itself (`amount`), a
 * relation's id (`ownerId` → `owner`), or a derived key the catalogue names (`previousStage` → `stage`). The rule is
 * the field's own or else its type's, exactly as queries are guarded. A key that mirrors no field of the type is never
 * sent: a column the API does not expose stays unexposed in events too.
 */
export function payloadKeyGuard(aggregateType: string, key: string): PayloadKeyGuard {
  const cacheKey = `${aggregateType}.${key}`;
  const cached = guards.get(cacheKey);
  if (cached !== undefined) return cached;
  const aggregate = EVENT_AGGREGATES[aggregateType as EventAggregateType] as EventAggregate | undefined;
  let guard: PayloadKeyGuard = { field: null, rule: null };
  if (aggregate !== undefined) {
    const mirrored = (aggregateEvents(aggregateType)?.derivedFrom as Record<string, string> | undefined)?.[key] ?? key;
    const fields = graphqlFieldsOf(aggregate.entity);
    const field = [mirrored, mirrored.endsWith('Id') ? mirrored.slice(0, -2) : null].find((name): name is string => name !== null && fields.has(name));
    if (field !== undefined) guard = { field, rule: fieldRuleOf<never>(aggregate.entity, field) ?? typeRuleOf(aggregate.entity) ?? null };
  }
  // Cached only once the schema is built (type-graphql fills in field resolvers then).
  if (guard.field !== null) guards.set(cacheKey, guard);
  return guard;
}

/**
 * The keys of `payload` the viewer may not read, in alphabetical order: each judged by the rule of the field it mirrors, on the aggregate as
 * the viewer's loaders read it now (so a page of events costs a constant number of statements). With the aggregate
 * out of the viewer's reach, only fields that their type's rule alone guards stay.
 */
export async function hiddenPayloadKeys(ctx: RequestContext, aggregateType: string, aggregateId: string, payload: Record<string, unknown>): Promise<string[]> {
  const aggregate = EVENT_AGGREGATES[aggregateType as EventAggregateType] as EventAggregate | undefined;
  const row = aggregate === undefined ? null : await aggregate.load(ctx, aggregateId);
  const typeRule = aggregate === undefined ? undefined : typeRuleOf(aggregate.entity);
  const decisions = new Map<AccessRule<never>, boolean>();
  const hidden: string[] = [];
  for (const key of Object.keys(payload)) {
    const { field, rule } = payloadKeyGuard(aggregateType, key);
    if (field === null || rule === null) {
      hidden.push(key);
      continue;
    }
    if (row === null && rule !== typeRule) {
      hidden.push(key);
      continue;
    }
    let allowed = decisions.get(rule);
    if (allowed === undefined) {
      allowed = row === null ? ctx.viewer !== null : await rule.allows(ctx, row as never);
      decisions.set(rule, allowed);
    }
    if (!allowed) hidden.push(key);
  }
  return hidden.sort();
}
