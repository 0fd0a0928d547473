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
