import { graphql } from '../gql';

/** Documents of the sales permission matrix (tests/permissions.sales.matrix.test.ts). */

export const SALES_MATRIX_CUSTOMERS = graphql(`
  query SalesMatrixCustomers {
    customers(first: 100) {
      totalCount
      nodes {
        id
        name
        creditLimit
        currentExposure
        paymentDelayDays
        tier
        tags
        healthScore
        latitude
        longitude
        followUpStatus {
          overdue
        }
      }
    }
  }
`);

export const SALES_MATRIX_CUSTOMERS_BY_CREDIT = graphql(`
  query SalesMatrixCustomersByCredit {
    customers(first: 100, filter: { creditLimitMin: "0" }) {
      nodes {
        id
      }
    }
  }
`);

export const SALES_MATRIX_OPPORTUNITIES = graphql(`
  query SalesMatrixOpportunities {
    opportunities(first: 20) {
      totalCount
      nodes {
        id
        name
        stage
        amount
        probability
        nextStep
        nextStepDate
        stageHistory {
          toStage
        }
        quoteLines {
          quantity
          listPrice
          discountPercent
          unitPrice
          lineTotal
          unitCost
          margin
        }
        currentQuote {
          status
          listTotal
          total
          maxDiscountPercent
          lines {
            listPrice
            discountPercent
            unitPrice
            lineTotal
          }
        }
      }
    }
  }
`);

export const SALES_MATRIX_OPPORTUNITIES_BY_AMOUNT = graphql(`
  query SalesMatrixOpportunitiesByAmount {
    opportunities(first: 100, orderBy: AMOUNT_DESC) {
      nodes {
        id
      }
    }
  }
`);

export const SALES_MATRIX_OPPORTUNITIES_FILTERED_BY_AMOUNT = graphql(`
  query SalesMatrixOpportunitiesFilteredByAmount {
    opportunities(first: 100, filter: { amountMin: "0" }) {
      nodes {
        id
      }
    }
  }
`);

export const SALES_MATRIX_LEADS = graphql(`
  query SalesMatrixLeads {
    leads(first: 100) {
      totalCount
    }
  }
`);

export const SALES_MATRIX_APPROVALS = graphql(`
  query SalesMatrixApprovals {
    approvals(first: 100) {
      totalCount
      nodes {
        discountPercent
        quote {
          total
        }
      }
    }
  }
`);

export const SALES_MATRIX_VISITS = graphql(`
  query SalesMatrixVisits {
    visits(first: 100) {
      totalCount
    }
  }
`);

export const SALES_MATRIX_COMPLAINTS = graphql(`
  query SalesMatrixComplaints {
    complaints(first: 100) {
      totalCount
    }
  }
`);
