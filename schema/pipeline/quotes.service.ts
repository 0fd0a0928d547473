import { LockMode, OptimisticLockError, UniqueConstraintViolationException, type EntityManager, type RequiredEntityData } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import type { RequestContext } from '../../api/context';
import { nextNumber } from '../../api/database/sequences';
import { databaseToday } from '../../api/database/today';
import { UserInputError } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { rolesRule } from '../../api/permissions/access-rule';
import type { Viewer } from '../../api/permissions/viewer';
import { ProductStatus } from '../catalog/catalog.enums';
import { PriceList } from '../catalog/entities/price-list.entity';
import { PriceListEntry } from '../catalog/entities/price-list-entry.entity';
import { Product } from '../catalog/entities/product.entity';
import { Customer } from '../customers/entities/customer.entity';
import { User } from '../org/entities/user.entity';
import { Role } from '../org/org.enums';
import { ApprovalService } from './approvals.service';
import { ApprovalRequest } from './entities/approval-request.entity';
import { Opportunity } from './entities/opportunity.entity';
import { Quote } from './entities/quote.entity';
import { QuoteLine } from './entities/quote-line.entity';
import { applyStageChange, assertStageMove } from './opportunity-stages';
import { ApprovalStatus, isClosedStage, OPEN_STAGES, OpportunityStage, QuoteStatus } from './pipeline.enums';
import { PipelineError, PipelineErrorCode } from './pipeline.errors';
import { opportunityRowScope, quoteRowScope } from './pipeline.policy';
import type { CreateQuoteInput } from './quotes.inputs';

/**
 * Who may make, submit and accept quotes: the sales roles. Which quotes: those of the opportunities they see
 * (their own, their reports', their key accounts'), checked by the service.
 */
export const quoteWriters = rolesRule(
  'quote-writers',
  'sales reps, key account managers, team managers, regional directors and the VP, for the opportunities they see',
  [Role.SALES_REP, Role.KEY_ACCOUNT_MANAGER, Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR, Role.SALES_VP],
);

/** The unit price for `quantity`: the quantity break with the highest minQuantity not above it, else the list price. */
export function listPriceFor(entry: Pick<PriceListEntry, 'listPrice' | 'quantityBreaks'>, quantity: number): Decimal {
  let best: { minQuantity: number; unitPrice: string } | undefined;
  for (const quantityBreak of entry.quantityBreaks) {
    if (quantityBreak.minQuantity <= quantity && (best === undefined || quantityBreak.minQuantity > best.minQuantity)) best = quantityBreak;
  }
  return new Decimal(best?.unitPrice ?? entry.listPrice);
}

/** listPrice × (1 − discount / 100), rounded half up to cents. */
export function discountedPrice(listPrice: Decimal, discountPercent: Decimal): Decimal {
  return listPrice.times(new Decimal(100).minus(discountPercent)).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

function discountOf(value: string, path: string): Decimal {
  const discount = new Decimal(value);
  if (discount.isNegative() || discount.greaterThan(100)) throw UserInputError.field(path, 'must be between 0 and 100');
  if (discount.decimalPlaces() > 2) throw UserInputError.field(path, 'must have at most two decimals');
  return discount;
}

/** The optimistic lock: the caller must have read the current version. */
export function assertVersion(record: { version: number }, version: number): void {
  if (record.version !== version) throw new PipelineError(PipelineErrorCode.STALE_VERSION, { field: 'version' });
}

/** Optimistic-lock failures and the one-current-quote index both mean someone else changed the deal first. */
export async function flushOrConflict(em: EntityManager): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof OptimisticLockError || error instanceof UniqueConstraintViolationException) {
      throw new PipelineError(PipelineErrorCode.STALE_VERSION);
    }
    throw error;
  }
}

interface PricedLine {
  product: Product;
  quantity: number;
  listPrice: Decimal;
  discountPercent: Decimal;
  unitPrice: Decimal;
  priceList: PriceList;
}

/**
 * Quotes (报价单): priced from the customer's price list, checked against floor prices, submitted within the
 * submitter's authority or up the chain for approval, and accepted to win the opportunity.
 */
export class QuoteService {
  constructor(private readonly ctx: RequestContext) {}

  private get em() {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  quoteById(id: string, em: EntityManager = this.em): Promise<Quote> {
    return findVisibleOrFail(em, Quote, { id }, quoteRowScope(this.viewer), () => new PipelineError(PipelineErrorCode.QUOTE_NOT_FOUND, { id }));
  }

  /** Quotes of one opportunity, newest first; empty when the opportunity is not visible. */
  quotesOf(opportunityId: string): Promise<Quote[]> {
    return this.em.find(Quote, { $and: [{ opportunity: opportunityId }, quoteRowScope(this.viewer)] }, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  }

  /**
   * A new current quote for an opportunity, in one transaction: the opportunity (locked) must be visible and open;
   * every line is priced and checked before anything is written; the previous quote is superseded and its pending
   * approval cancelled; an opportunity not yet negotiating moves to NEGOTIATION.
   */
  async create(input: CreateQuoteInput): Promise<Quote> {
    const viewer = this.viewer;
    const discounts = input.lines.map((line, index) => discountOf(line.discountPercent, `input.lines.${index}.discountPercent`));
    return this.em.transactional(async (em) => {
      const day = await databaseToday(em);
      if (input.validUntil < day) throw UserInputError.field('input.validUntil', `must be today (${day}) or later`);
      // Locked, so two quotes made at once for one opportunity follow each other instead of colliding.
      const opportunity = await em.findOne(
        Opportunity,
        { $and: [{ id: input.opportunityId }, opportunityRowScope(viewer)] },
        { lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['o0'], refresh: true },
      );
      if (opportunity === null) throw UserInputError.field('input.opportunityId', 'no such opportunity is visible to you');
      if (isClosedStage(opportunity.stage)) throw new PipelineError(PipelineErrorCode.OPPORTUNITY_CLOSED, { field: 'input.opportunityId' });

      const customer = await em.findOneOrFail(Customer, opportunity.customer.id);
      const lines = await this.price(em, customer, input, discounts, day);
      const priceList = lines.find((line) => line.priceList.region !== null)?.priceList ?? lines[0].priceList;

      const previous = await em.findOne(Quote, { opportunity, status: { $ne: QuoteStatus.SUPERSEDED } });
      if (previous !== null) {
        previous.status = QuoteStatus.SUPERSEDED;
        const pending = await em.find(ApprovalRequest, { quote: previous, status: ApprovalStatus.PENDING });
        for (const request of pending) {
          request.status = ApprovalStatus.CANCELLED;
          request.decidedAt = new Date();
        }
        // The one-current-quote index would refuse the new quote if the old one were still current in the database.
        await flushOrConflict(em);
      }

      if (OPEN_STAGES.indexOf(opportunity.stage) < OPEN_STAGES.indexOf(OpportunityStage.NEGOTIATION)) {
        assertStageMove({ from: opportunity.stage, to: OpportunityStage.NEGOTIATION, reason: null, hasAcceptedQuote: false }, 'input');
        applyStageChange(em, opportunity, OpportunityStage.NEGOTIATION, viewer.userId, null);
      }

      const quote = em.create(Quote, {
        number: await nextNumber(em, 'quote_number_seq', 'Q'),
        opportunity,
        priceList,
        currency: priceList.currency,
        validUntil: input.validUntil,
        note: input.note?.trim() || null,
        listTotal: lines.reduce((sum, line) => sum.plus(line.listPrice.times(line.quantity)), new Decimal(0)).toFixed(2),
        total: lines.reduce((sum, line) => sum.plus(line.unitPrice.times(line.quantity)), new Decimal(0)).toFixed(2),
        maxDiscountPercent: Decimal.max(...lines.map((line) => line.discountPercent)).toFixed(2),
        createdBy: em.getReference(User, viewer.userId),
      });
      lines.forEach((line, index) => {
        const data: Omit<RequiredEntityData<QuoteLine>, 'margin'> = {
          quote,
          position: index + 1,
          product: line.product,
          quantity: line.quantity,
          listPrice: line.listPrice.toFixed(2),
          discountPercent: line.discountPercent.toFixed(2),
          unitPrice: line.unitPrice.toFixed(2),
          lineTotal: line.unitPrice.times(line.quantity).toFixed(2),
          unitCost: line.product.unitCost,
        };
        // `margin` is a getter, not a column, but the entity does not declare it optional.
        em.create(QuoteLine, data as RequiredEntityData<QuoteLine>);
      });
      await flushOrConflict(em);
      return quote;
    });
  }

  /**
   * Prices every line from the customer's channel's active list valid today: the list for the customer's region
   * first, the nationwide list for products the regional one lacks. Refuses a product without a price and a
   * discount that would sell below the floor price (without saying what the floor is: reps may not know it).
   */
  private async price(em: EntityManager, customer: Customer, input: CreateQuoteInput, discounts: Decimal[], day: string): Promise<PricedLine[]> {
    const productIds = [...new Set(input.lines.map((line) => line.productId))];
    const lists = await em.find(PriceList, {
      channel: customer.channel,
      active: true,
      validFrom: { $lte: day },
      $and: [{ $or: [{ validTo: null }, { validTo: { $gte: day } }] }, { $or: [{ region: null }, { region: customer.region.id }] }],
    });
    const [products, entries] = await Promise.all([
      em.find(Product, { id: { $in: productIds } }),
      lists.length === 0 ? Promise.resolve([]) : em.find(PriceListEntry, { priceList: { $in: lists.map((list) => list.id) }, product: { $in: productIds } }),
    ]);
    const productById = new Map(products.map((product) => [product.id, product]));
    const listById = new Map(lists.map((list) => [list.id, list]));
    const regionalEntry = new Map<string, PriceListEntry>();
    const nationwideEntry = new Map<string, PriceListEntry>();
    for (const entry of entries) {
      const list = listById.get(entry.priceList.id);
      (list?.region === null ? nationwideEntry : regionalEntry).set(entry.product.id, entry);
    }

    return input.lines.map((line, index) => {
      const path = `input.lines.${index}`;
      const product = productById.get(line.productId);
      if (product === undefined) throw UserInputError.field(`${path}.productId`, 'no such product');
      if (product.status !== ProductStatus.ACTIVE) throw UserInputError.field(`${path}.productId`, 'is not on sale');
      const entry = regionalEntry.get(product.id) ?? nationwideEntry.get(product.id);
      if (entry === undefined) throw new PipelineError(PipelineErrorCode.NO_PRICE, { field: `${path}.productId`, productId: product.id });
      const listPrice = listPriceFor(entry, line.quantity);
      const unitPrice = discountedPrice(listPrice, discounts[index]);
      if (unitPrice.lessThan(entry.floorPrice)) throw new PipelineError(PipelineErrorCode.PRICE_BELOW_FLOOR, { field: `${path}.discountPercent` });
      return { product, quantity: line.quantity, listPrice, discountPercent: discounts[index], unitPrice, priceList: listById.get(entry.priceList.id)! };
    });
  }

  /**
   * Submits a draft: within the submitter's authority it is approved at once; beyond it, an approval request goes
   * to the first manager up the submitter's chain whose authority covers the discount.
   */
  async submit(id: string, version: number, note: string | undefined): Promise<Quote> {
    return this.em.transactional(async (em) => {
      const quote = await this.quoteById(id, em);
      assertVersion(quote, version);
      if (quote.status !== QuoteStatus.DRAFT) throw new PipelineError(PipelineErrorCode.QUOTE_STATUS_CONFLICT, { status: quote.status });
      const opportunity = await em.findOneOrFail(Opportunity, quote.opportunity.id);
      if (isClosedStage(opportunity.stage)) throw new PipelineError(PipelineErrorCode.OPPORTUNITY_CLOSED);

      const approvals = new ApprovalService(this.ctx.withEntityManager(em));
      const discount = new Decimal(quote.maxDiscountPercent);
      const limits = await approvals.discountLimits();
      quote.submittedAt = new Date();
      if (discount.lessThanOrEqualTo(limits.get(this.viewer.role) ?? 0)) {
        quote.status = QuoteStatus.APPROVED;
      } else {
        await approvals.requestQuoteDiscount(quote, discount, limits, note?.trim() || null);
        quote.status = QuoteStatus.PENDING_APPROVAL;
      }
      await flushOrConflict(em);
      return quote;
    });
  }

  /** The customer accepts an approved quote: the opportunity is won at the quote's total, in the same transaction. */
  async accept(id: string, version: number): Promise<Quote> {
    return this.em.transactional(async (em) => {
      const quote = await this.quoteById(id, em);
      assertVersion(quote, version);
      if (quote.status !== QuoteStatus.APPROVED) throw new PipelineError(PipelineErrorCode.QUOTE_STATUS_CONFLICT, { status: quote.status });
      const opportunity = await em.findOneOrFail(Opportunity, quote.opportunity.id);
      if (isClosedStage(opportunity.stage)) throw new PipelineError(PipelineErrorCode.OPPORTUNITY_CLOSED);
      assertStageMove({ from: opportunity.stage, to: OpportunityStage.WON, reason: null, hasAcceptedQuote: true }, 'opportunity');
      quote.status = QuoteStatus.ACCEPTED;
      quote.acceptedAt = new Date();
      applyStageChange(em, opportunity, OpportunityStage.WON, this.viewer.userId, null);
      opportunity.amount = quote.total;
      await flushOrConflict(em);
      return quote;
    });
  }
}
