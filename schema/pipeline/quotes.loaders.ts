import { raw, type EntityData, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { readRows, readRowsOf } from '../../api/database/read-rows';
import { entityByIdLoader, MATCHES_NOTHING, rowsByParentLoader } from '../../api/data-loaders';
import type { Viewer } from '../../api/permissions/viewer';
import { ApprovalRequest } from './entities/approval-request.entity';
import { Opportunity } from './entities/opportunity.entity';
import { Quote } from './entities/quote.entity';
import { QuoteLine } from './entities/quote-line.entity';
import { QuoteStatus } from './pipeline.enums';
import { approvalRowScope, opportunityRowScope, quoteRowScope } from './pipeline.policy';

/**
 * The lines of each opportunity's current (non-superseded) quote, for a whole batch of opportunities in one
 * statement: quote_line joined to its quote under the quote scope, each line with its quote's opportunity beside it.
 */
function currentLinesByOpportunityLoader(em: EntityManager, quoteScope: FilterQuery<Quote>): DataLoader<string, QuoteLine[]> {
  return new DataLoader(async (opportunityIds) => {
    const data = await em
      .createQueryBuilder(QuoteLine, 'line')
      .select(['line.*', raw('(select quote.opportunity_id from quote where quote.id = line.quote_id) as "opportunityOfQuote"')])
      .where({ quote: { $and: [{ opportunity: { $in: [...opportunityIds] }, status: { $ne: QuoteStatus.SUPERSEDED } }, quoteScope] } })
      .orderBy({ position: 'asc' })
      .execute<(EntityData<QuoteLine> & { opportunityOfQuote: string })[]>('all', true);
    const lines = readRowsOf(em, QuoteLine, data);
    const grouped = new Map<string, QuoteLine[]>(opportunityIds.map((id) => [id, []]));
    data.forEach((item, index) => grouped.get(item.opportunityOfQuote)?.push(lines[index]));
    return opportunityIds.map((id) => grouped.get(id) ?? []);
  });
}

/** Each opportunity's current quote (at most one: a partial unique index holds it), or null. */
function currentQuoteByOpportunityLoader(em: EntityManager, quoteScope: FilterQuery<Quote>): DataLoader<string, Quote | null> {
  return new DataLoader(async (opportunityIds) => {
    const quotes = await readRows(em, Quote, {
      $and: [{ opportunity: { $in: [...opportunityIds] }, status: { $ne: QuoteStatus.SUPERSEDED } }, quoteScope],
    });
    const byOpportunity = new Map(quotes.map((quote) => [quote.opportunity.id, quote]));
    return opportunityIds.map((id) => byOpportunity.get(id) ?? null);
  });
}

/** Quotes, their lines and approval requests, and what they point to, each batched and in the viewer's scope. */
export function createQuoteLoaders(em: EntityManager, viewer: Viewer | null) {
  const quoteScope: FilterQuery<Quote> = viewer === null ? MATCHES_NOTHING : quoteRowScope(viewer);
  const approvalScope: FilterQuery<ApprovalRequest> = viewer === null ? MATCHES_NOTHING : approvalRowScope(viewer);
  return {
    quoteById: entityByIdLoader(em, Quote, quoteScope),
    approvalRequestById: entityByIdLoader(em, ApprovalRequest, approvalScope),
    opportunityById: entityByIdLoader(em, Opportunity, viewer === null ? MATCHES_NOTHING : opportunityRowScope(viewer)),
    linesByQuoteId: rowsByParentLoader(em, QuoteLine, 'quote', { quote: quoteScope }, { position: 'asc' }),
    approvalsByQuoteId: rowsByParentLoader(em, ApprovalRequest, 'quote', approvalScope, { createdAt: 'desc', id: 'desc' }),
    quotesByOpportunityId: rowsByParentLoader(em, Quote, 'opportunity', quoteScope, { createdAt: 'desc', id: 'desc' }),
    currentQuoteByOpportunityId: currentQuoteByOpportunityLoader(em, quoteScope),
    currentLinesByOpportunityId: currentLinesByOpportunityLoader(em, quoteScope),
  };
}
