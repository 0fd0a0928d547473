import { graphql } from '../gql';

/** Documents of the sales plan tests (tests/sales-plans.e2e.test.ts, tests/permissions.targets.matrix.test.ts). */

export const SALES_PLAN_FIELDS = graphql(`
  fragment SalesPlanFields on SalesPlan {
    id
    version
    periodKind
    periodStart
    periodEnd
    summary
    user {
      name
    }
    keyCustomers {
      id
    }
    expectedDeals {
      id
    }
    actions {
      id
      version
      title
      dueOn
      doneAt
      doneBy {
        name
      }
    }
    comments {
      body
      author {
        name
      }
    }
    progress {
      actionsDone
      actionsTotal
      metrics {
        metric
        target
        actual
        rate
      }
    }
  }
`);

export const CREATE_SALES_PLAN = graphql(`
  mutation CreateSalesPlan($input: CreateSalesPlanInput!) {
    createSalesPlan(input: $input) {
      ...SalesPlanFields
    }
  }
`);

export const UPDATE_SALES_PLAN = graphql(`
  mutation UpdateSalesPlan($id: ID!, $version: Int!, $input: UpdateSalesPlanInput!) {
    updateSalesPlan(id: $id, version: $version, input: $input) {
      ...SalesPlanFields
    }
  }
`);

export const ADD_PLAN_ACTION = graphql(`
  mutation AddPlanAction($planId: ID!, $input: PlanActionInput!) {
    addPlanAction(planId: $planId, input: $input) {
      id
      title
      dueOn
      doneAt
    }
  }
`);

export const COMPLETE_PLAN_ACTION = graphql(`
  mutation CompletePlanAction($id: ID!, $done: Boolean) {
    completePlanAction(id: $id, done: $done) {
      id
      doneAt
      doneBy {
        name
      }
    }
  }
`);

export const COMMENT_ON_SALES_PLAN = graphql(`
  mutation CommentOnSalesPlan($planId: ID!, $comment: String!) {
    commentOnSalesPlan(planId: $planId, comment: $comment) {
      body
      author {
        name
      }
    }
  }
`);

export const SALES_PLAN = graphql(`
  query SalesPlan($id: ID!) {
    salesPlan(id: $id) {
      ...SalesPlanFields
    }
  }
`);

export const SALES_PLANS = graphql(`
  query SalesPlans($filter: SalesPlanFilter) {
    salesPlans(first: 100, filter: $filter) {
      totalCount
      nodes {
        id
        user {
          name
        }
      }
    }
  }
`);
