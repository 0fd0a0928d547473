import type { EntityManager } from '@mikro-orm/postgresql';
import { createCatalogLoaders } from '../schema/catalog/catalog.loaders';
import { createChannelLoaders } from '../schema/channels/channels.loaders';
import { createCustomerLoaders } from '../schema/customers/customers.loaders';
import { createEventLoaders } from '../schema/events/events.loaders';
import { createOrderLoaders } from '../schema/orders/orders.loaders';
import { createOrgLoaders } from '../schema/org/org.loaders';
import { createPipelineLoaders } from '../schema/pipeline/pipeline.loaders';
import { createQuoteLoaders } from '../schema/pipeline/quotes.loaders';
import { createTargetLoaders } from '../schema/targets/targets.loaders';
import { createCommissionLoaders } from '../schema/targets/commissions.loaders';
import { createAppraisalLoaders } from '../schema/targets/appraisals.loaders';
import { createReportLoaders } from '../schema/reports/reports.loaders';
import { createExpenseLoaders } from '../schema/expenses/expenses.loaders';
import { createFollowUpLoaders } from '../schema/customers/follow-up.loaders';
import { createFollowUpLogLoaders } from '../schema/pipeline/follow-ups.loaders';
import type { Viewer } from './permissions/viewer';

/** A fresh set per request: nothing cached leaks from one viewer to another. */
export function createLoaders(em: EntityManager, viewer: Viewer | null) {
  return {
    org: createOrgLoaders(em, viewer),
    channels: createChannelLoaders(em, viewer),
    catalog: createCatalogLoaders(em, viewer),
    commissions: createCommissionLoaders(em, viewer),
    appraisals: createAppraisalLoaders(em, viewer),
    targets: createTargetLoaders(em, viewer),
    customers: createCustomerLoaders(em, viewer),
    events: createEventLoaders(em),
    pipeline: createPipelineLoaders(em, viewer),
    quotes: createQuoteLoaders(em, viewer),
    orders: createOrderLoaders(em, viewer),
    reports: createReportLoaders(em, viewer),
    expenses: createExpenseLoaders(em, viewer),
    followUp: createFollowUpLoaders(em, viewer),
    followUpLog: createFollowUpLogLoaders(em, viewer),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
