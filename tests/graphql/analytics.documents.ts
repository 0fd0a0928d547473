import { graphql } from '../gql';

/** GraphQL documents of the sales analytics tests (typed by `npm run codegen`). */

export const SALES_ANALYSIS_FIELDS = graphql(`
  fragment SalesAnalysisRowFields on SalesAnalysisRow {
    period
    periodStart
    regionId
    regionName
    teamId
    teamName
    repId
    repName
    productLineId
    productLineName
    productId
    productName
    channel
    customerTier
    industry
    customerId
    customerName
    bookedAmount
    quantity
    orderCount
    averageOrderValue
    margin
    marginRate
    newCustomerCount
    newCustomerAmount
    existingCustomerAmount
    comparison {
      from
      to
      bookedAmount
      quantity
      orderCount
      margin
      newCustomerCount
      bookedAmountChange
      quantityChange
      orderCountChange
      marginChange
    }
  }
`);

export const SALES_ANALYSIS = graphql(`
  query SalesAnalysis($input: SalesAnalysisInput!) {
    salesAnalysis(input: $input) {
      from
      to
      groupBy
      period
      rows {
        ...SalesAnalysisRowFields
      }
      total {
        ...SalesAnalysisRowFields
      }
    }
  }
`);

/** Only what every reader of orders may read: keys, counts and quantities. */
export const SALES_ANALYSIS_COUNTS = graphql(`
  query SalesAnalysisCounts($input: SalesAnalysisInput!) {
    salesAnalysis(input: $input) {
      rows {
        period
        regionName
        productLineName
        quantity
        orderCount
        newCustomerCount
      }
      total {
        quantity
        orderCount
        newCustomerCount
      }
    }
  }
`);

export const CONTRACT_FULFILMENT = graphql(`
  query ContractFulfilment($input: ContractFulfilmentInput!) {
    contractFulfilment(input: $input) {
      rows {
        ...ContractFulfilmentRowFields
      }
      total {
        ...ContractFulfilmentRowFields
      }
    }
  }
  fragment ContractFulfilmentRowFields on ContractFulfilmentRow {
    contractId
    contractNumber
    contractTitle
    customerId
    startDate
    endDate
    ownerId
    ownerName
    teamId
    teamName
    regionId
    regionName
    contractCount
    amountContractCount
    contractAmount
    orderedAmount
    orderedQuantity
    shippedAmount
    shippedQuantity
    invoicedQuantity
    invoicedAmount
    collectedAmount
    orderedRate
    collectedRate
  }
`);

export const RENEWAL_RATES = graphql(`
  query RenewalRates($input: RenewalRateInput!) {
    renewalRates(input: $input) {
      period
      rows {
        period
        periodStart
        groupId
        groupName
        endingCount
        renewedCount
        renewalRate
      }
      total {
        endingCount
        renewedCount
        renewalRate
      }
    }
  }
`);

export const CHANNEL_PERFORMANCE = graphql(`
  query ChannelPerformance($input: ChannelPerformanceInput!) {
    channelPerformance(input: $input) {
      rows {
        ...ChannelPerformanceRowFields
      }
      total {
        ...ChannelPerformanceRowFields
      }
    }
  }
  fragment ChannelPerformanceRowFields on ChannelPerformanceRow {
    distributorId
    distributorName
    regionId
    regionName
    sellInOrderCount
    sellInQuantity
    sellInAmount
    sellThroughQuantity
    sellThroughRate
    conflictCount
    openConflictCount
    confirmedConflictCount
  }
`);

export const CONTRACT_RENEWAL = graphql(`
  mutation ContractRenewalLink($id: ID!, $version: Int!, $input: UpdateContractInput!) {
    updateContract(id: $id, version: $version, input: $input) {
      id
      version
      renewalOf {
        id
      }
    }
  }
`);

/** Bench: a director's sales by team × month (tests/bench/opportunities.bench.ts, `sales-team-month`). */
export const BENCH_SALES_BY_TEAM_MONTH = graphql(`
  query BenchSalesByTeamMonth($from: LocalDate!, $to: LocalDate!) {
    salesAnalysis(input: { from: $from, to: $to, groupBy: [PERIOD, TEAM], period: MONTH }) {
      rows {
        period
        teamId
        teamName
        bookedAmount
        quantity
        orderCount
        margin
      }
      total {
        bookedAmount
        orderCount
      }
    }
  }
`);

/** Bench: finance's sales by region × product line (`sales-region-line`). */
export const BENCH_SALES_BY_REGION_LINE = graphql(`
  query BenchSalesByRegionLine($from: LocalDate!, $to: LocalDate!, $orgUnitId: ID) {
    salesAnalysis(input: { from: $from, to: $to, groupBy: [REGION, PRODUCT_LINE], orgUnitId: $orgUnitId }) {
      rows {
        regionId
        regionName
        productLineId
        productLineName
        bookedAmount
        quantity
        orderCount
        margin
      }
      total {
        bookedAmount
        orderCount
      }
    }
  }
`);
