import { registerEnumType } from 'type-graphql';

/** What a sales analysis groups by (at most three at once). */
export enum SalesDimension {
  PERIOD = 'PERIOD',
  REGION = 'REGION',
  TEAM = 'TEAM',
  REP = 'REP',
  PRODUCT_LINE = 'PRODUCT_LINE',
  PRODUCT = 'PRODUCT',
  CHANNEL = 'CHANNEL',
  CUSTOMER_TIER = 'CUSTOMER_TIER',
  INDUSTRY = 'INDUSTRY',
  CUSTOMER = 'CUSTOMER',
}

/** The earlier span a sales analysis is compared with. */
export enum SalesComparison {
  PREVIOUS_PERIOD = 'PREVIOUS_PERIOD',
  YEAR_OVER_YEAR = 'YEAR_OVER_YEAR',
}

registerEnumType(SalesDimension, {
  name: 'SalesDimension',
  description: 'A grouping of booked sales.',
  valuesConfig: {
    PERIOD: { description: 'The calendar bucket of the booking day (`period` of the input), company time.' },
    REGION: { description: 'The region of the order’s owner (大区), from the owner’s org unit.' },
    TEAM: { description: 'The team of the order’s owner (销售小组); none for owners above team level.' },
    REP: { description: 'The order’s owner: whose sale it is (the customer’s owner when the order was placed).' },
    PRODUCT_LINE: { description: 'The product line of the line’s product.' },
    PRODUCT: { description: 'The line’s product.' },
    CHANNEL: { description: 'DISTRIBUTOR for orders a distributor placed, ONLINE for orders priced from an online price list, else DIRECT.' },
    CUSTOMER_TIER: { description: 'The customer’s ABC tier today (internal users only).' },
    INDUSTRY: { description: 'The customer’s industry today.' },
    CUSTOMER: { description: 'The customer.' },
  },
});

registerEnumType(SalesComparison, {
  name: 'SalesComparison',
  valuesConfig: {
    PREVIOUS_PERIOD: {
      description:
        'Grouped by PERIOD: each bucket against the bucket before it. Otherwise the span against the span just before it: ' +
        'as many whole months when the span is whole months (March → February, a quarter → the one before), else as many days.',
    },
    YEAR_OVER_YEAR: { description: 'The same span (and buckets) one year earlier.' },
  },
});

/** What contract reports group by. */
export enum ContractGrouping {
  CONTRACT = 'CONTRACT',
  OWNER = 'OWNER',
  TEAM = 'TEAM',
  REGION = 'REGION',
}

registerEnumType(ContractGrouping, {
  name: 'ContractGrouping',
  description: 'One row per contract, or summed per the contract owner, the owner’s team or region.',
});

/** What channel performance groups by. */
export enum ChannelGrouping {
  DISTRIBUTOR = 'DISTRIBUTOR',
  REGION = 'REGION',
  DISTRIBUTOR_REGION = 'DISTRIBUTOR_REGION',
}

registerEnumType(ChannelGrouping, {
  name: 'ChannelGrouping',
  description: 'Per distributor, per region the goods were sold in, or per both.',
});
