import { graphql } from '../gql';

/** GraphQL documents of the distributor channel tests: sell-through reports and channel conflicts. */

export const CHANNEL_CONFLICT_FIELDS = graphql(`
  fragment ChannelConflictFields on ChannelConflict {
    id
    version
    kind
    status
    batchNumber
    evidence
    detectedAt
    resolvedAt
    resolution
    resolvedBy {
      id
      name
    }
    distributor {
      id
      code
    }
    homeRegion {
      id
      name
    }
    foundRegion {
      id
      name
    }
  }
`);

export const CHANNEL_CONFLICTS = graphql(`
  query ChannelConflicts($filter: ChannelConflictFilter, $first: Int! = 20, $after: String) {
    channelConflicts(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...ChannelConflictFields
      }
    }
  }
`);

export const CHANNEL_CONFLICT = graphql(`
  query ChannelConflict($id: ID!) {
    channelConflict(id: $id) {
      ...ChannelConflictFields
    }
  }
`);

/** The page whose statement count must not grow with its size. */
export const CHANNEL_CONFLICT_PAGE = graphql(`
  query ChannelConflictPage($first: Int!) {
    channelConflicts(first: $first) {
      nodes {
        id
        kind
        distributor {
          id
          name
          regions {
            id
            name
          }
        }
        homeRegion {
          id
          name
        }
        foundRegion {
          id
          name
        }
      }
    }
  }
`);

export const RESOLVE_CHANNEL_CONFLICT = graphql(`
  mutation ResolveChannelConflict($id: ID!, $version: Int!, $status: ChannelConflictStatus!, $resolution: String!) {
    resolveChannelConflict(id: $id, version: $version, status: $status, resolution: $resolution) {
      ...ChannelConflictFields
    }
  }
`);

export const SELL_THROUGH_REPORT_FIELDS = graphql(`
  fragment SellThroughReportFields on SellThroughReport {
    id
    periodStart
    periodEnd
    createdAt
    distributor {
      id
      code
    }
    submittedBy {
      id
    }
    lines {
      id
      quantity
      batchNumber
      endCustomerName
      soldOn
      product {
        id
        sku
      }
      saleRegion {
        id
        name
      }
    }
  }
`);

export const SUBMIT_SELL_THROUGH_REPORT = graphql(`
  mutation SubmitSellThroughReport($input: SubmitSellThroughReportInput!) {
    submitSellThroughReport(input: $input) {
      ...SellThroughReportFields
    }
  }
`);

export const SELL_THROUGH_REPORTS = graphql(`
  query SellThroughReports($filter: SellThroughReportFilter, $first: Int! = 20, $after: String) {
    sellThroughReports(filter: $filter, first: $first, after: $after) {
      totalCount
      nodes {
        ...SellThroughReportFields
      }
    }
  }
`);

export const SELL_THROUGH_REPORT = graphql(`
  query SellThroughReport($id: ID!) {
    sellThroughReport(id: $id) {
      ...SellThroughReportFields
    }
  }
`);

/** The page whose statement count must not grow with its size. */
export const SELL_THROUGH_REPORT_PAGE = graphql(`
  query SellThroughReportPage($first: Int!) {
    sellThroughReports(first: $first) {
      nodes {
        id
        distributor {
          id
          name
        }
        lines {
          id
          quantity
          product {
            id
            name
          }
          saleRegion {
            id
            name
          }
        }
      }
    }
  }
`);

export const DISTRIBUTOR_REGIONS = graphql(`
  query DistributorRegionsOfMe {
    me {
      distributor {
        id
        code
        regions {
          id
          name
        }
      }
    }
  }
`);
