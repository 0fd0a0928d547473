import { graphql } from '../gql';

/** Documents of the targets tests (tests/targets.e2e.test.ts, tests/permissions.targets.matrix.test.ts). */

export const SET_TARGETS = graphql(`
  mutation SetTargets($input: SetTargetsInput!) {
    setTargets(input: $input) {
      id
      version
      metric
      periodKind
      periodStart
      periodEnd
      value
      locked
      orgUnit {
        id
      }
      user {
        id
      }
      parent {
        id
      }
    }
  }
`);

export const SALES_TARGETS = graphql(`
  query SalesTargets($filter: SalesTargetFilter, $first: Int, $after: String) {
    salesTargets(filter: $filter, first: $first, after: $after) {
      totalCount
      nodes {
        id
        periodKind
        periodStart
        value
        orgUnit {
          id
        }
        user {
          id
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const TARGET_BREAKDOWN = graphql(`
  query TargetBreakdown($targetId: ID!, $dimension: TargetDimension) {
    targetBreakdown(targetId: $targetId, dimension: $dimension) {
      target {
        id
        value
      }
      children {
        id
        value
        periodStart
        orgUnit {
          id
        }
        user {
          id
        }
      }
      allocated
      unallocated
    }
  }
`);

export const PROPOSE_TARGET_SPLIT = graphql(`
  query ProposeTargetSplit($parentId: ID!, $dimension: TargetDimension, $basis: SplitBasis) {
    proposeTargetSplit(parentId: $parentId, dimension: $dimension, basis: $basis) {
      basis
      children {
        periodKind
        periodStart
        value
        lastYearActual
        orgUnit {
          id
        }
        user {
          id
        }
        productLine {
          id
        }
      }
    }
  }
`);

export const TARGET_WITH_HISTORY = graphql(`
  query TargetWithHistory($id: ID!) {
    salesTarget(id: $id) {
      id
      version
      value
      reason
      locked
      setBy {
        name
      }
      history {
        version
        value
        reason
        setAt
        adjustmentId
        setBy {
          name
        }
      }
      adjustments {
        id
        status
        previousValue
        newValue
        reason
        comment
        requestedBy {
          name
        }
        decidedBy {
          name
        }
      }
    }
  }
`);

export const REQUEST_TARGET_ADJUSTMENT = graphql(`
  mutation RequestTargetAdjustment($input: RequestTargetAdjustmentInput!) {
    requestTargetAdjustment(input: $input) {
      id
      version
      status
      previousValue
      newValue
      approver {
        name
      }
    }
  }
`);

export const APPROVE_TARGET_ADJUSTMENT = graphql(`
  mutation ApproveTargetAdjustment($id: ID!, $version: Int!, $comment: String) {
    approveTargetAdjustment(id: $id, version: $version, comment: $comment) {
      id
      version
      status
      comment
      decidedBy {
        name
      }
    }
  }
`);

export const REFUSE_TARGET_ADJUSTMENT = graphql(`
  mutation RefuseTargetAdjustment($id: ID!, $version: Int!, $comment: String!) {
    refuseTargetAdjustment(id: $id, version: $version, comment: $comment) {
      id
      version
      status
      comment
      decidedBy {
        name
      }
    }
  }
`);

export const TARGET_ADJUSTMENTS = graphql(`
  query TargetAdjustments($filter: TargetAdjustmentFilter) {
    targetAdjustments(first: 100, filter: $filter) {
      totalCount
      nodes {
        id
        status
        newValue
        previousValue
        target {
          id
        }
      }
    }
  }
`);
