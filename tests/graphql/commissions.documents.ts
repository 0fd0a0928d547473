import { graphql } from '../gql';

/** Documents of the commission tests (tests/commissions*.test.ts, tests/permissions.commissions.matrix.test.ts). */
export const RUN_COMMISSIONS = graphql(`
  mutation RunCommissions($period: LocalDate!, $orgUnitId: ID) {
    runCommissions(period: $period, orgUnitId: $orgUnitId) {
      ...CommissionStatementParts
    }
  }
`);

export const COMMISSION_STATEMENT_PARTS = graphql(`
  fragment CommissionStatementParts on CommissionStatement {
    id
    revision
    status
    version
    periodStart
    targetValue
    actualValue
    achievementPercent
    totalCommission
    user {
      id
    }
    revises {
      id
      revision
    }
    plan {
      id
    }
    lines {
      position
      kind
      sourceKind
      sourceId
      documentId
      occurredOn
      ratePercent
      accelerator
      amount
      commission
      achievementFrom
      achievementTo
      tier {
        id
      }
    }
  }
`);

export const COMMISSION_STATEMENTS = graphql(`
  query CommissionStatements($filter: CommissionStatementFilter, $first: Int, $after: String) {
    commissionStatements(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...CommissionStatementParts
      }
    }
  }
`);

export const APPROVE_COMMISSION_STATEMENT = graphql(`
  mutation ApproveCommissionStatement($id: ID!, $version: Int!) {
    approveCommissionStatement(id: $id, version: $version) {
      id
      status
      version
      approvedBy {
        id
      }
    }
  }
`);

export const FINALIZE_COMMISSION_STATEMENT = graphql(`
  mutation FinalizeCommissionStatement($id: ID!, $version: Int!) {
    finalizeCommissionStatement(id: $id, version: $version) {
      id
      status
      version
    }
  }
`);

export const MARK_COMMISSION_STATEMENT_PAID = graphql(`
  mutation MarkCommissionStatementPaid($id: ID!, $version: Int!, $payment: CommissionPaymentInput!) {
    markCommissionStatementPaid(id: $id, version: $version, payment: $payment) {
      id
      status
      paidOn
      paymentReference
    }
  }
`);

export const COMMISSION_PLANS_WITH_TERMS = graphql(`
  query CommissionPlansWithTerms {
    commissionPlans {
      id
      basisMetric
      appliesToRoles
      capAmount
      teamAwardKind
      teamAwardValue
      teamAwardSplit
      assignees {
        id
      }
    }
  }
`);
