import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../api/pagination';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { DecimalOf, QUANTITY_MAX, TextOf } from '../../api/validation';
import { OrderStatus, ShipmentStatus } from './orders.enums';

/** Lines per order or shipment: a project order fits, and each is priced and checked in a few statements. */
export const MAX_ORDER_LINES = 100;

/** Units per line: far above any real order, far below what a 32-bit sum of lines could overflow. */
export const MAX_LINE_QUANTITY = QUANTITY_MAX;

@InputType({
  description:
    'One line of a new order: `productId` (priced from the customer’s price list) for a direct order, or ' +
    '`contractLineId` (at the contract’s price) for an order against a contract; never both.',
})
export class PlaceOrderLineInput {
  @Field(() => ID, { nullable: true, description: 'Direct orders: the product, priced from the price list.' })
  @IsOptional()
  @IsUUID()
  productId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Orders against a contract: the contract line to draw on.' })
  @IsOptional()
  @IsUUID()
  contractLineId?: string | null;

  @Field(() => Int)
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity!: number;

  @Field(() => DecimalScalar, {
    defaultValue: '0',
    description: 'Direct orders: discount off the list price in percent, within your authority. Contract lines keep the contract’s.',
  })
  @DecimalOf('percent')
  discountPercent: string = '0';
}

@InputType({ description: 'A new order, placed directly at price-list prices or against a signed contract.' })
export class PlaceOrderInput {
  @Field(() => ID)
  @IsUUID()
  customerId!: string;

  @Field(() => ID, { nullable: true, description: 'A SIGNED or ACTIVE contract of the customer; its lines are then ordered by contractLineId.' })
  @IsOptional()
  @IsUUID()
  contractId?: string | null;

  @Field(() => [PlaceOrderLineInput], { description: `1 to ${MAX_ORDER_LINES} lines, in the order they are shown.` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  @ValidateNested({ each: true })
  lines!: PlaceOrderLineInput[];

  @Field(() => LocalDateResolver, { nullable: true, description: 'Today or later.' })
  @IsOptional()
  requestedDeliveryDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Defaults to the customer’s address.' })
  @TextOf('address')
  deliveryAddress?: string | null;

  @Field(() => ID, { nullable: true, description: 'A region (org unit of kind REGION); defaults to the customer’s region.' })
  @IsOptional()
  @IsUUID()
  deliveryRegionId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Retry safely: the same key with the same order returns the order the first request placed; the same key with a different order is a CONFLICT (IDEMPOTENCY_KEY_REUSED).',
  })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Units of one order line in this shipment, from one batch.' })
export class ShipmentLineInput {
  @Field(() => ID)
  @IsUUID()
  orderLineId!: string;

  @Field(() => Int)
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity!: number;

  @Field({ description: 'Production batch number (批号): 1–40 letters, digits, “-”, “_” or “.”, surrounding spaces ignored.' })
  @TextOf('label')
  batchNumber!: string;
}

@InputType({ description: 'A shipment of some or all of an order’s open units; several lines may draw on one order line with different batches.' })
export class CreateShipmentInput {
  @Field(() => ID)
  @IsUUID()
  orderId!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Defaults to today; not in the future.' })
  @IsOptional()
  shippedOn?: string | null;

  @Field(() => String, { nullable: true })
  @TextOf('label')
  carrier?: string | null;

  @Field(() => String, { nullable: true })
  @TextOf('label')
  trackingNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Defaults to the order’s delivery address.' })
  @TextOf('address')
  deliveryAddress?: string | null;

  @Field(() => ID, { nullable: true, description: 'A region; defaults to the order’s delivery region.' })
  @IsOptional()
  @IsUUID()
  deliveryRegionId?: string | null;

  @Field(() => [ShipmentLineInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  @ValidateNested({ each: true })
  lines!: ShipmentLineInput[];
}

export enum OrderOrder {
  CREATED_AT_DESC = 'CREATED_AT_DESC',
  TOTAL_DESC = 'TOTAL_DESC',
}
registerEnumType(OrderOrder, {
  name: 'OrderOrder',
  valuesConfig: {
    CREATED_AT_DESC: { description: 'Newest first.' },
    TOTAL_DESC: {
      description:
        'Largest total first. Only orders whose total you may read are listed: the others drop out, so neither the order nor a cursor reveals a hidden total.',
    },
  },
});

@InputType({ description: 'Filters for `orders`. All given conditions must hold.' })
export class OrderFilter {
  @Field(() => [OrderStatus], { nullable: true, description: 'Any of these statuses.' })
  @IsOptional()
  @ArrayMinSize(1)
  statuses?: OrderStatus[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  customerId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  contractId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Orders owned by any of these users.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  @IsUUID(undefined, { each: true })
  ownerIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Orders a distributor placed through the partner portal.' })
  @IsOptional()
  @IsUUID()
  distributorId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Placed at or after this instant.' })
  @IsOptional()
  createdFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Placed before this instant.' })
  @IsOptional()
  createdTo?: Date | null;
}

@ArgsType()
export class OrdersArgs extends PageArgs {
  @Field(() => OrderFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: OrderFilter | null;

  @Field(() => OrderOrder, { defaultValue: OrderOrder.CREATED_AT_DESC })
  orderBy: OrderOrder = OrderOrder.CREATED_AT_DESC;
}

@InputType({ description: 'Filters for `shipments`. All given conditions must hold.' })
export class ShipmentFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  orderId?: string | null;

  @Field(() => [ShipmentStatus], { nullable: true, description: 'Any of these statuses.' })
  @IsOptional()
  @ArrayMinSize(1)
  statuses?: ShipmentStatus[] | null;
}

@ArgsType()
export class ShipmentsArgs extends PageArgs {
  @Field(() => ShipmentFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: ShipmentFilter | null;
}
