import { graphql } from '../gql';

/** GraphQL documents of the appraisal and improvement-plan tests (typed by `npm run codegen`). */

export const APPRAISAL_FIELDS = graphql(`
  fragment AppraisalFields on Appraisal {
    id
    version
    status
    periodKind
    periodStart
    periodEnd
    totalScore
    grade
    recommendation
    reviewComment
    returnComment
    reviewedAt
    confirmedAt
    user {
      id
      name
    }
    reviewedBy {
      id
    }
    confirmedBy {
      id
    }
    lines {
      indicator
      weight
      capPercent
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
`);

export const RUN_APPRAISALS = graphql(`
  mutation RunAppraisals($input: RunAppraisalsInput!) {
    runAppraisals(input: $input) {
      ...AppraisalFields
    }
  }
`);

export const APPRAISALS = graphql(`
  query Appraisals($periodKind: PeriodKind!, $periodStart: LocalDate!, $userId: ID) {
    appraisals(periodKind: $periodKind, periodStart: $periodStart, userId: $userId) {
      ...AppraisalFields
    }
  }
`);

export const REVIEW_APPRAISAL = graphql(`
  mutation ReviewAppraisal($id: ID!, $version: Int!, $input: ReviewAppraisalInput!) {
    reviewAppraisal(id: $id, version: $version, input: $input) {
      ...AppraisalFields
    }
  }
`);

export const SUBMIT_APPRAISAL = graphql(`
  mutation SubmitAppraisal($id: ID!, $version: Int!) {
    submitAppraisal(id: $id, version: $version) {
      ...AppraisalFields
    }
  }
`);

export const CONFIRM_APPRAISAL = graphql(`
  mutation ConfirmAppraisal($id: ID!, $version: Int!) {
    confirmAppraisal(id: $id, version: $version) {
      ...AppraisalFields
    }
  }
`);

export const RETURN_APPRAISAL = graphql(`
  mutation ReturnAppraisal($id: ID!, $version: Int!, $comment: String!) {
    returnAppraisal(id: $id, version: $version, comment: $comment) {
      ...AppraisalFields
    }
  }
`);

export const SCORECARDS = graphql(`
  query Scorecards {
    scorecards {
      id
      name
      role
      active
      missPeriods
      missThresholdPercent
      indicators {
        indicator
        weight
        capPercent
      }
    }
  }
`);

export const IMPROVEMENT_CANDIDATES = graphql(`
  query ImprovementCandidates($periodKind: PeriodKind, $periodStart: LocalDate!, $orgUnitId: ID) {
    improvementCandidates(periodKind: $periodKind, periodStart: $periodStart, orgUnitId: $orgUnitId) {
      user {
        id
        name
      }
      metric
      periodKind
      thresholdPercent
      missPeriods
      periods {
        periodStart
        target
        actual
        ratePercent
      }
      openPlan {
        id
      }
    }
  }
`);

export const IMPROVEMENT_PLAN_FIELDS = graphql(`
  fragment ImprovementPlanFields on ImprovementPlan {
    id
    version
    status
    reason
    goal
    outcome
    closingComment
    missedPeriodKind
    missedUntil
    doneActions
    user {
      id
    }
    openedBy {
      id
    }
    closedBy {
      id
    }
    actions {
      id
      position
      description
      dueOn
      doneOn
      result
    }
  }
`);

export const IMPROVEMENT_PLANS = graphql(`
  query ImprovementPlans($userId: ID, $status: ImprovementPlanStatus) {
    improvementPlans(userId: $userId, status: $status) {
      ...ImprovementPlanFields
    }
  }
`);

export const OPEN_IMPROVEMENT_PLAN = graphql(`
  mutation OpenImprovementPlan($input: OpenImprovementPlanInput!) {
    openImprovementPlan(input: $input) {
      ...ImprovementPlanFields
    }
  }
`);

export const UPDATE_IMPROVEMENT_ACTION = graphql(`
  mutation UpdateImprovementAction($id: ID!, $input: UpdateImprovementActionInput!) {
    updateImprovementAction(id: $id, input: $input) {
      id
      doneOn
      result
    }
  }
`);

export const CLOSE_IMPROVEMENT_PLAN = graphql(`
  mutation CloseImprovementPlan($id: ID!, $version: Int!, $outcome: ImprovementOutcome!, $comment: String!) {
    closeImprovementPlan(id: $id, version: $version, outcome: $outcome, comment: $comment) {
      ...ImprovementPlanFields
    }
  }
`);
