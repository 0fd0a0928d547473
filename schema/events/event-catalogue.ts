/**
 * The event catalogue: every event type the triggers write, by aggregate, with what it means. The triggers
 * (migrations), the schema's description of `DomainEvent.type`, `createWebhook`'s check of event types and README's
 * event table are checked against it by tests/event-catalogue.e2e.test.ts, so none of them can drift alone.
 *
 * What a payload holds is the aggregate's changed columns in camelCase; a few keys are derived rather than columns,
 * and `derivedFrom` names the field whose read rule guards each (see event-redaction.ts).
 */
export interface AggregateEvents {
  /** `DomainEvent.aggregateType`. */
  aggregateType: string;
  /** Who sees its events (README's wording). */
  visibility: string;
  types: Readonly<Record<string, string>>;
  /** Payload keys that are not columns, and the field they mirror. */
  derivedFrom?: Readonly<Record<string, string>>;
}

export const EVENT_CATALOGUE = [
  {
    aggregateType: 'Opportunity',
    visibility: 'as the opportunity',
    types: {
      'opportunity.created': 'a deal was created (every field)',
      'opportunity.updated': 'fields other than the stage changed',
      'opportunity.stageChanged': 'the stage moved (with previousStage)',
      'opportunity.won': 'the deal was won',
      'opportunity.lost': 'the deal was lost',
      'opportunity.reopened': 'a won or lost deal was reopened',
    },
    derivedFrom: { previousStage: 'stage' },
  },
  {
    aggregateType: 'Quote',
    visibility: 'as the opportunity; not partners',
    types: {
      'quote.created': 'a quote was made (every field)',
      'quote.updated': 'a quote changed without a status change',
      'quote.submitted': 'a draft was submitted (for approval, or approved within the owner’s authority)',
      'quote.approved': 'its discount was approved',
      'quote.rejected': 'its discount was rejected (back to draft)',
      'quote.accepted': 'the customer accepted it',
      'quote.superseded': 'a newer quote replaced it',
    },
  },
  {
    aggregateType: 'ApprovalRequest',
    visibility: 'as the opportunity; not partners',
    types: {
      'approval.requested': 'a discount waits for its approver (payload.approverId)',
      'approval.approved': 'the approver approved',
      'approval.rejected': 'the approver rejected',
      'approval.cancelled': 'the request was withdrawn',
      'approval.updated': 'a request changed without a status change',
    },
  },
  {
    aggregateType: 'Contract',
    visibility: 'as the contract (never partners)',
    types: {
      'contract.created': 'a contract was drafted (every field)',
      'contract.updated': 'a contract changed without a status change',
      'contract.submitted': 'submitted for approval',
      'contract.rejected': 'rejected back to draft',
      'contract.approved': 'every approval step approved',
      'contract.signed': 'signed',
      'contract.activated': 'its start date came',
      'contract.expired': 'its end date passed',
      'contract.terminated': 'terminated early',
      'contract.renewalDue': 'its end date is within the renewal window (endDate, windowDays, daysLeft)',
    },
    derivedFrom: { previousStatus: 'status', windowDays: 'endDate', daysLeft: 'endDate' },
  },
  {
    aggregateType: 'ContractApprovalStep',
    visibility: 'as its contract',
    types: {
      'contract.approvalRequested': 'a step waits for its approver (approverId, round, position)',
      'contract.stepApproved': 'a step was approved',
      'contract.stepRejected': 'a step was rejected',
      'contract.stepCancelled': 'a step was cancelled (the round ended)',
    },
    // A step is read only with its contract, so its contract's id is as readable as the step itself.
    derivedFrom: { contractId: 'id' },
  },
  {
    aggregateType: 'Order',
    visibility: 'as the order (partners: their distributor’s orders)',
    types: {
      'order.placed': 'an order was placed, confirmed or on credit hold (every field)',
      'order.creditReleased': 'finance released a credit hold',
      'order.cancelled': 'cancelled',
      'order.partiallyShipped': 'part of it shipped',
      'order.shipped': 'all of it shipped',
      'order.invoiced': 'all of it invoiced',
      'order.updated': 'an order changed otherwise',
    },
    derivedFrom: { previousStatus: 'status' },
  },
  {
    aggregateType: 'Shipment',
    visibility: 'as its order',
    types: {
      'shipment.created': 'goods left (every field)',
      'shipment.delivered': 'delivery was confirmed',
      'shipment.updated': 'a shipment changed otherwise',
    },
  },
  {
    aggregateType: 'Invoice',
    visibility: 'as the invoice (partners: their orders’)',
    types: {
      'invoice.issued': 'an invoice was issued (every field)',
      'invoice.partiallyPaid': 'payments cover part of it',
      'invoice.paid': 'payments cover all of it',
      'invoice.updated': 'an invoice changed otherwise',
    },
  },
  {
    aggregateType: 'Payment',
    visibility: 'as the payment (never partners)',
    types: {
      'payment.received': 'a payment was recorded (every field)',
      'payment.allocated': 'more of it was allocated to invoices',
      'payment.updated': 'a payment changed otherwise',
    },
  },
  {
    aggregateType: 'CommissionStatement',
    visibility: 'as the statement: the person paid, their management chain, finance, the VP, admins; integrations with READ_PERFORMANCE',
    types: {
      'commission.finalized': 'finance finalized a rep’s statement for a month',
      'commission.revised': 'finance finalized a revision (revisesId; totalCommission is the difference)',
    },
    derivedFrom: { previousStatus: 'status' },
  },
  {
    aggregateType: 'Appraisal',
    visibility: 'as the appraisal (the person, their chain, finance, the VP, admins, integrations with READ_PERFORMANCE; never partners)',
    types: {
      'appraisal.finalized': 'confirmed by the level above the reviewer and archived, unchangeable (userId, period, totalScore, grade, recommendation)',
    },
  },
  {
    aggregateType: 'SalesTarget',
    visibility: 'as the target',
    types: {
      'target.changed': 'a target was set, or its value or parent changed (every field on creation)',
    },
  },
  {
    aggregateType: 'WorkReport',
    visibility: 'as the report (its author and their management chain, the VP, admins; the score as the report’s score)',
    types: {
      'workReport.submitted': 'its author handed it in, on time or late (authorId, kind, periodStart, status, late, deadlineAt, submittedAt)',
      'workReport.reviewed': 'the author’s chain reviewed it (reviewedById, reviewedAt, score)',
    },
  },
  {
    aggregateType: 'TargetAdjustment',
    visibility: 'as its target',
    types: {
      'target.adjustmentRequested': 'a change of a locked target waits for a decision (payload.approverId)',
    },
  },
  {
    aggregateType: 'ExpenseClaim',
    visibility: 'as the claim: the claimant, their management chain, finance, the VP, admins; never partners or API keys',
    types: {
      'expenseClaim.submitted': 'a claim was submitted for approval (a new round)',
      'expenseClaim.approvalRequested': 'a later step waits for its approver (approverId, round, position, forBudget)',
      'expenseClaim.approved': 'every approval step approved and the budget holds it',
      'expenseClaim.returned': 'an approver or finance returned it to the claimant (returnReason)',
      'expenseClaim.paid': 'finance paid it (paidOn, paymentReference)',
    },
    derivedFrom: { previousStatus: 'status' },
  },
] as const satisfies readonly AggregateEvents[];

export type EventAggregateType = (typeof EVENT_CATALOGUE)[number]['aggregateType'];

/** Every event type, in catalogue order. */
export const EVENT_TYPES: readonly string[] = EVENT_CATALOGUE.flatMap((aggregate) => Object.keys(aggregate.types));

const KNOWN_TYPES = new Set(EVENT_TYPES);

export function isEventType(type: string): boolean {
  return KNOWN_TYPES.has(type);
}

export function aggregateEvents(aggregateType: string): AggregateEvents | undefined {
  return EVENT_CATALOGUE.find((aggregate) => aggregate.aggregateType === aggregateType);
}

/** For the schema: every type by aggregate, one line each. */
export function describeEventTypes(): string {
  return EVENT_CATALOGUE.map((aggregate) => `${aggregate.aggregateType}: ${Object.keys(aggregate.types).join(', ')}`).join('. ') + '.';
}
