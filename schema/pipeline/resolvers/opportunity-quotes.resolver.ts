import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../api/context';
import { Opportunity } from '../entities/opportunity.entity';
import { Quote } from '../entities/quote.entity';
import { QuoteLine } from '../entities/quote-line.entity';

/** The quote fields of an opportunity, each batched across a page of opportunities. */
@Resolver(() => Opportunity)
export class OpportunityQuotesResolver {
  @FieldResolver(() => [Quote], { description: 'Quotes of this opportunity you may see, newest first.' })
  quotes(@Root() opportunity: Opportunity, @Ctx() ctx: RequestContext): Promise<Quote[]> {
    return ctx.loaders.quotes.quotesByOpportunityId.load(opportunity.id);
  }

  @FieldResolver(() => Quote, { nullable: true, description: 'The quote that is not superseded, if any.' })
  currentQuote(@Root() opportunity: Opportunity, @Ctx() ctx: RequestContext): Promise<Quote | null> {
    return ctx.loaders.quotes.currentQuoteByOpportunityId.load(opportunity.id);
  }

  // Declared (and guarded) on the entity; resolved here in one statement for all opportunities of the page.
  @FieldResolver()
  quoteLines(@Root() opportunity: Opportunity, @Ctx() ctx: RequestContext): Promise<QuoteLine[]> {
    return ctx.loaders.quotes.currentLinesByOpportunityId.load(opportunity.id);
  }
}
