import { LockMode, OptimisticLockError, UniqueConstraintViolationException, type EntityManager, type RequiredEntityData } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import type { RequestContext } from '../../api/context';
import { nextNumber } from '../../api/database/sequences';
import { databaseToday } from '../../api/database/today';
import { UserInputError } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { rolesRule } from '../../api/permissions/access-rule';
import type { Viewer } from '../../api/permissions/viewer';
import { assertComputedAmount } from '../../api/validation';
import {
  discountPercentOf,
  mostSpecificPriceList,
  PricingService,
  type PricedLine,
  type PricingRefusals,
} from '../catalog/pricing.service';
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
import { msg } from '../../api/i18n';

/**
 * Who may make, submit and accept quotes: the sales roles. Which quotes: those of the opportunities they see
 * (their own, their reports', their key accounts'), checked by the service.
 */
export const quoteWriters = rolesRule(
  'quote-writers',
  'sales reps, key account managers, team managers, regional directors and the VP, for the opportunities they see',
  [Role.SALES_REP, Role.KEY_ACCOUNT_MANAGER, Role.TEAM_MANAGER, Role.REGIONAL_DIRECTOR, Role.SALES_VP],
);

const QUOTE_PRICING_REFUSALS: PricingRefusals = {
  noPrice: (path, productId) => new PipelineError(PipelineErrorCode.NO_PRICE, { field: `${path}.productId`, productId }),
  belowFloor: (path) => new PipelineError(PipelineErrorCode.PRICE_BELOW_FLOOR, { field: `${path}.discountPercent` }),
};

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
    const discounts = input.lines.map((line, index) => discountPercentOf(line.discountPercent, `input.lines.${index}.discountPercent`));
    return this.em.transactional(async (em) => {
      const day = await databaseToday(em);
      if (input.validUntil < day) throw UserInputError.field('input.validUntil', msg('must be today ({{day}}) or later', { day }));
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
      assertComputedAmount(lines.reduce((sum, line) => sum.plus(line.listPrice.times(line.quantity)), new Decimal(0)), 'input.lines', 'the quote’s total at list price');
      const priceList = mostSpecificPriceList(lines);

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
        const data: RequiredEntityData<QuoteLine> = {
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
        em.create(QuoteLine, data);
      });
      await flushOrConflict(em);
      return quote;
    });
  }

  /** Prices the lines with the catalogue's shared pricing, refusing in the quote module's own terms. */
  private price(em: EntityManager, customer: Customer, input: CreateQuoteInput, discounts: Decimal[], day: string): Promise<PricedLine[]> {
    const lines = input.lines.map((line, index) => ({ productId: line.productId, quantity: line.quantity, discountPercent: discounts[index], path: `input.lines.${index}` }));
    return new PricingService(this.ctx.withEntityManager(em)).price(customer, lines, day, QUOTE_PRICING_REFUSALS);
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
