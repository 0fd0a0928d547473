import { graphql } from '../gql';

/** Documents of the customers module's API tests (typed by `npm run codegen`). */

export const CREATE_CUSTOMER = graphql(`
  mutation CreateCustomer($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      id
      code
      name
      tier
      version
      owner {
        name
      }
    }
  }
`);

export const UPDATE_CUSTOMER = graphql(`
  mutation UpdateCustomer($id: ID!, $version: Int!, $input: UpdateCustomerInput!) {
    updateCustomer(id: $id, version: $version, input: $input) {
      id
      name
      tags
      version
      owner {
        name
      }
    }
  }
`);

export const SET_CUSTOMER_TIER = graphql(`
  mutation SetCustomerTier($id: ID!, $version: Int!, $tier: CustomerTier!) {
    setCustomerTier(id: $id, version: $version, tier: $tier) {
      id
      tier
      version
    }
  }
`);

export const SET_CUSTOMER_CREDIT_LIMIT = graphql(`
  mutation SetCustomerCreditLimit($id: ID!, $version: Int!, $creditLimit: Decimal!) {
    setCustomerCreditLimit(id: $id, version: $version, creditLimit: $creditLimit) {
      id
      version
    }
  }
`);

export const CUSTOMER_DETAIL = graphql(`
  query CustomerDetail($id: ID!) {
    customer(id: $id) {
      id
      code
      name
      tier
      version
      creditLimit
      currentExposure
      healthScore
      lastVisitOn
      region {
        name
      }
      owner {
        name
      }
      keyAccountManager {
        name
      }
      distributor {
        code
      }
      contacts {
        id
        name
        isPrimary
        version
      }
      recentVisits {
        visitedOn
        kind
        purpose
        visitedBy {
          name
        }
        accompaniedBy {
          name
        }
      }
      openComplaints {
        title
        severity
        overdue
      }
    }
  }
`);

export const CUSTOMER_LIST = graphql(`
  query CustomerList($first: Int!, $filter: CustomerFilter, $orderBy: CustomerOrder) {
    customers(first: $first, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        tier
        healthScore
        lastVisitOn
        region {
          name
        }
        owner {
          name
        }
        contacts {
          name
        }
        recentVisits {
          visitedOn
        }
        openComplaints {
          severity
        }
      }
    }
  }
`);

export const CREATE_CONTACT = graphql(`
  mutation CreateContact($input: CreateContactInput!) {
    createContact(input: $input) {
      id
      name
      isPrimary
    }
  }
`);

export const LOG_VISIT = graphql(`
  mutation LogVisit($input: LogVisitInput!) {
    logVisit(input: $input) {
      id
      kind
      visitedOn
      accompaniedBy {
        name
      }
    }
  }
`);

export const VISITS = graphql(`
  query Visits($filter: VisitFilter) {
    visits(first: 50, filter: $filter) {
      totalCount
      nodes {
        visitedOn
        purpose
        customer {
          name
        }
      }
    }
  }
`);

export const OPEN_COMPLAINT = graphql(`
  mutation OpenComplaint($input: OpenComplaintInput!) {
    openComplaint(input: $input) {
      id
      version
      status
      openedAt
      slaDueAt
      overdue
      handler {
        name
      }
    }
  }
`);

export const UPDATE_COMPLAINT = graphql(`
  mutation UpdateComplaint($id: ID!, $version: Int!, $input: UpdateComplaintInput!) {
    updateComplaint(id: $id, version: $version, input: $input) {
      id
      status
      resolution
      resolvedAt
      version
    }
  }
`);

export const COMPLAINTS = graphql(`
  query Complaints($filter: ComplaintFilter) {
    complaints(first: 50, filter: $filter) {
      totalCount
      nodes {
        title
        severity
        overdue
        customer {
          name
        }
      }
    }
  }
`);

export const RECORD_SURVEY = graphql(`
  mutation RecordSurvey($input: RecordSurveyInput!) {
    recordSurvey(input: $input) {
      id
      score
    }
  }
`);

export const SURVEYS = graphql(`
  query Surveys($customerId: ID!) {
    surveys(customerId: $customerId) {
      score
      comment
      complaint {
        title
      }
    }
  }
`);
