import { graphql } from '../gql';

/** Documents of the expense tests (tests/expenses*.test.ts, tests/permissions.expenses.matrix.test.ts). */
export const EXPENSE_CATEGORIES = graphql(`
  query ExpenseCategories {
    expenseCategories {
      id
      code
      name
      nameEn
    }
  }
`);

export const SET_EXPENSE_BUDGET = graphql(`
  mutation SetExpenseBudget($input: SetExpenseBudgetInput!, $version: Int) {
    setExpenseBudget(input: $input, version: $version) {
      id
      version
      periodKind
      periodStart
      periodEnd
      orgUnit {
        id
      }
      lines {
        amount
        category {
          code
        }
      }
    }
  }
`);

export const EXPENSE_BUDGETS = graphql(`
  query ExpenseBudgets($filter: ExpenseBudgetFilter) {
    expenseBudgets(filter: $filter, first: 100) {
      nodes {
        id
        periodKind
        periodStart
        orgUnit {
          id
        }
      }
    }
  }
`);

export const EXPENSE_CLAIM_PARTS = graphql(`
  fragment ExpenseClaimParts on ExpenseClaim {
    id
    number
    version
    status
    title
    currency
    totalAmount
    overBudget
    approvalRound
    returnReason
    paidOn
    paymentReference
    claimant {
      id
    }
    lines {
      id
      position
      spentOn
      amount
      originalAmount
      correctionReason
      budgetRemaining
      description
      receiptSha256
      category {
        code
      }
      correctedBy {
        id
      }
    }
    approvalSteps {
      round
      position
      status
      forBudget
      approverRole
      approver {
        id
      }
    }
    currentStep {
      approver {
        id
      }
    }
  }
`);

export const CREATE_EXPENSE_CLAIM = graphql(`
  mutation CreateExpenseClaim($input: CreateExpenseClaimInput!) {
    createExpenseClaim(input: $input) {
      ...ExpenseClaimParts
    }
  }
`);

export const UPDATE_EXPENSE_CLAIM = graphql(`
  mutation UpdateExpenseClaim($id: ID!, $version: Int!, $input: UpdateExpenseClaimInput!) {
    updateExpenseClaim(id: $id, version: $version, input: $input) {
      ...ExpenseClaimParts
    }
  }
`);

export const SUBMIT_EXPENSE_CLAIM = graphql(`
  mutation SubmitExpenseClaim($id: ID!, $version: Int!) {
    submitExpenseClaim(id: $id, version: $version) {
      ...ExpenseClaimParts
    }
  }
`);

export const APPROVE_EXPENSE_CLAIM = graphql(`
  mutation ApproveExpenseClaim($id: ID!, $version: Int!, $comment: String) {
    approveExpenseClaim(id: $id, version: $version, comment: $comment) {
      ...ExpenseClaimParts
    }
  }
`);

export const RETURN_EXPENSE_CLAIM = graphql(`
  mutation ReturnExpenseClaim($id: ID!, $version: Int!, $reason: String!) {
    returnExpenseClaim(id: $id, version: $version, reason: $reason) {
      ...ExpenseClaimParts
    }
  }
`);

export const REJECT_EXPENSE_CLAIM = graphql(`
  mutation RejectExpenseClaim($id: ID!, $version: Int!, $reason: String!) {
    rejectExpenseClaim(id: $id, version: $version, reason: $reason) {
      ...ExpenseClaimParts
    }
  }
`);

export const AUDIT_RETURN_EXPENSE_CLAIM = graphql(`
  mutation AuditReturnExpenseClaim($id: ID!, $version: Int!, $reason: String!) {
    auditReturnExpenseClaim(id: $id, version: $version, reason: $reason) {
      ...ExpenseClaimParts
    }
  }
`);

export const CORRECT_EXPENSE_CLAIM_LINE = graphql(`
  mutation CorrectExpenseClaimLine($id: ID!, $version: Int!, $correction: ExpenseCorrectionInput!) {
    correctExpenseClaimLine(id: $id, version: $version, correction: $correction) {
      ...ExpenseClaimParts
    }
  }
`);

export const MARK_EXPENSE_CLAIM_PAID = graphql(`
  mutation MarkExpenseClaimPaid($id: ID!, $version: Int!, $payment: ExpensePaymentInput!) {
    markExpenseClaimPaid(id: $id, version: $version, payment: $payment) {
      ...ExpenseClaimParts
    }
  }
`);

export const EXPENSE_CLAIM = graphql(`
  query ExpenseClaim($id: ID!) {
    expenseClaim(id: $id) {
      ...ExpenseClaimParts
    }
  }
`);

export const EXPENSE_CLAIMS = graphql(`
  query ExpenseClaims($filter: ExpenseClaimFilter, $first: Int) {
    expenseClaims(filter: $filter, first: $first) {
      totalCount
      nodes {
        id
        number
        status
        totalAmount
        claimant {
          id
        }
      }
    }
  }
`);

export const EXPENSE_BUDGET_USAGE = graphql(`
  query ExpenseBudgetUsage($periodKind: PeriodKind!, $periodStart: LocalDate!, $orgUnitId: ID) {
    expenseBudgetUsage(periodKind: $periodKind, periodStart: $periodStart, orgUnitId: $orgUnitId) {
      orgUnitId
      categoryId
      budget
      spent
      pending
      remaining
    }
  }
`);

export const EXPENSE_COST_ANALYSIS = graphql(`
  query ExpenseCostAnalysis($from: LocalDate!, $to: LocalDate!, $orgUnitId: ID) {
    expenseCostAnalysis(from: $from, to: $to, orgUnitId: $orgUnitId) {
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

export const EXPENSE_CLAIMS_MATRIX = graphql(`
  query ExpenseClaimsMatrix($first: Int, $after: String) {
    expenseClaims(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        status
        totalAmount
        lines {
          amount
          budgetRemaining
          originalAmount
        }
      }
    }
  }
`);

export const EXPENSE_BUDGETS_COUNT = graphql(`
  query ExpenseBudgetsCount {
    expenseBudgets(first: 100) {
      totalCount
    }
  }
`);
