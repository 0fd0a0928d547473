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
import { OrgUnit } from '../../org/entities/org-unit.entity';
import { User } from '../../org/entities/user.entity';
import { OrderLine } from '../entities/order-line.entity';
import { SalesOrder } from '../entities/sales-order.entity';
import { Shipment } from '../entities/shipment.entity';
import { ShipmentLine } from '../entities/shipment-line.entity';
import { CreateShipmentInput, ShipmentsArgs } from '../orders.inputs';
import { deliveryConfirmers, shipmentWriters } from '../orders.policy';
import { BatchTrace, ShipmentConnection } from '../orders.types';
import { ShipmentService } from '../shipments.service';

@Resolver(() => Shipment)
export class ShipmentResolver {
  @Query(() => ShipmentConnection, { description: 'Shipments of the orders visible to you, newest first.' })
  @Allow(scoped(ApiScope.READ_SALES))
  shipments(@Args() args: ShipmentsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<ShipmentConnection> {
    return new ShipmentService(ctx).shipments(args, { includeCount: selectsTotalCount(info) });
  }

  @Query(() => Shipment, { nullable: true, description: 'One shipment by id: null, with NOT_FOUND at its path, when there is none you may see.' })
  @Allow(scoped(ApiScope.READ_SALES))
  shipment(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Shipment | null> {
    return new ShipmentService(ctx).shipmentById(assertId(id, 'id'));
  }

  @Query(() => BatchTrace, {
    description: 'Recall tracing: where a batch went — its shipment lines, orders and customers, as far as your row scope reaches.',
  })
  @Allow(scoped(ApiScope.READ_SALES))
  batchTrace(@Arg('batchNumber') batchNumber: string, @Ctx() ctx: RequestContext): Promise<BatchTrace> {
    return new ShipmentService(ctx).batchTrace(batchNumber);
  }

  @Mutation(() => Shipment, {
    description:
      'Ships units of a CONFIRMED or PARTIALLY_SHIPPED order, a batch number per line; never more than is left to ship ' +
      '(OVER_SHIPMENT, nothing written). The order becomes PARTIALLY_SHIPPED or SHIPPED.',
  })
  @Allow(shipmentWriters)
  createShipment(@Arg('input') input: CreateShipmentInput, @Ctx() ctx: RequestContext): Promise<Shipment> {
    return new ShipmentService(ctx).create(input);
  }

  @Mutation(() => Shipment, { description: 'The customer signed for the goods: SHIPPED → DELIVERED, once.' })
  @Allow(deliveryConfirmers)
  confirmDelivery(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('deliveredOn', () => LocalDateResolver, { description: 'From the shipping day to today.' }) deliveredOn: string,
    @Arg('receivedBy', () => String, { description: 'Who signed for it.' }) receivedBy: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Shipment> {
    return new ShipmentService(ctx).confirmDelivery(assertId(id, 'id'), version, deliveredOn, receivedBy);
  }

  @FieldResolver(() => SalesOrder, { nullable: true })
  order(@Root() shipment: Shipment, @Ctx() ctx: RequestContext): Promise<SalesOrder | null> {
    return ctx.loaders.orders.orderById.load(shipment.order.id);
  }

  @FieldResolver(() => [ShipmentLine], { description: 'By batch number.' })
  lines(@Root() shipment: Shipment, @Ctx() ctx: RequestContext): Promise<ShipmentLine[]> {
    return ctx.loaders.orders.linesByShipmentId.load(shipment.id);
  }

  @FieldResolver(() => OrgUnit, { nullable: true, description: 'The region of the delivery address.' })
  deliveryRegion(@Root() shipment: Shipment, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> {
    return ctx.loaders.org.unitById.load(shipment.deliveryRegion.id);
  }

  @FieldResolver(() => User, { nullable: true })
  createdBy(@Root() shipment: Shipment, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.org.userById.load(shipment.createdBy.id);
  }
}

@Resolver(() => ShipmentLine)
export class ShipmentLineResolver {
  @FieldResolver(() => Product, { nullable: true })
  product(@Root() line: ShipmentLine, @Ctx() ctx: RequestContext): Promise<Product | null> {
    return ctx.loaders.catalog.productById.load(line.product.id);
  }

  @FieldResolver(() => OrderLine, { nullable: true })
  orderLine(@Root() line: ShipmentLine, @Ctx() ctx: RequestContext): Promise<OrderLine | null> {
    return ctx.loaders.orders.orderLineById.load(line.orderLine.id);
  }

  @FieldResolver(() => Shipment, { nullable: true })
  shipment(@Root() line: ShipmentLine, @Ctx() ctx: RequestContext): Promise<Shipment | null> {
    return ctx.loaders.orders.shipmentById.load(line.shipment.id);
  }

  @FieldResolver(() => SalesOrder, { nullable: true, description: 'The order shipped (the shipment’s order).' })
  async order(@Root() line: ShipmentLine, @Ctx() ctx: RequestContext): Promise<SalesOrder | null> {
    const shipment = await ctx.loaders.orders.shipmentById.load(line.shipment.id);
    return shipment === null ? null : ctx.loaders.orders.orderById.load(shipment.order.id);
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'The customer that received it (the order’s customer).' })
  async customer(@Root() line: ShipmentLine, @Ctx() ctx: RequestContext): Promise<Customer | null> {
    const order = await this.order(line, ctx);
    return order === null ? null : ctx.loaders.customers.customerById.load(order.customer.id);
  }
}
