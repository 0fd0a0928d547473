import { LockMode, raw, UniqueConstraintViolationException, type EntityManager, type FilterQuery, type QueryOrderMap, type RequiredEntityData } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import type { RequestContext } from '../../api/context';
import { flushOrStale } from '../../api/database/optimistic-lock';
import { nextNumber } from '../../api/database/sequences';
import { databaseToday } from '../../api/database/today';
import { ForbiddenError, UserInputError } from '../../api/errors';
import { findVisibleOrFail } from '../../api/find-or-fail';
import { findPage, type ConnectionShape, type FindPageOptions } from '../../api/pagination';
import { filterOnGuardedField } from '../../api/permissions/field-guard';
import { managesUser, reachableOwnerIds, seesWholeCompany, type Viewer } from '../../api/permissions/viewer';
import { User } from '../org/entities/user.entity';
import type { Role } from '../org/org.enums';
import { approvalLimitsByRole, managementChainOf } from '../org/org.service';
import { Opportunity } from '../pipeline/entities/opportunity.entity';
import { Quote } from '../pipeline/entities/quote.entity';
import { QuoteLine } from '../pipeline/entities/quote-line.entity';
import { OpportunityService } from '../pipeline/opportunities.service';
import { OpportunityStage, QuoteStatus } from '../pipeline/pipeline.enums';
import { opportunityRowScope, quoteRowScope } from '../pipeline/pipeline.policy';
import { QuoteService } from '../pipeline/quotes.service';
import { ContractOrder, type ContractsArgs, type CreateContractInput, type RenewalsDueArgs, type UpdateContractInput } from './contracts.inputs';
import { Contract } from './entities/contract.entity';
import { ContractApprovalStep } from './entities/contract-approval-step.entity';
import { ContractLine } from './entities/contract-line.entity';
import { ApprovalStepStatus, ContractStatus, RENEWABLE_CONTRACT_STATUSES } from './orders.enums';
import { OrdersError, OrdersErrorCode, staleVersion } from './orders.errors';
import { contractRowScope } from './orders.policy';
import { msg, type PlainMessageId } from '../../api/i18n';

type Decision = ApprovalStepStatus.APPROVED | ApprovalStepStatus.REJECTED;

const ORDERS: Record<ContractOrder, QueryOrderMap<Contract>> = {
  [ContractOrder.CREATED_AT_DESC]: { createdAt: 'desc', id: 'desc' },
  [ContractOrder.END_DATE_ASC]: { endDate: 'asc', id: 'asc' },
  [ContractOrder.AMOUNT_DESC]: { amount: 'desc', id: 'desc' },
};

/** A contract runs at least one day: the end date may not lie before the start date. */
function assertDates(startDate: string, endDate: string, path: string): void {
  if (endDate < startDate) throw UserInputError.field(path, msg('must not be before the start date ({{day}})', { day: startDate }));
}

function assertVersion(contract: Contract, version: number): void {
  if (contract.version !== version) throw staleVersion();
}

/** The largest contract `role` may sign or approve (a role without approval limits: none). */
function contractLimitOf(limits: Awaited<ReturnType<typeof approvalLimitsByRole>>, role: Role): Decimal {
  return new Decimal(limits.get(role)?.maxContractAmount ?? 0);
}

/**
 * Contracts (合同): made from a closed deal with its quote's lines and prices, approved by amount up the owner's
 * chain (each step recorded), signed within the signer's authority, in force from the start date and terminated
 * early only by the owner's chain. Every transition locks the contract row and checks the version read.
 */
export class ContractService {
  constructor(private readonly ctx: RequestContext) {}

  private get em(): EntityManager {
    return this.ctx.em;
  }

  private get viewer(): Viewer {
    return this.ctx.signedInViewer;
  }

  contractById(id: string): Promise<Contract> {
    return findVisibleOrFail(this.em, Contract, { id }, contractRowScope(this.viewer), () => new OrdersError(OrdersErrorCode.CONTRACT_NOT_FOUND, { id }));
  }

  /** Contracts the viewer may see, filtered and keyset-paged. */
  contracts(args: ContractsArgs, options: FindPageOptions): Promise<ConnectionShape<Contract>> {
    const viewer = this.viewer;
    const filter = args.filter;
    const conditions: FilterQuery<Contract>[] = [contractRowScope(viewer)];
    if (filter?.statuses !== undefined && filter.statuses !== null) conditions.push({ status: { $in: filter.statuses } });
    if (filter?.ownerIds !== undefined && filter.ownerIds !== null) conditions.push({ owner: { $in: filter.ownerIds } });
    if (filter?.customerId !== undefined && filter.customerId !== null) conditions.push({ customer: filter.customerId });
    if (filter?.endDateFrom !== undefined && filter.endDateFrom !== null) conditions.push({ endDate: { $gte: filter.endDateFrom } });
    if (filter?.endDateTo !== undefined && filter.endDateTo !== null) conditions.push({ endDate: { $lte: filter.endDateTo } });
    if (filter?.awaitingMyApproval !== undefined && filter.awaitingMyApproval !== null) {
      // A step is PENDING only while it is its contract's current step (the others wait, or were decided or cancelled).
      const awaiting = this.em
        .createQueryBuilder(ContractApprovalStep, 's')
        .select('s.contract_id')
        .where({ approver: viewer.userId, status: ApprovalStepStatus.PENDING })
        .getKnexQuery();
      // A knex sub-query as the operand (MikroORM builds its own sub-queries the same way); the types don't know it.
      conditions.push({ id: filter.awaitingMyApproval ? { $in: awaiting } : { $nin: awaiting } } as unknown as FilterQuery<Contract>);
    }
    if (args.orderBy === ContractOrder.AMOUNT_DESC) {
      // Sorting by a guarded value is filtering by it: contracts whose amount is hidden drop out.
      conditions.push(filterOnGuardedField(viewer, Contract, 'amount', {}));
    }
    return findPage(this.em, Contract, { $and: conditions }, args, ORDERS[args.orderBy], options);
  }

  /**
   * Signed and active contracts ending from today to today + `withinDays` (by the database's calendar), owned by the
   * viewer or someone they manage (the VP and admins: everyone's), soonest first.
   */
  renewalsDue(args: RenewalsDueArgs, options: FindPageOptions): Promise<ConnectionShape<Contract>> {
    const viewer = this.viewer;
    const withinDays = args.withinDays ?? this.ctx.config.renewalWindowDays;
    const conditions: FilterQuery<Contract>[] = [
      contractRowScope(viewer),
      { status: { $in: [...RENEWABLE_CONTRACT_STATUSES] } },
      { endDate: { $gte: raw('current_date'), $lte: raw('current_date + ?::int', [withinDays]) } },
    ];
    if (!seesWholeCompany(viewer)) conditions.push({ owner: { $in: reachableOwnerIds(viewer) } });
    return findPage(this.em, Contract, { $and: conditions }, args, ORDERS[ContractOrder.END_DATE_ASC], options);
  }

  /**
   * A draft contract from a closed deal, in one transaction: the quote (accepted, its deal won) or the won
   * opportunity's accepted quote, read in the viewer's scope; the viewer must work the opportunity. Lines, amount and
   * currency come from the quote, owner and customer from the opportunity. One contract per quote until terminated.
   */
  async create(input: CreateContractInput): Promise<Contract> {
    const viewer = this.viewer;
    const byQuote = input.quoteId !== undefined && input.quoteId !== null;
    const byOpportunity = input.opportunityId !== undefined && input.opportunityId !== null;
    if (byQuote === byOpportunity) {
      const message: PlainMessageId = 'give either quoteId or opportunityId, not both';
      throw new UserInputError([
        { path: 'input.quoteId', message },
        { path: 'input.opportunityId', message },
      ]);
    }
    const title = input.title.trim();
    if (title === '') throw UserInputError.field('input.title', 'must not be blank');
    assertDates(input.startDate, input.endDate, 'input.endDate');

    return this.em.transactional(async (em) => {
      const ctx = this.ctx.withEntityManager(em);
      const { quote, opportunity } = byQuote ? await this.acceptedQuote(em, input.quoteId!) : await this.wonOpportunity(em, input.opportunityId!);
      if (!(await new OpportunityService(ctx).mayWork(opportunity, em))) {
        throw new ForbiddenError('Only those who work the deal (its owner, the owner’s managers, the customer’s key account manager) may make its contract.');
      }
      if ((await em.count(Contract, { quote: quote.id, status: { $ne: ContractStatus.TERMINATED } })) > 0) {
        throw new OrdersError(OrdersErrorCode.CONTRACT_EXISTS, { quoteId: quote.id });
      }
      const lines = await em.find(QuoteLine, { quote: { $and: [{ id: quote.id }, quoteRowScope(viewer)] } }, { orderBy: { position: 'asc' } });

      const contract = em.create(Contract, {
        number: await nextNumber(em, 'contract_number_seq', 'CT'),
        title,
        customer: opportunity.customer,
        owner: opportunity.owner,
        opportunity,
        quote,
        amount: quote.total,
        currency: quote.currency,
        startDate: input.startDate,
        endDate: input.endDate,
        paymentTermsDays: input.paymentTermsDays,
        createdBy: em.getReference(User, viewer.userId),
      });
      if (input.renewalOfId !== undefined && input.renewalOfId !== null) await this.linkRenewal(em, contract, input.renewalOfId, 'input.renewalOfId');
      for (const line of lines) {
        const data: RequiredEntityData<ContractLine> = {
          contract,
          position: line.position,
          product: line.product,
          quantity: line.quantity,
          listPrice: line.listPrice,
          discountPercent: line.discountPercent,
          unitPrice: line.unitPrice,
          lineTotal: line.lineTotal,
          unitCost: line.unitCost,
        };
        em.create(ContractLine, data);
      }
      try {
        await em.flush();
      } catch (error) {
        // Two contracts made at once from one quote: the partial unique index lets one through.
        if (error instanceof UniqueConstraintViolationException && error.message.includes('contract_quote_open_unique')) {
          throw new OrdersError(OrdersErrorCode.CONTRACT_EXISTS, { quoteId: quote.id });
        }
        throw error;
      }
      return contract;
    });
  }

  /** An accepted quote (with its won opportunity) the viewer may see. */
  private async acceptedQuote(em: EntityManager, quoteId: string): Promise<{ quote: Quote; opportunity: Opportunity }> {
    const quote = await em.findOne(Quote, { $and: [{ id: quoteId }, quoteRowScope(this.viewer)] });
    if (quote === null) throw UserInputError.field('input.quoteId', 'no such quote is visible to you');
    const opportunity = await new OpportunityService(this.ctx.withEntityManager(em)).opportunityById(quote.opportunity.id, em);
    if (quote.status !== QuoteStatus.ACCEPTED || opportunity.stage !== OpportunityStage.WON) {
      throw new OrdersError(OrdersErrorCode.CONTRACT_SOURCE_NOT_CLOSED, { field: 'input.quoteId', detail: msg('The quote is {{status}}.', { status: quote.status }) });
    }
    return { quote, opportunity };
  }

  /** A won opportunity the viewer may see, with the accepted quote that won it. */
  private async wonOpportunity(em: EntityManager, opportunityId: string): Promise<{ quote: Quote; opportunity: Opportunity }> {
    const opportunity = await em.findOne(Opportunity, { $and: [{ id: opportunityId }, opportunityRowScope(this.viewer)] });
    if (opportunity === null) throw UserInputError.field('input.opportunityId', 'no such opportunity is visible to you');
    const quotes = opportunity.stage === OpportunityStage.WON ? await new QuoteService(this.ctx.withEntityManager(em)).quotesOf(opportunity.id) : [];
    const quote = quotes.find((each) => each.status === QuoteStatus.ACCEPTED);
    if (quote === undefined) {
      throw new OrdersError(OrdersErrorCode.CONTRACT_SOURCE_NOT_CLOSED, { field: 'input.opportunityId', detail: msg('The opportunity is {{stage}}.', { stage: opportunity.stage }) });
    }
    return { quote, opportunity };
  }

  /**
   * Links a renewal to the contract it continues (H7): one the viewer may see, of the same customer, ending on or
   * before the renewal starts, and neither the renewal itself nor one of its own successors (no cycle: the chain of
   * predecessors above it is read in one recursive statement).
   */
  private async linkRenewal(em: EntityManager, contract: Contract, renewalOfId: string, path: string): Promise<void> {
    const predecessor = await em.findOne(Contract, { $and: [{ id: renewalOfId }, contractRowScope(this.viewer)] });
    if (predecessor === null || predecessor.id === contract.id) throw UserInputError.field(path, 'no such contract is visible to you');
    if (predecessor.customer.id !== contract.customer.id) throw UserInputError.field(path, 'must be a contract of the same customer');
    if (predecessor.endDate > contract.startDate) {
      throw UserInputError.field(path, msg('must end on or before the renewal starts ({{day}})', { day: contract.startDate }));
    }
    const [chain] = await em.execute<{ cycles: boolean }[]>(
      `with recursive chain (id) as (
         select ?::uuid
         union
         select c.renewal_of_id from contract c join chain on chain.id = c.id where c.renewal_of_id is not null
       )
       select exists (select 1 from chain where id = ?) as cycles`,
      [predecessor.id, contract.id],
    );
    if (chain!.cycles) throw UserInputError.field(path, 'must not be a renewal of this contract (a cycle)');
    contract.renewalOf = predecessor;
  }

  /** A draft that others renew may not come to end after one of its renewals starts. */
  private async assertRenewalsStartAfter(em: EntityManager, contract: Contract): Promise<void> {
    const [early] = await em.execute<{ start_date: string }[]>(
      `select start_date::text from contract where renewal_of_id = ? and start_date < ?::date order by start_date limit 1`,
      [contract.id, contract.endDate],
    );
    if (early !== undefined) throw UserInputError.field('input.endDate', msg('must not be after a renewal starts ({{day}})', { day: early.start_date }));
  }

  /** Changes a draft's title, dates or payment terms. */
  update(id: string, version: number, input: UpdateContractInput): Promise<Contract> {
    return this.em.transactional(async (em) => {
      const contract = await this.lockedContract(em, id);
      this.assertMayWork(contract);
      assertVersion(contract, version);
      if (contract.status !== ContractStatus.DRAFT) throw new OrdersError(OrdersErrorCode.CONTRACT_STATUS_CONFLICT, { status: contract.status });
      if (input.title !== undefined && input.title !== null) {
        const title = input.title.trim();
        if (title === '') throw UserInputError.field('input.title', 'must not be blank');
        contract.title = title;
      }
      if (input.startDate !== undefined && input.startDate !== null) contract.startDate = input.startDate;
      if (input.endDate !== undefined && input.endDate !== null) contract.endDate = input.endDate;
      assertDates(contract.startDate, contract.endDate, input.endDate === undefined || input.endDate === null ? 'input.startDate' : 'input.endDate');
      if (input.paymentTermsDays !== undefined && input.paymentTermsDays !== null) contract.paymentTermsDays = input.paymentTermsDays;
      if (input.renewalOfId !== undefined && input.renewalOfId !== null) await this.linkRenewal(em, contract, input.renewalOfId, 'input.renewalOfId');
      else if (contract.renewalOf !== null) await this.linkRenewal(em, contract, contract.renewalOf.id, 'input.startDate');
      await this.assertRenewalsStartAfter(em, contract);
      await flushOrStale(em, staleVersion);
      return contract;
    });
  }

  /**
   * Submits a draft. Within the owner's contract limit it is approved at once. Beyond it, the next approval round
   * gets one step per head up the owner's chain, nearest first, up to the first whose limit covers the amount; the
   * first step waits for its approver, the others for their turn. Refused when nobody's limit covers it.
   */
  submit(id: string, version: number): Promise<Contract> {
    return this.em.transactional(async (em) => {
      const contract = await this.lockedContract(em, id);
      this.assertMayWork(contract);
      assertVersion(contract, version);
      if (contract.status !== ContractStatus.DRAFT) throw new OrdersError(OrdersErrorCode.CONTRACT_STATUS_CONFLICT, { status: contract.status });

      const now = new Date();
      const owner = await em.findOneOrFail(User, contract.owner.id);
      const limits = await approvalLimitsByRole(em);
      const amount = new Decimal(contract.amount);
      contract.submittedAt = now;
      if (amount.lessThanOrEqualTo(contractLimitOf(limits, owner.role))) {
        contract.status = ContractStatus.APPROVED;
        contract.approvedAt = now;
      } else {
        const approvers: { approver: User; limit: Decimal }[] = [];
        for (const head of await managementChainOf(em, owner)) {
          const limit = contractLimitOf(limits, head.role);
          approvers.push({ approver: head, limit });
          if (amount.lessThanOrEqualTo(limit)) break;
        }
        const last = approvers.at(-1);
        if (last === undefined || amount.greaterThan(last.limit)) throw new OrdersError(OrdersErrorCode.NO_APPROVER_COVERS_AMOUNT, { field: 'id' });
        contract.approvalRound += 1;
        contract.status = ContractStatus.PENDING_APPROVAL;
        // The contract first, so its contract.submitted event comes before the first approver's approvalRequested.
        await flushOrStale(em, staleVersion);
        approvers.forEach(({ approver, limit }, index) => {
          em.create(ContractApprovalStep, {
            contract,
            round: contract.approvalRound,
            position: index + 1,
            approver,
            approverRole: approver.role,
            approverLimit: limit.toFixed(2),
            status: index === 0 ? ApprovalStepStatus.PENDING : ApprovalStepStatus.WAITING,
          });
        });
      }
      await flushOrStale(em, staleVersion);
      return contract;
    });
  }

  approve(id: string, version: number, comment: string | undefined): Promise<Contract> {
    return this.decide(id, version, ApprovalStepStatus.APPROVED, comment?.trim() || null);
  }

  reject(id: string, version: number, comment: string): Promise<Contract> {
    const reason = comment.trim();
    if (reason === '') throw UserInputError.field('comment', 'say why the contract is rejected');
    return this.decide(id, version, ApprovalStepStatus.REJECTED, reason);
  }

  /**
   * The current step's approver decides, once. The contract row is locked, so decisions on one contract follow each
   * other; the step is then updated only while it is still PENDING at the version read, so of two decisions racing
   * exactly one is stored and the other gets ALREADY_DECIDED. Approving hands the contract to the next step or, after
   * the last, approves it; rejecting cancels the rest of the round and returns the contract to DRAFT. Either way the
   * contract's version moves on, so a client holding the old one must reload.
   */
  private decide(id: string, version: number, decision: Decision, comment: string | null): Promise<Contract> {
    const viewer = this.viewer;
    return this.em.transactional(async (em) => {
      const contract = await this.lockedContract(em, id);
      if (contract.owner.id === viewer.userId) throw new OrdersError(OrdersErrorCode.OWN_CONTRACT);
      const steps = await em.find(ContractApprovalStep, { contract, round: contract.approvalRound }, { orderBy: { position: 'asc' }, refresh: true });
      const mine = steps.find((step) => step.approver.id === viewer.userId);
      const pending = steps.find((step) => step.status === ApprovalStepStatus.PENDING);
      const decidedByMe = mine !== undefined && (mine.status === ApprovalStepStatus.APPROVED || mine.status === ApprovalStepStatus.REJECTED);
      if (contract.status !== ContractStatus.PENDING_APPROVAL || pending === undefined) {
        if (decidedByMe) throw new OrdersError(OrdersErrorCode.ALREADY_DECIDED);
        throw new OrdersError(OrdersErrorCode.CONTRACT_STATUS_CONFLICT, { status: contract.status });
      }
      if (pending.approver.id !== viewer.userId) throw new OrdersError(decidedByMe ? OrdersErrorCode.ALREADY_DECIDED : OrdersErrorCode.NOT_YOUR_TURN);
      assertVersion(contract, version);

      const now = new Date();
      const decided = await em.nativeUpdate(
        ContractApprovalStep,
        { id: pending.id, status: ApprovalStepStatus.PENDING, version: pending.version },
        { status: decision, decidedAt: now, comment, version: pending.version + 1, updatedAt: now },
      );
      if (decided !== 1) throw new OrdersError(OrdersErrorCode.ALREADY_DECIDED);
      // The conditional update went around the identity map: read back what was stored.
      await em.refresh(pending);

      const later = steps.filter((step) => step.position > pending.position);
      if (decision === ApprovalStepStatus.APPROVED) {
        const next = later[0];
        if (next !== undefined) {
          next.status = ApprovalStepStatus.PENDING;
        } else {
          contract.status = ContractStatus.APPROVED;
          contract.approvedAt = now;
        }
      } else {
        for (const step of later) step.status = ApprovalStepStatus.CANCELLED;
        contract.status = ContractStatus.DRAFT;
      }
      // Also when only the steps moved: the contract's version is what clients hold.
      contract.updatedAt = now;
      await flushOrStale(em, staleVersion);
      return contract;
    });
  }

  /**
   * Signs an approved contract, or a draft within the signer's own contract limit (a rep signs up to their
   * authority; above it the contract must be approved first). A contract whose start date has come goes ACTIVE in
   * the same transaction, as a second change (contract.signed, then contract.activated).
   */
  sign(id: string, version: number, signedOn: string | undefined): Promise<Contract> {
    const viewer = this.viewer;
    return this.em.transactional(async (em) => {
      const contract = await this.lockedContract(em, id);
      this.assertMayWork(contract);
      assertVersion(contract, version);
      const today = await databaseToday(em);
      if (signedOn !== undefined && signedOn > today) throw UserInputError.field('signedOn', msg('must not be after today ({{day}})', { day: today }));
      if (contract.status === ContractStatus.DRAFT) {
        const limit = contractLimitOf(await approvalLimitsByRole(em), viewer.role);
        if (new Decimal(contract.amount).greaterThan(limit)) throw new OrdersError(OrdersErrorCode.ABOVE_SIGNING_LIMIT);
      } else if (contract.status !== ContractStatus.APPROVED) {
        throw new OrdersError(OrdersErrorCode.CONTRACT_STATUS_CONFLICT, { status: contract.status });
      }
      contract.status = ContractStatus.SIGNED;
      contract.signedAt = signedOn === undefined || signedOn === today ? new Date() : await startOfDay(em, signedOn);
      contract.signedBy = em.getReference(User, viewer.userId);
      await flushOrStale(em, staleVersion);
      if (contract.startDate <= today) {
        contract.status = ContractStatus.ACTIVE;
        await flushOrStale(em, staleVersion);
      }
      return contract;
    });
  }

  /** Ends a signed or active contract early, with a reason: the owner's management chain or an admin, not the owner alone. */
  terminate(id: string, version: number, reason: string): Promise<Contract> {
    const viewer = this.viewer;
    const why = reason.trim();
    if (why === '') throw UserInputError.field('reason', 'say why the contract ends early');
    return this.em.transactional(async (em) => {
      const contract = await this.lockedContract(em, id);
      const ownerId = contract.owner.id;
      if (!seesWholeCompany(viewer) && (ownerId === viewer.userId || !managesUser(viewer, ownerId))) {
        throw new OrdersError(OrdersErrorCode.TERMINATION_NOT_ALLOWED);
      }
      assertVersion(contract, version);
      if (contract.status !== ContractStatus.SIGNED && contract.status !== ContractStatus.ACTIVE) {
        throw new OrdersError(OrdersErrorCode.CONTRACT_STATUS_CONFLICT, { status: contract.status });
      }
      contract.status = ContractStatus.TERMINATED;
      contract.terminatedAt = new Date();
      contract.terminationReason = why;
      await flushOrStale(em, staleVersion);
      return contract;
    });
  }

  /**
   * The contract, visible to the viewer, locked for the rest of the transaction and read afresh: what the checks
   * see is what the writes change. Only the contract row is locked, not the rows the scope joins.
   */
  private async lockedContract(em: EntityManager, id: string): Promise<Contract> {
    const contract = await em.findOne(
      Contract,
      { $and: [{ id }, contractRowScope(this.viewer)] },
      { lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['c0'], refresh: true },
    );
    if (contract === null) throw new OrdersError(OrdersErrorCode.CONTRACT_NOT_FOUND, { id });
    return contract;
  }

  /** The owner, the owner's management chain, the VP and admins work a contract. */
  private assertMayWork(contract: Contract): void {
    const viewer = this.viewer;
    const ownerId = contract.owner.id;
    if (seesWholeCompany(viewer) || ownerId === viewer.userId || managesUser(viewer, ownerId)) return;
    throw new OrdersError(OrdersErrorCode.NOT_CONTRACT_OWNER);
  }
}

/** The first moment of `day` in the database's time zone, as the database's `current_date` counts days. */
async function startOfDay(em: EntityManager, day: string): Promise<Date> {
  const [row] = await em.execute<{ at: Date }[]>(`select ?::date::timestamptz as at`, [day]);
  return new Date(row.at);
}
