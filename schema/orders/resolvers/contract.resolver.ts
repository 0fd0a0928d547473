import type { GraphQLResolveInfo } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../../api/auth/api-scopes';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { selectsTotalCount } from '../../../api/pagination';
import { scoped } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { Product } from '../../catalog/entities/product.entity';
import { Customer } from '../../customers/entities/customer.entity';
import { User } from '../../org/entities/user.entity';
import { Opportunity } from '../../pipeline/entities/opportunity.entity';
import { Quote } from '../../pipeline/entities/quote.entity';
import { ContractsArgs, CreateContractInput, RenewalsDueArgs, UpdateContractInput } from '../contracts.inputs';
import { ContractService } from '../contracts.service';
import { ContractConnection } from '../contracts.types';
import { Contract } from '../entities/contract.entity';
import { ContractApprovalStep } from '../entities/contract-approval-step.entity';
import { ContractLine } from '../entities/contract-line.entity';
import { ApprovalStepStatus } from '../orders.enums';
import { contractApprovers, contractWriters } from '../orders.policy';

const DAY_MS = 24 * 60 * 60 * 1000;

@Resolver(() => Contract)
export class ContractResolver {
  @Query(() => ContractConnection, { description: 'Contracts you may see, keyset-paginated.' })
  @Allow(scoped(ApiScope.READ_SALES))
  contracts(@Args() args: ContractsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<ContractConnection> {
    return new ContractService(ctx).contracts(args, { includeCount: selectsTotalCount(info) });
  }

  @Query(() => Contract, { nullable: true, description: 'One contract by id: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(scoped(ApiScope.READ_SALES))
  contract(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Contract | null> {
    return new ContractService(ctx).contractById(assertId(id, 'id'));
  }

  @Query(() => ContractConnection, {
    description:
      'Signed and active contracts ending between today and today + `withinDays`, soonest first: yours and those of the ' +
      'people you manage (the VP and admins: all). `daysLeft` counts down to the end date.',
  })
  @Allow(scoped(ApiScope.READ_SALES))
  renewalsDue(@Args() args: RenewalsDueArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<ContractConnection> {
    return new ContractService(ctx).renewalsDue(args, { includeCount: selectsTotalCount(info) });
  }

  @Mutation(() => Contract, {
    description:
      'A draft contract from an accepted quote or a won opportunity you work: its quote’s lines with their prices, ' +
      'amount and currency; the opportunity’s owner and customer. One contract per quote until it is terminated.',
  })
  @Allow(contractWriters)
  createContract(@Arg('input') input: CreateContractInput, @Ctx() ctx: RequestContext): Promise<Contract> {
    return new ContractService(ctx).create(input);
  }

  @Mutation(() => Contract, { description: 'Changes a draft’s title, dates or payment terms; `version` must be the one you read.' })
  @Allow(contractWriters)
  updateContract(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: UpdateContractInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Contract> {
    return new ContractService(ctx).update(assertId(id, 'id'), version, input);
  }

  @Mutation(() => Contract, {
    description:
      'Submits a draft: approved at once within the owner’s contract limit, otherwise sent up the owner’s chain, step by ' +
      'step, to the first manager whose limit covers the amount.',
  })
  @Allow(contractWriters)
  submitContract(@Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Ctx() ctx: RequestContext): Promise<Contract> {
    return new ContractService(ctx).submit(assertId(id, 'id'), version);
  }

  @Mutation(() => Contract, { description: 'Approves the current step, when it is yours; the next approver’s turn comes, or after the last the contract is APPROVED.' })
  @Allow(contractApprovers)
  approveContract(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('comment', () => String, { nullable: true }) comment: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<Contract> {
    return new ContractService(ctx).approve(assertId(id, 'id'), version, comment ?? undefined);
  }

  @Mutation(() => Contract, { description: 'Rejects the current step, when it is yours, saying why; the contract goes back to DRAFT.' })
  @Allow(contractApprovers)
  rejectContract(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('comment', () => String) comment: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Contract> {
    return new ContractService(ctx).reject(assertId(id, 'id'), version, comment);
  }

  @Mutation(() => Contract, {
    description:
      'Signs an approved contract, or a draft within your own contract limit. A contract whose start date has come is ' +
      'ACTIVE at once.',
  })
  @Allow(contractWriters)
  signContract(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('signedOn', () => LocalDateResolver, { nullable: true, description: 'The day it was signed; today when left out. Not in the future.' })
    signedOn: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<Contract> {
    return new ContractService(ctx).sign(assertId(id, 'id'), version, signedOn ?? undefined);
  }

  @Mutation(() => Contract, { description: 'Ends a signed or active contract early, with a reason: the owner’s management chain or an admin.' })
  @Allow(contractWriters)
  terminateContract(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Contract> {
    return new ContractService(ctx).terminate(assertId(id, 'id'), version, reason);
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'Null when the customer is outside what you may see.' })
  customer(@Root() contract: Contract, @Ctx() ctx: RequestContext): Promise<Customer | null> {
    return ctx.loaders.customers.customerById.load(contract.customer.id);
  }

  @FieldResolver(() => User, { nullable: true })
  owner(@Root() contract: Contract, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(contract.owner.id);
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: 'The won opportunity, when you may see it.' })
  opportunity(@Root() contract: Contract, @Ctx() ctx: RequestContext): Promise<Opportunity | null> | null {
    return contract.opportunity === null ? null : ctx.loaders.quotes.opportunityById.load(contract.opportunity.id);
  }

  @FieldResolver(() => Quote, { nullable: true, description: 'The accepted quote it was made from, when you may see it.' })
  quote(@Root() contract: Contract, @Ctx() ctx: RequestContext): Promise<Quote | null> | null {
    return contract.quote === null ? null : ctx.loaders.quotes.quoteById.load(contract.quote.id);
  }

  @FieldResolver(() => Contract, { nullable: true, description: 'The contract this one renews (续签), when you may see it.' })
  renewalOf(@Root() contract: Contract, @Ctx() ctx: RequestContext): Promise<Contract | null> | null {
    return contract.renewalOf === null ? null : ctx.loaders.orders.contractById.load(contract.renewalOf.id);
  }

  @FieldResolver(() => [ContractLine], { description: 'By position.' })
  lines(@Root() contract: Contract, @Ctx() ctx: RequestContext): Promise<ContractLine[]> {
    return ctx.loaders.orders.linesByContractId.load(contract.id);
  }

  @FieldResolver(() => [ContractApprovalStep], { description: 'Every approval round’s steps, the first round first, each in chain order: the record of who decided what.' })
  approvalSteps(@Root() contract: Contract, @Ctx() ctx: RequestContext): Promise<ContractApprovalStep[]> {
    return ctx.loaders.orders.approvalStepsByContractId.load(contract.id);
  }

  @FieldResolver(() => ContractApprovalStep, { nullable: true, description: 'The step waiting for its approver, while the contract is pending approval.' })
  async currentStep(@Root() contract: Contract, @Ctx() ctx: RequestContext): Promise<ContractApprovalStep | null> {
    const steps = await ctx.loaders.orders.approvalStepsByContractId.load(contract.id);
    return steps.find((step) => step.round === contract.approvalRound && step.status === ApprovalStepStatus.PENDING) ?? null;
  }

  @FieldResolver(() => User, { nullable: true })
  signedBy(@Root() contract: Contract, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return contract.signedBy === null ? null : ctx.loaders.org.userById.load(contract.signedBy.id);
  }

  @FieldResolver(() => User, { nullable: true })
  createdBy(@Root() contract: Contract, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(contract.createdBy.id);
  }

  @FieldResolver(() => Int, { description: 'Days from today (the database’s calendar) to the end date; negative once it has passed.' })
  async daysLeft(@Root() contract: Contract, @Ctx() ctx: RequestContext): Promise<number> {
    const today = await ctx.loaders.orders.today.load('today');
    return Math.round((Date.parse(`${contract.endDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
  }
}

@Resolver(() => ContractLine)
export class ContractLineResolver {
  @FieldResolver(() => Product, { nullable: true })
  product(@Root() line: ContractLine, @Ctx() ctx: RequestContext): Promise<Product | null> {
    return ctx.loaders.catalog.productById.load(line.product.id);
  }
}

@Resolver(() => ContractApprovalStep)
export class ContractApprovalStepResolver {
  @FieldResolver(() => User, { nullable: true })
  approver(@Root() step: ContractApprovalStep, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(step.approver.id);
  }
}
