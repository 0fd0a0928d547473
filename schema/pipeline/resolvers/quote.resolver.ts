import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../../api/auth/api-scopes';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { scoped } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { PriceList } from '../../catalog/entities/price-list.entity';
import { Product } from '../../catalog/entities/product.entity';
import { User } from '../../org/entities/user.entity';
import { ApprovalRequest } from '../entities/approval-request.entity';
import { Opportunity } from '../entities/opportunity.entity';
import { Quote } from '../entities/quote.entity';
import { QuoteLine } from '../entities/quote-line.entity';
import { CreateQuoteInput } from '../quotes.inputs';
import { QuoteService, quoteWriters } from '../quotes.service';

@Resolver(() => Quote)
export class QuoteResolver {
  @Query(() => Quote, { nullable: true, description: 'One quote by id: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(scoped(ApiScope.READ_SALES))
  quote(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Quote | null> {
    return new QuoteService(ctx).quoteById(assertId(id, 'id'));
  }

  @Query(() => [Quote], { description: 'Quotes of an opportunity, newest first; empty when you cannot see it.' })
  @Allow(scoped(ApiScope.READ_SALES))
  quotes(@Arg('opportunityId', () => ID) opportunityId: string, @Ctx() ctx: RequestContext): Promise<Quote[]> {
    return new QuoteService(ctx).quotesOf(assertId(opportunityId, 'opportunityId'));
  }

  @Mutation(() => Quote, {
    description:
      'Prices a new quote from the customer’s price list and makes it the opportunity’s current quote: the previous one is ' +
      'superseded and its pending approval cancelled; an opportunity before NEGOTIATION moves there. Nothing is written ' +
      'when a line has no price or would sell below the floor price.',
  })
  @Allow(quoteWriters)
  createQuote(@Arg('input') input: CreateQuoteInput, @Ctx() ctx: RequestContext): Promise<Quote> {
    return new QuoteService(ctx).create(input);
  }

  @Mutation(() => Quote, {
    description:
      'Submits a draft: approved at once within your discount authority, otherwise sent for approval to the first ' +
      'manager up your chain whose authority covers the discount.',
  })
  @Allow(quoteWriters)
  submitQuote(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('note', () => String, { nullable: true, description: 'Why the discount is needed; goes to the approver.' }) note: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<Quote> {
    return new QuoteService(ctx).submit(assertId(id, 'id'), version, note ?? undefined);
  }

  @Mutation(() => Quote, { description: 'The customer accepted an approved quote: the opportunity is won at the quote’s total.' })
  @Allow(quoteWriters)
  acceptQuote(@Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Ctx() ctx: RequestContext): Promise<Quote> {
    return new QuoteService(ctx).accept(assertId(id, 'id'), version);
  }

  @FieldResolver(() => Opportunity, { nullable: true })
  opportunity(@Root() quote: Quote, @Ctx() ctx: RequestContext): Promise<Opportunity | null> {
    return ctx.loaders.quotes.opportunityById.load(quote.opportunity.id);
  }

  @FieldResolver(() => [QuoteLine], { description: 'By position.' })
  lines(@Root() quote: Quote, @Ctx() ctx: RequestContext): Promise<QuoteLine[]> {
    return ctx.loaders.quotes.linesByQuoteId.load(quote.id);
  }

  @FieldResolver(() => PriceList, { nullable: true, description: 'The most specific list the lines were priced from.' })
  priceList(@Root() quote: Quote, @Ctx() ctx: RequestContext): Promise<PriceList | null> {
    return ctx.loaders.catalog.priceListById.load(quote.priceList.id);
  }

  @FieldResolver(() => User, { nullable: true })
  createdBy(@Root() quote: Quote, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(quote.createdBy.id);
  }

  @FieldResolver(() => [ApprovalRequest], { description: 'Approval requests for this quote that you may see, newest first.' })
  approvals(@Root() quote: Quote, @Ctx() ctx: RequestContext): Promise<ApprovalRequest[]> {
    return ctx.loaders.quotes.approvalsByQuoteId.load(quote.id);
  }
}

@Resolver(() => QuoteLine)
export class QuoteLineResolver {
  @FieldResolver(() => Product, { nullable: true })
  product(@Root() line: QuoteLine, @Ctx() ctx: RequestContext): Promise<Product | null> {
    return ctx.loaders.catalog.productById.load(line.product.id);
  }
}
