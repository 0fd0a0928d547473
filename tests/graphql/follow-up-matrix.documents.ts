import { graphql } from '../gql';

/** GraphQL documents of the follow-up role matrix (typed by `npm run codegen`). */

export const FOLLOW_UP_MATRIX_PLANS = graphql(`
  query FollowUpMatrixPlans {
    visitPlans(first: 100) {
      totalCount
      nodes {
        id
        status
      }
    }
  }
`);

export const FOLLOW_UP_MATRIX_FOLLOW_UPS = graphql(`
  query FollowUpMatrixFollowUps($opportunityId: ID!) {
    followUps(opportunityId: $opportunityId, first: 50) {
      totalCount
    }
  }
`);

export const FOLLOW_UP_MATRIX_VISITS = graphql(`
  query FollowUpMatrixVisits($customerId: ID!) {
    visits(first: 50, filter: { customerId: $customerId }) {
      nodes {
        id
        checkIn {
          latitude
          longitude
          distanceMetres
          far
          accuracyMetres
        }
      }
    }
  }
`);

export const FOLLOW_UP_MATRIX_CUSTOMERS = graphql(`
  query FollowUpMatrixCustomers {
    customers(first: 100, orderBy: NAME_ASC) {
      nodes {
        id
        latitude
        longitude
        followUpStatus {
          overdue
        }
      }
    }
  }
`);

export const FOLLOW_UP_MATRIX_NEXT_STEP_DATES = graphql(`
  query FollowUpMatrixNextStepDates {
    opportunities(first: 50) {
      nodes {
        id
        nextStepDate
      }
    }
  }
`);
