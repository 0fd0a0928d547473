import { ArrayMaxSize, IsOptional, IsUUID, Max, Min, MinLength, ValidateNested } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../api/pagination';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { DecimalOf, QUANTITY_MAX, TextOf, TRADING_CURRENCIES } from '../../api/validation';
import { ProductStatus, SalesChannel } from './catalog.enums';

@InputType({ description: 'Filters for `products`. All given conditions must hold.' })
export class ProductFilter {
  @Field(() => String, { nullable: true, description: 'Part of the SKU, name or English name, case-insensitive.' })
  @TextOf('label')
  @IsOptional()
  @MinLength(1)
  search?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  productLineId?: string;

  @Field(() => ProductStatus, { nullable: true })
  status?: ProductStatus;
}

export enum ProductOrder {
  NAME_ASC = 'NAME_ASC',
  SKU_ASC = 'SKU_ASC',
}
registerEnumType(ProductOrder, { name: 'ProductOrder' });

@ArgsType()
export class ProductsArgs extends PageArgs {
  @Field(() => ProductFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: ProductFilter;

  @Field(() => ProductOrder, { defaultValue: ProductOrder.NAME_ASC })
  orderBy: ProductOrder = ProductOrder.NAME_ASC;
}

@InputType({ description: 'Filters for `priceLists`.' })
export class PriceListFilter {
  @Field(() => SalesChannel, { nullable: true })
  channel?: SalesChannel;

  @Field(() => ID, { nullable: true, description: 'Lists for this region and the nationwide ones.' })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Only active lists valid on this day.' })
  activeOn?: string;
}

@InputType()
export class CreateProductInput {
  @Field()
  @TextOf('code')
  sku!: string;

  @Field()
  @TextOf('name')
  name!: string;

  @Field(() => String, { nullable: true })
  @TextOf('altName')
  englishName?: string;

  @Field()
  @TextOf('unit')
  unit!: string;

  @Field(() => ID)
  @IsUUID()
  productLineId!: string;

  @Field(() => ProductStatus, { defaultValue: ProductStatus.ACTIVE })
  status: ProductStatus = ProductStatus.ACTIVE;

  @Field(() => DecimalScalar)
  @DecimalOf('price')
  unitCost!: string;

  @Field(() => String, { nullable: true })
  @TextOf('document')
  specification?: string;
}

@InputType({ description: 'Only the given fields change.' })
export class UpdateProductInput {
  @Field(() => String, { nullable: true })
  @TextOf('name')
  name?: string;

  @Field(() => String, { nullable: true })
  @TextOf('altName')
  englishName?: string;

  @Field(() => String, { nullable: true })
  @TextOf('unit')
  unit?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  productLineId?: string;

  @Field(() => ProductStatus, { nullable: true })
  status?: ProductStatus;

  @Field(() => DecimalScalar, { nullable: true })
  @DecimalOf('price')
  unitCost?: string;

  @Field(() => String, { nullable: true })
  @TextOf('document')
  specification?: string;
}

@InputType()
export class CreatePriceListInput {
  @Field()
  @TextOf('name')
  name!: string;

  @Field({ defaultValue: 'CNY', description: `ISO 4217 code, one of ${TRADING_CURRENCIES.join(', ')}.` })
  @TextOf('currency')
  currency: string = 'CNY';

  @Field(() => SalesChannel)
  channel!: SalesChannel;

  @Field(() => ID, { nullable: true, description: 'A region; nationwide when omitted.' })
  @IsOptional()
  @IsUUID()
  regionId?: string;

  @Field(() => LocalDateResolver)
  validFrom!: string;

  @Field(() => LocalDateResolver, { nullable: true })
  validTo?: string;

  @Field({ defaultValue: true })
  active: boolean = true;
}

@InputType()
export class QuantityBreakInput {
  @Field(() => Int, { description: `2 to ${QUANTITY_MAX}.` })
  @Min(2)
  @Max(QUANTITY_MAX)
  minQuantity!: number;

  @Field(() => DecimalScalar)
  @DecimalOf('price')
  unitPrice!: string;
}

@InputType({ description: 'Creates the product’s entry in the price list, or replaces it.' })
export class SetPriceListEntryInput {
  @Field(() => ID)
  @IsUUID()
  priceListId!: string;

  @Field(() => ID)
  @IsUUID()
  productId!: string;

  @Field(() => DecimalScalar)
  @DecimalOf('price')
  listPrice!: string;

  @Field(() => DecimalScalar)
  @DecimalOf('price')
  floorPrice!: string;

  @Field(() => [QuantityBreakInput], { nullable: true, description: 'Quantity breaks, ascending; none when omitted.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  quantityBreaks?: QuantityBreakInput[];
}
