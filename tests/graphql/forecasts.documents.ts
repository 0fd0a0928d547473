import { graphql } from '../gql';

/** Documents of the funnel and forecast tests (tests/funnel*.test.ts, tests/forecasts*.test.ts, tests/permissions.forecast*.test.ts). */
export const PIPELINE_FUNNEL = graphql(`
  query PipelineFunnel($from: LocalDate!, $to: LocalDate!, $orgUnitId: ID, $ownerId: ID) {
    pipelineFunnel(from: $from, to: $to, orgUnitId: $orgUnitId, ownerId: $ownerId) {
      from
      to
      cohortSize
      stages {
        stage
        count
        amount
        weightedAmount
        reached
        conversionRate
        averageDaysInStage
      }
      won {
        count
        amount
        reasons {
          reason
          count
          amount
        }
      }
      lost {
        count
        amount
        reasons {
          reason
          count
          amount
        }
      }
      ageingSinceStageMove {
        fromDays
        toDays
        count
        amount
      }
      ageingSinceCreation {
        fromDays
        toDays
        count
        amount
      }
      slippage {
        overdueCount
        overdueAmount
        postponedCount
        postponedAmount
        averageDaysPostponed
      }
    }
  }
`);

export const FORECAST_ROLLUP = graphql(`
  query ForecastRollup($orgUnitId: ID, $userId: ID, $from: LocalDate!, $months: Int) {
    forecastRollup(orgUnitId: $orgUnitId, userId: $userId, from: $from, months: $months) {
      orgUnitId
      orgUnitName
      userId
      userName
      rows {
        month
        asOfMonth
        target
        actual
        commit
        bestCase
        pipeline
        submittedCommit
        submittedBestCase
        submittedPipeline
        submitters
        adjustments
        adjustment {
          id
          periodMonth
          adjustedById
          adjustedByName
          reason
        }
      }
    }
  }
`);

export const FORECAST_ACCURACY = graphql(`
  query ForecastAccuracy($orgUnitId: ID, $userId: ID, $from: LocalDate!, $to: LocalDate!, $horizon: Int, $category: ForecastCategory) {
    forecastAccuracy(orgUnitId: $orgUnitId, userId: $userId, from: $from, to: $to, horizon: $horizon, category: $category) {
      from
      to
      horizon
      category
      rows {
        orgUnitId
        userId
        name
        months
        forecast
        actual
        meanAbsolutePercentageError
        bias
      }
    }
  }
`);

export const PROPOSE_FORECAST = graphql(`
  query ProposeForecast($months: Int, $userId: ID) {
    proposeForecast(months: $months, userId: $userId) {
      month
      commit
      bestCase
      pipeline
      openDeals
    }
  }
`);

export const FORECAST_SUBMISSION_PARTS = graphql(`
  fragment ForecastSubmissionParts on ForecastSubmission {
    id
    version
    periodMonth
    note
    user {
      id
    }
    lines {
      month
      commit
      bestCase
      pipeline
      proposedCommit
      proposedBestCase
      proposedPipeline
    }
  }
`);

export const FORECAST_SUBMISSION = graphql(`
  query ForecastSubmission($userId: ID, $periodMonth: LocalDate) {
    forecastSubmission(userId: $userId, periodMonth: $periodMonth) {
      ...ForecastSubmissionParts
    }
  }
`);

export const SUBMIT_FORECAST = graphql(`
  mutation SubmitForecast($input: SubmitForecastInput!) {
    submitForecast(input: $input) {
      ...ForecastSubmissionParts
    }
  }
`);

export const FORECAST_ADJUSTMENT_PARTS = graphql(`
  fragment ForecastAdjustmentParts on ForecastAdjustment {
    id
    version
    periodMonth
    month
    commit
    bestCase
    pipeline
    submittedCommit
    submittedBestCase
    submittedPipeline
    reason
    orgUnit {
      id
    }
    adjustedBy {
      id
    }
  }
`);

export const ADJUST_FORECAST = graphql(`
  mutation AdjustForecast($input: AdjustForecastInput!) {
    adjustForecast(input: $input) {
      ...ForecastAdjustmentParts
    }
  }
`);

export const FORECAST_ADJUSTMENTS = graphql(`
  query ForecastAdjustments($orgUnitId: ID, $periodMonth: LocalDate) {
    forecastAdjustments(orgUnitId: $orgUnitId, periodMonth: $periodMonth) {
      ...ForecastAdjustmentParts
    }
  }
`);

/** Every deal a viewer may read, row by row, with the amount when readable: what the aggregate leak test sums itself. */
export const FUNNEL_LEAK_OPPORTUNITIES = graphql(`
  query FunnelLeakOpportunities($after: String) {
    opportunities(first: 100, after: $after, orderBy: CREATED_AT_DESC) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        amount
      }
    }
  }
`);

export const FORECAST_LEAK_PERFORMANCE = graphql(`
  query ForecastLeakPerformance($subject: PerformanceSubjectInput!, $period: PerformancePeriodInput!) {
    performance(subject: $subject, period: $period) {
      metrics {
        metric
        actual
        target
      }
    }
  }
`);

export const FORECAST_MATRIX_SUBMISSION = graphql(`
  query ForecastMatrixSubmission($userId: ID, $periodMonth: LocalDate) {
    forecastSubmission(userId: $userId, periodMonth: $periodMonth) {
      id
      lines {
        month
        commit
      }
    }
  }
`);
