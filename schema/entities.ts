import { PriceList } from './catalog/entities/price-list.entity';
import { PriceListEntry } from './catalog/entities/price-list-entry.entity';
import { Product } from './catalog/entities/product.entity';
import { ProductLine } from './catalog/entities/product-line.entity';
import { Distributor } from './channels/distributor.entity';
import { Complaint } from './customers/entities/complaint.entity';
import { Contact } from './customers/entities/contact.entity';
import { Customer } from './customers/entities/customer.entity';
import { SatisfactionSurvey } from './customers/entities/satisfaction-survey.entity';
import { Visit } from './customers/entities/visit.entity';
import { ApiKey } from './org/entities/api-key.entity';
import { ApprovalLimit } from './org/entities/approval-limit.entity';
import { OrgUnit } from './org/entities/org-unit.entity';
import { User } from './org/entities/user.entity';
import { DomainEvent } from './events/domain-event.entity';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookFanout } from './events/webhook.entities';
import { ApprovalRequest } from './pipeline/entities/approval-request.entity';
import { Lead } from './pipeline/entities/lead.entity';
import { Opportunity } from './pipeline/entities/opportunity.entity';
import { OpportunityStageChange } from './pipeline/entities/opportunity-stage-change.entity';
import { Quote } from './pipeline/entities/quote.entity';
import { QuoteLine } from './pipeline/entities/quote-line.entity';
import { CommissionPlan, CommissionTier } from './targets/entities/commission-plan.entity';

/** Every MikroORM entity, listed explicitly so discovery needs no file globbing (same in dist/ and under jest). */
export const ENTITIES = [
  OrgUnit,
  User,
  ApiKey,
  ApprovalLimit,
  Distributor,
  ProductLine,
  Product,
  PriceList,
  PriceListEntry,
  CommissionPlan,
  CommissionTier,
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
  DomainEvent,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookAttempt,
  WebhookFanout,
];
