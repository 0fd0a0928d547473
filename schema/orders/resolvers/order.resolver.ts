import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiScope } from '../../../api/auth/api-scopes';
import type { RequestContext } from '../../../api/context';
import { assertId } from '../../../api/ids';
import { selectsTotalCount } from '../../../api/pagination';
import { scoped } from '../../../api/permissions/access-rule';
import { Allow } from '../../../api/permissions/policy-registry';
import { PriceList } from '../../catalog/entities/price-list.entity';
import { Product } from '../../catalog/entities/product.entity';
import { Distributor } from '../../channels/distributor.entity';
import { Customer } from '../../customers/entities/customer.entity';
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { Contract } from '../entities/contract.entity';
import { ContractLine } from '../entities/contract-line.entity';
import { OrderLine } from '../entities/order-line.entity';
import { SalesOrder } from '../entities/sales-order.entity';
import { Shipment } from '../entities/shipment.entity';
import { OrdersArgs, PlaceOrderInput } from '../orders.inputs';
import { creditDeciders, orderPlacers } from '../orders.policy';
import { OrderService } from '../orders.service';
import { OrderConnection } from '../orders.types';

@Resolver(() => SalesOrder)
export class OrderResolver {
  @Query(() => OrderConnection, { description: 'Orders visible to you, keyset-paginated.' })
  @Allow(scoped(ApiScope.READ_SALES))
  orders(@Args() args: OrdersArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<OrderConnection> {
    return new OrderService(ctx).orders(args, { includeCount: selectsTotalCount(info) });
  }

  @Query(() => SalesOrder, { nullable: true, description: 'One order by id: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(scoped(ApiScope.READ_SALES))
  order(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<SalesOrder | null> {
    return new OrderService(ctx).orderById(assertId(id, 'id'));
  }

  @Mutation(() => SalesOrder, {
    description:
      'Places an order: against a SIGNED or ACTIVE contract at its prices and within its quantities, or directly at ' +
      'price-list prices within your discount authority and signing limit (never below the floor). Within the ' +
      'customer’s credit it is CONFIRMED; beyond it, it waits on CREDIT_HOLD for finance. Nothing is written when a ' +
      'check fails. The same idempotencyKey with the same order returns the first order; with another order, CONFLICT.',
  })
  @Allow(orderPlacers)
  placeOrder(@Arg('input') input: PlaceOrderInput, @Ctx() ctx: RequestContext): Promise<SalesOrder> {
    return new OrderService(ctx).place(input);
  }

  @Mutation(() => SalesOrder, { description: 'Finance releases an order on CREDIT_HOLD: CONFIRMED, and its total joins the customer’s exposure.' })
  @Allow(creditDeciders)
  releaseCreditHold(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('comment', () => String, { nullable: true }) comment: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<SalesOrder> {
    return new OrderService(ctx).releaseCreditHold(assertId(id, 'id'), version, comment ?? undefined);
  }

  @Mutation(() => SalesOrder, { description: 'Finance refuses an order on CREDIT_HOLD: CANCELLED, with the reason.' })
  @Allow(creditDeciders)
  rejectCreditHold(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('comment', () => String) comment: string,
    @Ctx() ctx: RequestContext,
  ): Promise<SalesOrder> {
    return new OrderService(ctx).rejectCreditHold(assertId(id, 'id'), version, comment);
  }

  @Mutation(() => SalesOrder, {
    description:
      'Cancels an order nothing of which has shipped (CREDIT_HOLD or CONFIRMED): its owner, the owner’s chain, admins, ' +
      'or the partner that placed it. A confirmed order’s total leaves the customer’s exposure.',
  })
  @Allow(orderPlacers)
  cancelOrder(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<SalesOrder> {
    return new OrderService(ctx).cancel(assertId(id, 'id'), version, reason);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() order: SalesOrder, @Ctx() ctx: RequestContext): Promise<Customer | null> {
    return ctx.loaders.customers.customerById.load(order.customer.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The customer’s owner when the order was placed.' })
  owner(@Root() order: SalesOrder, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(order.owner.id);
  }

  @FieldResolver(() => Contract, { nullable: true, description: 'The contract it was placed against, if any and if you may see it.' })
  contract(@Root() order: SalesOrder, @Ctx() ctx: RequestContext): Promise<Contract | null> {
    return order.contract === null ? Promise.resolve(null) : ctx.loaders.orders.contractById.load(order.contract.id);
  }

  @FieldResolver(() => Distributor, { nullable: true, description: 'The distributor that placed it through the partner portal.' })
  distributor(@Root() order: SalesOrder, @Ctx() ctx: RequestContext): Promise<Distributor | null> {
    return order.distributor === null ? Promise.resolve(null) : ctx.loaders.channels.distributorById.load(order.distributor.id);
  }

  @FieldResolver(() => User, { nullable: true })
  placedBy(@Root() order: SalesOrder, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(order.placedBy.id);
  }

  @FieldResolver(() => PriceList, { nullable: true, description: 'The most specific list a direct order was priced from.' })
  priceList(@Root() order: SalesOrder, @Ctx() ctx: RequestContext): Promise<PriceList | null> {
    return order.priceList === null ? Promise.resolve(null) : ctx.loaders.catalog.priceListById.load(order.priceList.id);
  }

  @FieldResolver(() => OrgUnit, { nullable: true, description: 'The region the goods are to be delivered in.' })
  deliveryRegion(@Root() order: SalesOrder, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> {
    return ctx.loaders.org.unitById.load(order.deliveryRegion.id);
  }

  @FieldResolver(() => [OrderLine], { description: 'By position.' })
  lines(@Root() order: SalesOrder, @Ctx() ctx: RequestContext): Promise<OrderLine[]> {
    return ctx.loaders.orders.linesByOrderId.load(order.id);
  }

  @FieldResolver(() => [Shipment], { description: 'Oldest first.' })
  shipments(@Root() order: SalesOrder, @Ctx() ctx: RequestContext): Promise<Shipment[]> {
    return ctx.loaders.orders.shipmentsByOrderId.load(order.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who in finance released or refused the credit hold.' })
  creditDecidedBy(@Root() order: SalesOrder, @Ctx() ctx: RequestContext): Promise<User | null> {
    return order.creditDecidedBy === null ? Promise.resolve(null) : ctx.loaders.org.userById.load(order.creditDecidedBy.id);
  }
}

@Resolver(() => OrderLine)
export class OrderLineResolver {
  @FieldResolver(() => Product, { nullable: true })
  product(@Root() line: OrderLine, @Ctx() ctx: RequestContext): Promise<Product | null> {
    return ctx.loaders.catalog.productById.load(line.product.id);
  }

  @FieldResolver(() => ContractLine, { nullable: true, description: 'The contract line it draws on, if you may see the contract.' })
  contractLine(@Root() line: OrderLine, @Ctx() ctx: RequestContext): Promise<ContractLine | null> {
    return line.contractLine === null ? Promise.resolve(null) : ctx.loaders.orders.contractLineById.load(line.contractLine.id);
  }
}
