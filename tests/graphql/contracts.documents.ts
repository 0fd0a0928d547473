import { graphql } from '../gql';

/** GraphQL documents of the contract tests (typed by `npm run codegen`). */

export const CONTRACT_FIELDS = graphql(`
  fragment ContractFields on Contract {
    id
    number
    version
    title
    status
    amount
    currency
    startDate
    endDate
    paymentTermsDays
    approvalRound
    submittedAt
    approvedAt
    signedAt
    terminatedAt
    terminationReason
    daysLeft
    customer {
      id
    }
    owner {
      id
    }
    opportunity {
      id
    }
    quote {
      id
    }
    signedBy {
      id
    }
    createdBy {
      id
    }
    currentStep {
      id
      approver {
        id
      }
    }
    approvalSteps {
      id
      version
      round
      position
      status
      approverRole
      approverLimit
      decidedAt
      comment
      approver {
        id
        name
      }
    }
  }
`);

export const CREATE_CONTRACT = graphql(`
  mutation CreateContract($input: CreateContractInput!) {
    createContract(input: $input) {
      ...ContractFields
      lines {
        position
        quantity
        listPrice
        discountPercent
        unitPrice
        lineTotal
        product {
          id
        }
      }
    }
  }
`);

export const UPDATE_CONTRACT = graphql(`
  mutation UpdateContract($id: ID!, $version: Int!, $input: UpdateContractInput!) {
    updateContract(id: $id, version: $version, input: $input) {
      ...ContractFields
    }
  }
`);

export const SUBMIT_CONTRACT = graphql(`
  mutation SubmitContract($id: ID!, $version: Int!) {
    submitContract(id: $id, version: $version) {
      ...ContractFields
    }
  }
`);

export const APPROVE_CONTRACT = graphql(`
  mutation ApproveContract($id: ID!, $version: Int!, $comment: String) {
    approveContract(id: $id, version: $version, comment: $comment) {
      ...ContractFields
    }
  }
`);

export const REJECT_CONTRACT = graphql(`
  mutation RejectContract($id: ID!, $version: Int!, $comment: String!) {
    rejectContract(id: $id, version: $version, comment: $comment) {
      ...ContractFields
    }
  }
`);

export const SIGN_CONTRACT = graphql(`
  mutation SignContract($id: ID!, $version: Int!, $signedOn: LocalDate) {
    signContract(id: $id, version: $version, signedOn: $signedOn) {
      ...ContractFields
    }
  }
`);

export const TERMINATE_CONTRACT = graphql(`
  mutation TerminateContract($id: ID!, $version: Int!, $reason: String!) {
    terminateContract(id: $id, version: $version, reason: $reason) {
      ...ContractFields
    }
  }
`);

export const CONTRACT = graphql(`
  query Contract($id: ID!) {
    contract(id: $id) {
      ...ContractFields
    }
  }
`);

export const CONTRACT_AMOUNTS = graphql(`
  query ContractAmounts($id: ID!) {
    contract(id: $id) {
      id
      amount
      lines {
        quantity
        listPrice
        unitPrice
        lineTotal
        unitCost
        margin
      }
    }
  }
`);

export const CONTRACTS = graphql(`
  query Contracts($first: Int!, $after: String, $filter: ContractFilter, $orderBy: ContractOrder) {
    contracts(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        version
        status
        amount
        endDate
        owner {
          id
        }
      }
    }
  }
`);

export const CONTRACT_PAGE = graphql(`
  query ContractPage($first: Int!, $filter: ContractFilter) {
    contracts(first: $first, filter: $filter) {
      nodes {
        id
        number
        amount
        customer {
          name
        }
        owner {
          name
        }
        lines {
          quantity
          product {
            sku
          }
        }
        approvalSteps {
          status
          approver {
            name
          }
        }
      }
    }
  }
`);

export const RENEWALS_DUE = graphql(`
  query RenewalsDue($withinDays: Int, $first: Int!) {
    renewalsDue(withinDays: $withinDays, first: $first) {
      totalCount
      nodes {
        id
        status
        endDate
        daysLeft
        owner {
          id
        }
      }
    }
  }
`);
