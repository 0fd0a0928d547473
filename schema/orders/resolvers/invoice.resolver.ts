import type { GraphQLResolveInfo } from 'graphql';
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
import { CreateInvoiceInput, InvoicesArgs } from '../billing.inputs';
import { BillingService } from '../billing.service';
import { InvoiceConnection } from '../billing.types';
import { Invoice } from '../entities/invoice.entity';
import { InvoiceLine } from '../entities/invoice-line.entity';
import { OrderLine } from '../entities/order-line.entity';
import { PaymentAllocation } from '../entities/payment-allocation.entity';
import { SalesOrder } from '../entities/sales-order.entity';
import { financeWriters } from '../orders.policy';

@Resolver(() => Invoice)
export class InvoiceResolver {
  @Query(() => InvoiceConnection, { description: 'Invoices visible to you, keyset-paginated.' })
  @Allow(scoped(ApiScope.READ_SALES))
  invoices(@Args() args: InvoicesArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<InvoiceConnection> {
    return new BillingService(ctx).invoices(args, { includeCount: selectsTotalCount(info) });
  }

  @Query(() => Invoice, { nullable: true, description: 'One invoice by id: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(scoped(ApiScope.READ_SALES))
  invoice(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Invoice | null> {
    return new BillingService(ctx).invoiceById(assertId(id, 'id'));
  }

  @Mutation(() => Invoice, {
    description:
      'Invoices shipped, not yet invoiced units of an order: all of them, or the given quantities per line (OVER_INVOICE ' +
      'beyond what is left; NOTHING_TO_INVOICE when nothing is). At the order’s prices, due after the contract’s payment ' +
      'terms (30 days without a contract). The order becomes INVOICED once every unit is shipped and invoiced.',
  })
  @Allow(financeWriters)
  createInvoice(@Arg('input') input: CreateInvoiceInput, @Ctx() ctx: RequestContext): Promise<Invoice> {
    return new BillingService(ctx).createInvoice(input);
  }

  @FieldResolver(() => SalesOrder, { nullable: true })
  order(@Root() invoice: Invoice, @Ctx() ctx: RequestContext): Promise<SalesOrder | null> {
    return ctx.loaders.orders.orderById.load(invoice.order.id);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() invoice: Invoice, @Ctx() ctx: RequestContext): Promise<Customer | null> {
    return ctx.loaders.customers.customerById.load(invoice.customer.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The order’s owner: receivables are reported per rep.' })
  owner(@Root() invoice: Invoice, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(invoice.owner.id);
  }

  @FieldResolver(() => [InvoiceLine], { description: 'In the order of the order’s lines.' })
  lines(@Root() invoice: Invoice, @Ctx() ctx: RequestContext): Promise<InvoiceLine[]> {
    return ctx.loaders.orders.linesByInvoiceId.load(invoice.id);
  }

  @FieldResolver(() => [PaymentAllocation], { description: 'Payments applied to it that you may see, oldest first.' })
  allocations(@Root() invoice: Invoice, @Ctx() ctx: RequestContext): Promise<PaymentAllocation[]> {
    return ctx.loaders.orders.allocationsByInvoiceId.load(invoice.id);
  }

  @FieldResolver(() => User, { nullable: true })
  createdBy(@Root() invoice: Invoice, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(invoice.createdBy.id);
  }

  @FieldResolver(() => Int, { description: 'Days past the due date while something is open; 0 otherwise.' })
  daysOverdue(@Root() invoice: Invoice, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.loaders.orders.daysOverdueByInvoiceId.load(invoice.id);
  }
}

@Resolver(() => InvoiceLine)
export class InvoiceLineResolver {
  @FieldResolver(() => Product, { nullable: true })
  product(@Root() line: InvoiceLine, @Ctx() ctx: RequestContext): Promise<Product | null> {
    return ctx.loaders.catalog.productById.load(line.product.id);
  }

  @FieldResolver(() => OrderLine, { nullable: true })
  orderLine(@Root() line: InvoiceLine, @Ctx() ctx: RequestContext): Promise<OrderLine | null> {
    return ctx.loaders.orders.orderLineById.load(line.orderLine.id);
  }
}

/** `Order.invoices`, kept apart from the order resolvers so billing owns it. */
@Resolver(() => SalesOrder)
export class OrderInvoicesResolver {
  @FieldResolver(() => [Invoice], { description: 'Invoices of this order that you may see, oldest first.' })
  invoices(@Root() order: SalesOrder, @Ctx() ctx: RequestContext): Promise<Invoice[]> {
    return ctx.loaders.orders.invoicesByOrderId.load(order.id);
  }
}
