import type { FilterQuery } from '@mikro-orm/postgresql';
import { MATCHES_NOTHING } from '../../api/data-loaders';
import { isPartner, type Viewer } from '../../api/permissions/viewer';
import type { OpportunityFollowUp } from './entities/opportunity-follow-up.entity';
import { opportunityRowScope } from './pipeline.policy';

/**
 * Row scope of follow-up log entries: whoever reads the opportunity, except partners (the log is the sales line's
 * working record, as `nextStep` is internal). Written by those who work the deal (`mayWorkOpportunity`).
 */
export function followUpRowScope(viewer: Viewer): FilterQuery<OpportunityFollowUp> {
  if (isPartner(viewer)) return MATCHES_NOTHING;
  return { opportunity: opportunityRowScope(viewer) };
}
