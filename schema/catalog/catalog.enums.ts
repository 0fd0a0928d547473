import { registerEnumType } from 'type-graphql';

export enum ProductStatus {
  ACTIVE = 'ACTIVE',
  DRAFT = 'DRAFT',
  DISCONTINUED = 'DISCONTINUED',
}

/** The channel a price list applies to (直销 / 经销 / 线上). */
export enum SalesChannel {
  DIRECT = 'DIRECT',
  DISTRIBUTOR = 'DISTRIBUTOR',
  ONLINE = 'ONLINE',
}

registerEnumType(ProductStatus, {
  name: 'ProductStatus',
  valuesConfig: {
    ACTIVE: { description: 'Can be quoted and sold.' },
    DRAFT: { description: 'Being prepared; not yet sold.' },
    DISCONTINUED: { description: 'No longer sold; kept for history.' },
  },
});
registerEnumType(SalesChannel, {
  name: 'SalesChannel',
  valuesConfig: {
    DIRECT: { description: 'Direct sales by the company’s own reps (直销).' },
    DISTRIBUTOR: { description: 'Sales through distributors (经销).' },
    ONLINE: { description: 'Online sales (线上).' },
  },
});
