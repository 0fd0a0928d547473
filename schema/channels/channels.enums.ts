import { registerEnumType } from 'type-graphql';

/** What gave a cross-region sale (窜货) away. */
export enum ChannelConflictKind {
  /** A distributor's order was delivered to an address outside the distributor's regions. */
  SHIPMENT_OUTSIDE_REGION = 'SHIPMENT_OUTSIDE_REGION',
  /** A distributor reported selling in a region that is not its own. */
  SALE_OUTSIDE_REGION = 'SALE_OUTSIDE_REGION',
  /** A batch shipped into one region turned up in the sell-through report of a distributor of another. */
  BATCH_FROM_OTHER_REGION = 'BATCH_FROM_OTHER_REGION',
}

export enum ChannelConflictStatus {
  OPEN = 'OPEN',
  CONFIRMED = 'CONFIRMED',
  DISMISSED = 'DISMISSED',
}

registerEnumType(ChannelConflictKind, {
  name: 'ChannelConflictKind',
  valuesConfig: {
    SHIPMENT_OUTSIDE_REGION: { description: 'A distributor’s order delivered outside the distributor’s regions.' },
    SALE_OUTSIDE_REGION: { description: 'A distributor reported a sale in a region that is not its own.' },
    BATCH_FROM_OTHER_REGION: { description: 'A batch shipped into one region reported sold by a distributor of another.' },
  },
});
registerEnumType(ChannelConflictStatus, {
  name: 'ChannelConflictStatus',
  valuesConfig: {
    OPEN: { description: 'Detected, not yet looked into.' },
    CONFIRMED: { description: 'Looked into: it was cross-region selling.' },
    DISMISSED: { description: 'Looked into: it was not (e.g. an agreed exception).' },
  },
});
