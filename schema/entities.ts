import { PriceList } from './catalog/entities/price-list.entity';
import { PriceListEntry } from './catalog/entities/price-list-entry.entity';
import { Product } from './catalog/entities/product.entity';
import { ProductLine } from './catalog/entities/product-line.entity';
import { Distributor } from './channels/distributor.entity';
import { ChannelConflict } from './channels/entities/channel-conflict.entity';
import { SellThroughLine } from './channels/entities/sell-through-line.entity';
import { SellThroughReport } from './channels/entities/sell-through-report.entity';
import { Complaint } from './customers/entities/complaint.entity';
import { Contact } from './customers/entities/contact.entity';
import { Customer } from './customers/entities/customer.entity';
import { SatisfactionSurvey } from './customers/entities/satisfaction-survey.entity';
import { Visit } from './customers/entities/visit.entity';
import { VisitCheckIn } from './customers/entities/visit-check-in.entity';
import { VisitPlan } from './customers/entities/visit-plan.entity';
import { OpportunityFollowUp } from './pipeline/entities/opportunity-follow-up.entity';
import { IdempotencyRecord } from '../api/database/idempotency';
import { ApiKey } from './org/entities/api-key.entity';
import { ApprovalLimit } from './org/entities/approval-limit.entity';
import { OrgUnit } from './org/entities/org-unit.entity';
import { AuthSession, RefreshToken, SignInThrottleCounter } from './org/entities/sign-in.entities';
import { User } from './org/entities/user.entity';
import { DomainEvent } from './events/domain-event.entity';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookFanout } from './events/webhook.entities';
import { Contract } from './orders/entities/contract.entity';
import { ContractApprovalStep } from './orders/entities/contract-approval-step.entity';
import { ContractLine } from './orders/entities/contract-line.entity';
import { ContractRenewalAlert } from './orders/entities/contract-renewal-alert.entity';
import { Invoice } from './orders/entities/invoice.entity';
import { InvoiceLine } from './orders/entities/invoice-line.entity';
import { ReceivableOpenItem } from './orders/entities/receivable-open-item.entity';
import { OrderLine } from './orders/entities/order-line.entity';
import { Payment } from './orders/entities/payment.entity';
import { PaymentAllocation } from './orders/entities/payment-allocation.entity';
import { SalesOrder } from './orders/entities/sales-order.entity';
import { Shipment } from './orders/entities/shipment.entity';
import { ShipmentLine } from './orders/entities/shipment-line.entity';
import { ApprovalRequest } from './pipeline/entities/approval-request.entity';
import { Lead } from './pipeline/entities/lead.entity';
import { Opportunity } from './pipeline/entities/opportunity.entity';
import { OpportunityStageChange } from './pipeline/entities/opportunity-stage-change.entity';
import { Quote } from './pipeline/entities/quote.entity';
import { QuoteLine } from './pipeline/entities/quote-line.entity';
import { CommissionPlan, CommissionPlanAssignee, CommissionTier } from './targets/entities/commission-plan.entity';
import { CommissionStatement, CommissionStatementLine } from './targets/entities/commission-statement.entity';
import { SalesTarget } from './targets/entities/sales-target.entity';
import { VisitNorm } from './targets/entities/visit-norm.entity';
import { Appraisal, AppraisalLine } from './targets/entities/appraisal.entity';
import { ImprovementAction, ImprovementPlan } from './targets/entities/improvement-plan.entity';
import { Scorecard, ScorecardIndicator } from './targets/entities/scorecard.entity';
import { SalesTargetVersion } from './targets/entities/sales-target-version.entity';
import { SalesPlan, SalesPlanAction, SalesPlanComment, SalesPlanCustomer, SalesPlanDeal } from './targets/entities/sales-plan.entity';
import { TargetAdjustment } from './targets/entities/target-adjustment.entity';
import { SalesContest } from './targets/entities/sales-contest.entity';
import { ReportDeadline } from './reports/entities/report-deadline.entity';
import { WorkReport, WorkReportAcknowledgement, WorkReportVisit } from './reports/entities/work-report.entity';
import { Meeting, MeetingActionItem } from './reports/entities/meeting.entity';
import { ExpenseBudget, ExpenseBudgetLine } from './expenses/entities/expense-budget.entity';
import { ExpenseCategory } from './expenses/entities/expense-category.entity';
import { ExpenseApprovalStep, ExpenseClaim, ExpenseClaimLine } from './expenses/entities/expense-claim.entity';
import { Notification } from './notifications/entities/notification.entity';
import { NotificationMail } from './notifications/entities/notification-mail.entity';
import { NotificationPreference } from './notifications/entities/notification-preference.entity';
import { ForecastAdjustment } from './forecasts/entities/forecast-adjustment.entity';
import { ForecastLine, ForecastSubmission } from './forecasts/entities/forecast-submission.entity';
import { OpportunityCloseDateChange } from './analytics/funnel-close-date-change.entity';

/** Every MikroORM entity, listed explicitly so discovery needs no file globbing (same in dist/ and under jest). */
export const ENTITIES = [
  OrgUnit,
  User,
  ApiKey,
  AuthSession,
  RefreshToken,
  SignInThrottleCounter,
  ApprovalLimit,
  Distributor,
  ProductLine,
  Product,
  PriceList,
  PriceListEntry,
  CommissionPlan,
  CommissionTier,
  CommissionPlanAssignee,
  CommissionStatement,
  CommissionStatementLine,
  SalesTarget,
  VisitNorm,
  Scorecard,
  ScorecardIndicator,
  Appraisal,
  AppraisalLine,
  ImprovementPlan,
  ImprovementAction,
  TargetAdjustment,
  SalesTargetVersion,
  SalesPlan,
  SalesPlanCustomer,
  SalesPlanDeal,
  SalesPlanAction,
  SalesPlanComment,
  SalesContest,
  Customer,
  Contact,
  Visit,
  Complaint,
  SatisfactionSurvey,
  Lead,
  Opportunity,
  OpportunityStageChange,
  Quote,
  QuoteLine,
  ApprovalRequest,
  Contract,
  ContractLine,
  ContractApprovalStep,
  ContractRenewalAlert,
  SalesOrder,
  OrderLine,
  Shipment,
  ShipmentLine,
  Invoice,
  InvoiceLine,
  ReceivableOpenItem,
  Payment,
  PaymentAllocation,
  SellThroughReport,
  SellThroughLine,
  ChannelConflict,
  DomainEvent,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookAttempt,
  WebhookFanout,
  IdempotencyRecord,
  ReportDeadline,
  WorkReport,
  WorkReportVisit,
  WorkReportAcknowledgement,
  Meeting,
  MeetingActionItem,
  ExpenseCategory,
  ExpenseBudget,
  ExpenseBudgetLine,
  ExpenseClaim,
  ExpenseClaimLine,
  ExpenseApprovalStep,
  VisitPlan,
  VisitCheckIn,
  OpportunityFollowUp,
  Notification,
  NotificationPreference,
  NotificationMail,
  ForecastSubmission,
  ForecastLine,
  ForecastAdjustment,
  OpportunityCloseDateChange,
];
