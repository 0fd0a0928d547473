import { graphql } from '../gql';

/** GraphQL documents of the quote and approval tests (typed by `npm run codegen`). */

export const QUOTE_FIELDS = graphql(`
  fragment QuoteFields on Quote {
    id
    number
    version
    status
    validUntil
    listTotal
    total
    maxDiscountPercent
    note
    submittedAt
    acceptedAt
    priceList {
      id
    }
    createdBy {
      id
    }
    lines {
      position
      quantity
      listPrice
      discountPercent
      unitPrice
      lineTotal
      product {
        id
        sku
      }
    }
  }
`);

export const CREATE_QUOTE = graphql(`
  mutation CreateQuote($input: CreateQuoteInput!) {
    createQuote(input: $input) {
      ...QuoteFields
    }
  }
`);

export const SUBMIT_QUOTE = graphql(`
  mutation SubmitQuote($id: ID!, $version: Int!, $note: String) {
    submitQuote(id: $id, version: $version, note: $note) {
      id
      version
      status
      submittedAt
      approvals {
        id
        version
        status
        discountPercent
        requestNote
        approver {
          id
          name
        }
      }
    }
  }
`);

export const ACCEPT_QUOTE = graphql(`
  mutation AcceptQuote($id: ID!, $version: Int!) {
    acceptQuote(id: $id, version: $version) {
      id
      version
      status
      acceptedAt
      total
      opportunity {
        id
        stage
        amount
        probability
        closedAt
      }
    }
  }
`);

export const QUOTE = graphql(`
  query Quote($id: ID!) {
    quote(id: $id) {
      ...QuoteFields
      opportunity {
        id
        stage
      }
      approvals {
        id
        status
      }
    }
  }
`);

export const QUOTE_COSTS = graphql(`
  query QuoteCosts($id: ID!) {
    quote(id: $id) {
      id
      lines {
        unitPrice
        unitCost
        margin
      }
    }
  }
`);

export const QUOTES_OF_OPPORTUNITY = graphql(`
  query QuotesOfOpportunity($opportunityId: ID!) {
    quotes(opportunityId: $opportunityId) {
      id
      status
      approvals {
        id
        status
      }
    }
  }
`);

export const OPPORTUNITY_QUOTES = graphql(`
  query OpportunityQuotes($quoteId: ID!) {
    quote(id: $quoteId) {
      id
      opportunity {
        id
        stage
        quotes {
          id
          status
        }
        currentQuote {
          id
          status
        }
        quoteLines {
          position
          quantity
          product {
            name
          }
        }
      }
    }
  }
`);

export const APPROVALS = graphql(`
  query Approvals($first: Int!, $after: String, $filter: ApprovalFilter) {
    approvals(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        version
        status
        discountPercent
        requestNote
        comment
        decidedAt
        requestedBy {
          id
        }
        approver {
          id
          name
        }
        decidedBy {
          id
        }
        quote {
          id
          status
        }
      }
    }
  }
`);

export const APPROVAL = graphql(`
  query Approval($id: ID!) {
    approval(id: $id) {
      id
      version
      status
      approver {
        id
      }
      quote {
        id
      }
    }
  }
`);

export const APPROVAL_QUEUE_WITH_LINES = graphql(`
  query ApprovalQueueWithLines($first: Int!) {
    approvals(first: $first, filter: { statuses: [PENDING], addressedToMe: true }) {
      nodes {
        id
        quote {
          id
          opportunity {
            id
            quoteLines {
              quantity
              product {
                name
              }
            }
          }
        }
      }
    }
  }
`);

export const APPROVE = graphql(`
  mutation Approve($id: ID!, $version: Int!, $comment: String) {
    approve(id: $id, version: $version, comment: $comment) {
      id
      version
      status
      comment
      decidedAt
      decidedBy {
        id
      }
      quote {
        id
        status
      }
    }
  }
`);

export const REJECT = graphql(`
  mutation Reject($id: ID!, $version: Int!, $comment: String!) {
    reject(id: $id, version: $version, comment: $comment) {
      id
      version
      status
      comment
      quote {
        id
        status
      }
    }
  }
`);
