import { graphql } from '../gql';

/** GraphQL documents of the achievement, KPI and ranking tests (typed by `npm run codegen`). */

export const PERFORMANCE = graphql(`
  query Performance($subject: PerformanceSubjectInput!, $period: PerformancePeriodInput!) {
    performance(subject: $subject, period: $period) {
      subject {
        userId
        orgUnitId
      }
      period {
        kind
        yearToDate
        start
        end
      }
      metrics {
        metric
        actual
        target
        achievementRate
      }
      productLines {
        productLineId
        productLineName
        actual
        target
        achievementRate
        actualShare
        targetShare
      }
      productLineBalance
      opportunitiesWon
      opportunitiesClosed
      conversionRate
      orderCount
      averageOrderValue
      keyCustomerVisits {
        tier
        visitsPerMonth
        customers
        visits
        expected
        rate
      }
      keyCustomerVisitRate
      invoiced
      collected
      openAtEnd
      collectionRate
      daysSalesOutstanding
      averageDaysToCollect
      surveyCount
      averageSatisfaction
      previousCustomers
      retainedCustomers
      retentionRate
      contractsEnding
      contractsRenewed
      renewalRate
    }
  }
`);

export const PERFORMANCE_BREAKDOWN = graphql(`
  query PerformanceBreakdown($orgUnitId: ID!, $period: PerformancePeriodInput!, $metric: TargetMetric!, $depth: Int) {
    performanceBreakdown(orgUnitId: $orgUnitId, period: $period, metric: $metric, depth: $depth) {
      metric
      period {
        kind
        start
        end
      }
      rows {
        orgUnitId
        userId
        name
        parentOrgUnitId
        level
        actual
        target
        achievementRate
      }
    }
  }
`);

export const PERFORMANCE_FACTS = graphql(`
  query PerformanceFacts($subject: PerformanceSubjectInput!, $period: PerformancePeriodInput!, $metric: TargetMetric!, $productLineId: ID, $first: Int, $after: String) {
    performanceFacts(subject: $subject, period: $period, metric: $metric, productLineId: $productLineId, first: $first, after: $after) {
      totalCount
      totalValue
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        metric
        kind
        occurredOn
        value
        userId
        customerId
        productLineId
        sourceId
        documentId
        orderId
        paymentId
        visitId
      }
    }
  }
`);

export const LEADERBOARD = graphql(`
  query Leaderboard($metric: TargetMetric!, $period: PerformancePeriodInput!, $scope: ID) {
    leaderboard(metric: $metric, period: $period, scope: $scope) {
      orgUnitId
      metric
      entries {
        rank
        userId
        name
        unitId
        achievementRate
      }
    }
  }
`);

export const LEADERBOARD_AMOUNTS = graphql(`
  query LeaderboardAmounts($metric: TargetMetric!, $period: PerformancePeriodInput!, $scope: ID) {
    leaderboard(metric: $metric, period: $period, scope: $scope) {
      entries {
        rank
        userId
        achievementRate
        actual
        target
      }
    }
  }
`);

export const CREATE_SALES_CONTEST = graphql(`
  mutation CreateSalesContest($input: CreateSalesContestInput!) {
    createSalesContest(input: $input) {
      id
      name
      metric
      periodKind
      periodStart
      orgUnitId
      version
    }
  }
`);

export const SALES_CONTESTS = graphql(`
  query SalesContests {
    salesContests {
      id
      name
      orgUnitId
      standings {
        rank
        userId
        achievementRate
        actual
      }
    }
  }
`);

export const SALES_CONTEST = graphql(`
  query SalesContest($id: ID!) {
    salesContest(id: $id) {
      id
      name
    }
  }
`);
