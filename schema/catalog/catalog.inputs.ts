import { ArrayMaxSize, IsOptional, IsUUID, Length, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../api/pagination';
import { DecimalScalar } from '../../api/scalars/decimal.scalar';
import { ProductStatus, SalesChannel } from './catalog.enums';

@InputType({ description: 'Filters for `products`. All given conditions must hold.' })
export class ProductFilter {
  @Field(() => String, { nullable: true, description: 'Part of the SKU, name or English name, case-insensitive.' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(100)
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
  sku!: string;

  @Field()
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  englishName?: string;

  @Field()
  @Length(1, 20)
  unit!: string;

  @Field(() => ID)
  @IsUUID()
  productLineId!: string;

  @Field(() => ProductStatus, { defaultValue: ProductStatus.ACTIVE })
  status: ProductStatus = ProductStatus.ACTIVE;

  @Field(() => DecimalScalar)
  unitCost!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10000)
  specification?: string;
}

@InputType({ description: 'Only the given fields change.' })
export class UpdateProductInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  englishName?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 20)
  unit?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  productLineId?: string;

  @Field(() => ProductStatus, { nullable: true })
  status?: ProductStatus;

  @Field(() => DecimalScalar, { nullable: true })
  unitCost?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10000)
  specification?: string;
}

@InputType()
export class CreatePriceListInput {
  @Field()
  @Length(1, 200)
  name!: string;

  @Field({ defaultValue: 'CNY' })
  @Length(3, 3)
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
  @Field(() => Int)
  @Min(2)
  minQuantity!: number;

  @Field(() => DecimalScalar)
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
  listPrice!: string;

  @Field(() => DecimalScalar)
  floorPrice!: string;

  @Field(() => [QuantityBreakInput], { nullable: true, description: 'Quantity breaks, ascending; none when omitted.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  quantityBreaks?: QuantityBreakInput[];
}
