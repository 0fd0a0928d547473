import { graphql } from '../gql';

/** GraphQL documents of the appraisal role matrix (typed by `npm run codegen`). */

export const APPRAISALS_MATRIX_APPRAISALS = graphql(`
  query AppraisalsMatrixAppraisals($periodKind: PeriodKind!, $periodStart: LocalDate!) {
    appraisals(periodKind: $periodKind, periodStart: $periodStart) {
      id
      status
      totalScore
      grade
      recommendation
      reviewComment
      returnComment
      lines {
        indicator
        weight
        target
        actual
        ratePercent
        computedScore
        adjustedScore
        adjustmentReason
        score
        weightedScore
      }
    }
  }
`);

export const APPRAISALS_MATRIX_PLANS = graphql(`
  query AppraisalsMatrixPlans {
    improvementPlans {
      id
      reason
      actions {
        id
        description
      }
    }
  }
`);

export const APPRAISALS_MATRIX_SCORECARDS = graphql(`
  query AppraisalsMatrixScorecards {
    scorecards {
      id
      role
      indicators {
        indicator
        weight
      }
    }
  }
`);

export const APPRAISALS_MATRIX_CANDIDATES = graphql(`
  query AppraisalsMatrixCandidates($periodStart: LocalDate!) {
    improvementCandidates(periodStart: $periodStart) {
      user {
        id
      }
    }
  }
`);
