import { graphql } from '../gql';

// The benchmark's queries (tests/bench/opportunities.bench.ts); the e2e tests count their statements too.

/** The east director's opportunities by amount with customer, owner and the current quote's lines. */
export const BENCH_OPPORTUNITIES = graphql(`
  query BenchOpportunities($first: Int!) {
    opportunities(first: $first, orderBy: AMOUNT_DESC) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        amount
        stage
        customer {
          name
          tier
        }
        owner {
          name
        }
        quoteLines {
          quantity
          product {
            name
          }
        }
      }
    }
  }
`);

/** The east director's newest orders with customer, owner, lines and their products, shipments and batches. */
export const BENCH_ORDERS = graphql(`
  query BenchOrders($first: Int!) {
    orders(first: $first) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        number
        status
        total
        createdAt
        customer {
          name
        }
        owner {
          name
        }
        lines {
          quantity
          unitPrice
          product {
            name
          }
        }
        shipments {
          shippedOn
          lines {
            batchNumber
          }
        }
      }
    }
  }
`);

/** Contracts ending soonest, with their lines' products and the approvers of their steps. */
export const BENCH_CONTRACTS = graphql(`
  query BenchContracts($first: Int!) {
    contracts(first: $first, orderBy: END_DATE_ASC) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        number
        status
        amount
        endDate
        lines {
          quantity
          product {
            name
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

/** Receivables aging, one row per group and the grand total. */
export const BENCH_RECEIVABLES_AGING = graphql(`
  query BenchReceivablesAging($groupBy: ReceivablesGroupBy!) {
    receivablesAging(groupBy: $groupBy) {
      asOf
      rows {
        groupId
        groupName
        days0To30
        days31To60
        days61To90
        over90
        total
        overdue
        invoiceCount
      }
      grandTotal {
        days0To30
        days31To60
        days61To90
        over90
        total
        overdue
        invoiceCount
      }
    }
  }
`);

/** Recall tracing: where a batch went, with the shipments, orders and customers. */
export const BENCH_BATCH_TRACE = graphql(`
  query BenchBatchTrace($batchNumber: String!) {
    batchTrace(batchNumber: $batchNumber) {
      batchNumber
      totalQuantity
      lines {
        quantity
        shipment {
          number
          shippedOn
        }
        product {
          name
        }
      }
      orders {
        number
        status
        customer {
          name
        }
      }
      customers {
        name
        tier
      }
    }
  }
`);

/** Booked sales of a unit's tree for a year against each level's own target: region → team → rep at depth 3. */
export const BENCH_ACHIEVEMENT = graphql(`
  query BenchAchievement($orgUnitId: ID!, $start: LocalDate!, $depth: Int!) {
    performanceBreakdown(orgUnitId: $orgUnitId, metric: BOOKED_SALES, period: { kind: YEAR, start: $start }, depth: $depth) {
      period {
        start
        end
      }
      rows {
        level
        name
        orgUnitId
        userId
        parentOrgUnitId
        actual
        target
        achievementRate
      }
    }
  }
`);

/** A unit's people ranked by achievement of booked sales for a year (the viewer's own unit without a scope). */
export const BENCH_LEADERBOARD = graphql(`
  query BenchLeaderboard($scope: ID, $start: LocalDate!) {
    leaderboard(metric: BOOKED_SALES, period: { kind: YEAR, start: $start }, scope: $scope) {
      orgUnitId
      entries {
        rank
        name
        userId
        unitId
        achievementRate
        actual
        target
      }
    }
  }
`);

/** The month's commission run for every rep of a unit's subtree (of the company without a unit), with each total. */
export const BENCH_COMMISSION_RUN = graphql(`
  mutation BenchCommissionRun($orgUnitId: ID, $period: LocalDate!) {
    runCommissions(orgUnitId: $orgUnitId, period: $period) {
      id
      revision
      status
      user {
        name
      }
      targetValue
      actualValue
      achievementPercent
      totalCommission
    }
  }
`);

export const BENCH_WHO_IS_LATE = graphql(`
  query BenchWhoIsLate($kind: WorkReportKind!, $from: LocalDate!, $to: LocalDate!, $orgUnitId: ID) {
    reportCompliance(kind: $kind, from: $from, to: $to, orgUnitId: $orgUnitId) {
      userId
      userName
      orgUnitId
      periodStart
      deadlineAt
      compliance
      reviewed
      reportId
      reportStatus
      submittedAt
    }
  }
`);

/** A month of claims of a region as its director reads it: budget usage per unit and category, and the cost analysis. */
export const BENCH_EXPENSE_MONTH = graphql(`
  query BenchExpenseMonth($budgetUnitId: ID, $unitId: ID, $month: LocalDate!, $from: LocalDate!, $to: LocalDate!) {
    expenseBudgetUsage(periodKind: MONTH, periodStart: $month, orgUnitId: $budgetUnitId) {
      orgUnitId
      categoryId
      budget
      spent
      pending
      remaining
    }
    expenseCostAnalysis(from: $from, to: $to, orgUnitId: $unitId) {
      level
      regionId
      teamId
      userId
      expenses
      bookedSales
      expenseRatioPercent
    }
  }
`);

/** The company funnel as the VP reads it: the open pipeline by stage, the year's cohort, outcomes, ageing and slips. */
export const BENCH_FUNNEL = graphql(`
  query BenchFunnel($from: LocalDate!, $to: LocalDate!, $orgUnitId: ID) {
    pipelineFunnel(from: $from, to: $to, orgUnitId: $orgUnitId) {
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
      }
      lost {
        count
        amount
        reasons {
          reason
          count
        }
      }
      ageingSinceCreation {
        fromDays
        count
        amount
      }
      slippage {
        overdueCount
        overdueAmount
        postponedCount
      }
    }
  }
`);

/** A unit's forecast roll-up against target and actual, month by month. */
export const BENCH_FORECAST_ROLLUP = graphql(`
  query BenchForecastRollup($orgUnitId: ID, $from: LocalDate!, $months: Int) {
    forecastRollup(orgUnitId: $orgUnitId, from: $from, months: $months) {
      orgUnitId
      rows {
        month
        target
        actual
        commit
        bestCase
        pipeline
        submittedCommit
        submitters
        adjustments
      }
    }
  }
`);
