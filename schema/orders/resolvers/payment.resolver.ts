import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../../api/auth/api-scopes';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { selectsTotalCount } from '../../../api/pagination';
import { scoped } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { Customer } from '../../customers/entities/customer.entity';
import { User } from '../../org/entities/user.entity';
import { AllocationInput, PaymentsArgs, RecordPaymentInput } from '../billing.inputs';
import { BillingService } from '../billing.service';
import { PaymentConnection } from '../billing.types';
import { Invoice } from '../entities/invoice.entity';
import { Payment } from '../entities/payment.entity';
import { PaymentAllocation } from '../entities/payment-allocation.entity';
import { financeWriters } from '../orders.policy';

@Resolver(() => Payment)
export class PaymentResolver {
  @Query(() => PaymentConnection, { description: 'Payments visible to you, latest received first; keyset-paginated.' })
  @Allow(scoped(ApiScope.READ_SALES))
  payments(@Args() args: PaymentsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<PaymentConnection> {
    return new BillingService(ctx).payments(args, { includeCount: selectsTotalCount(info) });
  }

  @Query(() => Payment, { nullable: true, description: 'One payment by id: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(scoped(ApiScope.READ_SALES))
  payment(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Payment | null> {
    return new BillingService(ctx).paymentById(assertId(id, 'id'));
  }

  @Mutation(() => Payment, {
    description:
      'Records a payment received from a customer, owned by the customer’s owner, and allocates it to the customer’s ' +
      'invoices in the same transaction (see allocatePayment). The same idempotencyKey with the same payment returns the first payment; with another payment, CONFLICT.',
  })
  @Allow(financeWriters)
  recordPayment(@Arg('input') input: RecordPaymentInput, @Ctx() ctx: RequestContext): Promise<Payment> {
    return new BillingService(ctx).recordPayment(input);
  }

  @Mutation(() => Payment, {
    description:
      'Allocates more of a payment to invoices of its customer: the total at most what is left of the payment ' +
      '(OVER_ALLOCATION), each at most what is open on its invoice (INVOICE_OVERPAID), never another customer’s invoice ' +
      '(PAYMENT_CUSTOMER_MISMATCH). Allocated money lowers the customer’s exposure. `version` as read.',
  })
  @Allow(financeWriters)
  allocatePayment(
    @Arg('paymentId', () => ID) paymentId: string,
    @Arg('version', () => Int) version: number,
    @Arg('allocations', () => [AllocationInput]) allocations: AllocationInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<Payment> {
    return new BillingService(ctx).allocatePayment(assertId(paymentId, 'paymentId'), version, allocations);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() payment: Payment, @Ctx() ctx: RequestContext): Promise<Customer | null> {
    return ctx.loaders.customers.customerById.load(payment.customer.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The customer’s owner when it was received.' })
  owner(@Root() payment: Payment, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(payment.owner.id);
  }

  @FieldResolver(() => [PaymentAllocation], { description: 'Oldest first.' })
  allocations(@Root() payment: Payment, @Ctx() ctx: RequestContext): Promise<PaymentAllocation[]> {
    return ctx.loaders.orders.allocationsByPaymentId.load(payment.id);
  }

  @FieldResolver(() => User, { nullable: true })
  recordedBy(@Root() payment: Payment, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(payment.recordedBy.id);
  }
}

@Resolver(() => PaymentAllocation)
export class PaymentAllocationResolver {
  @FieldResolver(() => Invoice, { nullable: true })
  invoice(@Root() allocation: PaymentAllocation, @Ctx() ctx: RequestContext): Promise<Invoice | null> {
    return ctx.loaders.orders.invoiceById.load(allocation.invoice.id);
  }

  @FieldResolver(() => Payment, { nullable: true })
  payment(@Root() allocation: PaymentAllocation, @Ctx() ctx: RequestContext): Promise<Payment | null> {
    return ctx.loaders.orders.paymentById.load(allocation.payment.id);
  }

  @FieldResolver(() => User, { nullable: true })
  allocatedBy(@Root() allocation: PaymentAllocation, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(allocation.allocatedBy.id);
  }
}
