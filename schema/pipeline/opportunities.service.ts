import { type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { flushOrStale, lockVersion } from '../../api/database/optimistic-lock';
import Decimal from 'decimal.js';
import type { RequestContext } from '../../api/context';
import { likeContains } from '../../api/database/like';
import { ForbiddenError, UserInputError } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { findPage, type ConnectionShape, type FindPageOptions } from '../../api/pagination';
import { filterOnGuardedField } from '../../api/permissions/field-guard';
import type { Viewer } from '../../api/permissions/viewer';
import { ProductLine } from '../catalog/entities/product-line.entity';
import { CustomerService } from '../customers/customers.service';
import { customerRowScope } from '../customers/customers.policy';
import { Customer } from '../customers/entities/customer.entity';
import { OrgUnit } from '../org/entities/org-unit.entity';
import type { User } from '../org/entities/user.entity';
import { orgUnitRowScope } from '../org/org.policy';
import { Opportunity } from './entities/opportunity.entity';
import { Quote } from './entities/quote.entity';
import { applyStageChange, assertStageMove, recordInitialStage } from './opportunity-stages';
import { DEFAULT_PROBABILITY, isClosedStage, OpportunityStage, QuoteStatus } from './pipeline.enums';
import { PipelineError, PipelineErrorCode, staleVersion } from './pipeline.errors';
import type { CreateOpportunityInput, MoveOpportunityStageInput, OpportunitiesArgs, UpdateOpportunityInput } from './pipeline.inputs';
import { OpportunityOrder } from './pipeline.inputs';
import { mayWorkOpportunity, opportunityRowScope } from './pipeline.policy';

/** What a new opportunity is made of, once its customer and owner are settled. */
export interface NewOpportunity {
  customer: Customer;
  owner: User;
  name: string;
  amount: string;
  currency: string;
  expectedCloseDate: string | null;
  stage: OpportunityStage;
  probability?: number;
  productLineIds: readonly string[];
  nextStep: string | null;
  /** Input path of these fields, for errors (`input`, `input.opportunity`). */
  path: string;
}

/** Money must be zero or more; `path` names the input field. */
export function assertNotNegative(amount: string, path: string): void {
  if (new Decimal(amount).isNegative()) throw UserInputError.field(path, 'must not be negative');
}

const ORDERS: Record<OpportunityOrder, Record<string, 'asc' | 'desc'>> = {
  [OpportunityOrder.CREATED_AT_DESC]: { createdAt: 'desc', id: 'desc' },
  [OpportunityOrder.AMOUNT_DESC]: { amount: 'desc', id: 'desc' },
  [OpportunityOrder.AMOUNT_ASC]: { amount: 'asc', id: 'asc' },
  [OpportunityOrder.CLOSE_DATE_ASC]: { expectedCloseDate: 'asc', id: 'asc' },
  [OpportunityOrder.NAME_ASC]: { name: 'asc', id: 'asc' },
};

/**
 * Opportunities: lists in the viewer's row scope, and the writes of the sales process (create, change, move a
 * stage), each checked against who works the deal.
 */
export class OpportunityService {
  constructor(private readonly ctx: RequestContext) {}

  private get em(): EntityManager {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  opportunityById(id: string, em: EntityManager = this.em): Promise<Opportunity> {
    return findVisibleOrFail(em, Opportunity, { id }, opportunityRowScope(this.viewer), () => new PipelineError(PipelineErrorCode.OPPORTUNITY_NOT_FOUND, { id }));
  }

  async opportunities(args: OpportunitiesArgs, options: FindPageOptions): Promise<ConnectionShape<Opportunity>> {
    const viewer = this.viewer;
    const filter = args.filter;
    const conditions: FilterQuery<Opportunity>[] = [opportunityRowScope(viewer)];
    if (filter?.ownerIds !== undefined && filter.ownerIds !== null) conditions.push({ owner: { $in: filter.ownerIds } });
    if (filter?.teamId !== undefined && filter.teamId !== null) {
      const unit = await this.em.findOne(OrgUnit, { $and: [{ id: filter.teamId }, orgUnitRowScope(viewer)] });
      if (unit === null) throw UserInputError.field('filter.teamId', 'no such org unit is visible to you');
      conditions.push({ owner: { unit: { path: { $like: `${unit.path}%` } } } });
    }
    if (filter?.regionId !== undefined && filter.regionId !== null) conditions.push({ customer: { region: filter.regionId } });
    if (filter?.customerId !== undefined && filter.customerId !== null) conditions.push({ customer: filter.customerId });
    if (filter?.stages !== undefined && filter.stages !== null) conditions.push({ stage: { $in: filter.stages } });
    if (filter?.closeDateFrom !== undefined && filter.closeDateFrom !== null) conditions.push({ expectedCloseDate: { $gte: filter.closeDateFrom } });
    if (filter?.closeDateTo !== undefined && filter.closeDateTo !== null) conditions.push({ expectedCloseDate: { $lte: filter.closeDateTo } });
    if (filter?.amountMin !== undefined && filter.amountMin !== null) {
      conditions.push(filterOnGuardedField(viewer, Opportunity, 'amount', { amount: { $gte: filter.amountMin } }));
    }
    if (filter?.amountMax !== undefined && filter.amountMax !== null) {
      conditions.push(filterOnGuardedField(viewer, Opportunity, 'amount', { amount: { $lte: filter.amountMax } }));
    }
    if (filter?.search !== undefined && filter.search !== null) conditions.push({ name: { $ilike: likeContains(filter.search) } });

    const orderBy = args.orderBy;
    if (orderBy === OpportunityOrder.AMOUNT_ASC || orderBy === OpportunityOrder.AMOUNT_DESC) {
      // Sorting by a guarded value is filtering by it: rows whose amount is hidden drop out, so neither the order
      // nor a cursor (which encodes the amount) gives it away.
      conditions.push(filterOnGuardedField(viewer, Opportunity, 'amount', {}));
    }
    // A keyset cursor can't encode a missing value; undated opportunities have no place in this order.
    if (orderBy === OpportunityOrder.CLOSE_DATE_ASC) conditions.push({ expectedCloseDate: { $ne: null } });
    return findPage(this.em, Opportunity, { $and: conditions }, args, ORDERS[orderBy] as never, options);
  }

  async create(input: CreateOpportunityInput): Promise<Opportunity> {
    if (isClosedStage(input.stage)) throw UserInputError.field('input.stage', 'must be an open stage: an opportunity is won or lost by moving it');
    assertNotNegative(input.amount, 'input.amount');
    const customer = await this.em.findOne(Customer, { $and: [{ id: input.customerId }, customerRowScope(this.viewer)] });
    if (customer === null) throw UserInputError.field('input.customerId', 'no such customer is visible to you');
    const owner = await new CustomerService(this.ctx).assignableOwner(input.ownerId, 'input.ownerId');
    const opportunity = await this.open({
      customer,
      owner,
      name: input.name,
      amount: input.amount,
      currency: input.currency,
      expectedCloseDate: input.expectedCloseDate ?? null,
      stage: input.stage,
      probability: input.probability ?? undefined,
      productLineIds: input.productLineIds,
      nextStep: input.nextStep ?? null,
      path: 'input',
    });
    await this.em.flush();
    return opportunity;
  }

  /**
   * Makes a new opportunity with its first history row, for `create` and for lead conversion. The caller has
   * checked the customer and the owner, and flushes.
   */
  async open(fields: NewOpportunity): Promise<Opportunity> {
    assertNotNegative(fields.amount, `${fields.path}.amount`);
    const productLines = await this.productLines(fields.productLineIds, `${fields.path}.productLineIds`);
    const opportunity = this.em.create(Opportunity, {
      customer: fields.customer,
      owner: fields.owner,
      name: fields.name.trim(),
      amount: fields.amount,
      currency: fields.currency.toUpperCase(),
      expectedCloseDate: fields.expectedCloseDate,
      stage: fields.stage,
      probability: fields.probability ?? DEFAULT_PROBABILITY[fields.stage],
      nextStep: fields.nextStep?.trim() || null,
    });
    opportunity.productLines.set(productLines);
    recordInitialStage(this.em, opportunity, this.viewer.userId);
    return opportunity;
  }

  async update(id: string, version: number, input: UpdateOpportunityInput): Promise<Opportunity> {
    if (input.amount !== undefined && input.amount !== null) assertNotNegative(input.amount, 'input.amount');
    const opportunity = await this.opportunityById(id);
    await this.assertMayWork(this.em, opportunity);
    if (isClosedStage(opportunity.stage)) throw new PipelineError(PipelineErrorCode.OPPORTUNITY_CLOSED, { id });
    await lockVersion(this.em, opportunity, version, staleVersion);
    if (input.name !== undefined && input.name !== null) opportunity.name = input.name.trim();
    if (input.amount !== undefined && input.amount !== null) opportunity.amount = input.amount;
    if (input.expectedCloseDate !== undefined) opportunity.expectedCloseDate = input.expectedCloseDate ?? null;
    if (input.probability !== undefined && input.probability !== null) opportunity.probability = input.probability;
    if (input.nextStep !== undefined) opportunity.nextStep = input.nextStep?.trim() || null;
    if (input.nextStepDate !== undefined) opportunity.nextStepDate = input.nextStepDate ?? null;
    if (opportunity.nextStep === null) opportunity.nextStepDate = null;
    if (input.ownerId !== undefined && input.ownerId !== null) {
      opportunity.owner = await new CustomerService(this.ctx).assignableOwner(input.ownerId, 'input.ownerId');
    }
    if (input.productLineIds !== undefined && input.productLineIds !== null) {
      const productLines = await this.productLines(input.productLineIds, 'input.productLineIds');
      await opportunity.productLines.init();
      opportunity.productLines.set(productLines);
    }
    await flushOrStale(this.em, staleVersion);
    return opportunity;
  }

  /**
   * One stage move under the rules of the sales process (see `assertStageMove`), with its history row, in one
   * transaction. Winning needs an accepted quote.
   */
  moveStage(id: string, version: number, input: MoveOpportunityStageInput): Promise<Opportunity> {
    const viewer = this.viewer;
    return this.em.transactional(async (em) => {
      const opportunity = await this.opportunityById(id, em);
      await this.assertMayWork(em, opportunity);
      await lockVersion(em, opportunity, version, staleVersion);
      const hasAcceptedQuote =
        input.stage === OpportunityStage.WON && (await em.count(Quote, { opportunity: opportunity.id, status: QuoteStatus.ACCEPTED })) > 0;
      const reason = input.reason ?? null;
      assertStageMove({ from: opportunity.stage, to: input.stage, reason, hasAcceptedQuote }, 'input');
      applyStageChange(em, opportunity, input.stage, viewer.userId, reason, input.probability ?? undefined);
      await flushOrStale(em, staleVersion);
      return opportunity;
    });
  }

  /**
   * Whether the viewer works the deal: its owner, the owner's chain, the customer's key account manager, the VP
   * and admins (`mayWorkOpportunity`). The customer is read only when the owner alone does not decide it.
   */
  async mayWork(opportunity: Opportunity, em: EntityManager = this.em): Promise<boolean> {
    const viewer = this.viewer;
    if (mayWorkOpportunity(viewer, opportunity.owner.id, null)) return true;
    const customer = await em.findOne(Customer, opportunity.customer.id);
    return mayWorkOpportunity(viewer, opportunity.owner.id, customer?.keyAccountManager?.id ?? null);
  }

  private async assertMayWork(em: EntityManager, opportunity: Opportunity): Promise<void> {
    if (await this.mayWork(opportunity, em)) return;
    throw new ForbiddenError('Only the owner, the owner’s managers and the customer’s key account manager may change this opportunity.');
  }

  private async productLines(ids: readonly string[], path: string): Promise<ProductLine[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const lines = await this.em.find(ProductLine, { id: { $in: unique }, active: true });
    if (lines.length !== unique.length) throw UserInputError.field(path, 'names a product line that does not exist or is inactive');
    return lines;
  }
}
