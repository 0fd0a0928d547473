import { ObjectType } from 'type-graphql';
import { Connection } from '../../api/pagination';
import { PriceListEntry } from './entities/price-list-entry.entity';
import { Product } from './entities/product.entity';

@ObjectType()
export class ProductConnection extends Connection(Product, 'Product') {}

@ObjectType()
export class PriceListEntryConnection extends Connection(PriceListEntry, 'PriceListEntry') {}
