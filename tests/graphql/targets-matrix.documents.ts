import { graphql } from '../gql';

/** Documents of the targets and plans permission matrix (tests/permissions.targets.matrix.test.ts). */

export const TARGETS_MATRIX_TARGETS = graphql(`
  query TargetsMatrixTargets {
    salesTargets(first: 100) {
      totalCount
      nodes {
        id
        value
        history {
          value
        }
      }
    }
  }
`);

export const TARGETS_MATRIX_ADJUSTMENTS = graphql(`
  query TargetsMatrixAdjustments {
    targetAdjustments(first: 100) {
      totalCount
      nodes {
        id
        previousValue
        newValue
      }
    }
  }
`);

export const TARGETS_MATRIX_PLANS = graphql(`
  query TargetsMatrixPlans {
    salesPlans(first: 100) {
      totalCount
      nodes {
        id
        progress {
          actionsTotal
        }
      }
    }
  }
`);
