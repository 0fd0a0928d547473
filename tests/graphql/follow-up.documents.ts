import { graphql } from '../gql';

/** GraphQL documents of follow-up logs, visit plans, check-ins and tier norms (typed by `npm run codegen`). */

export const LOG_FOLLOW_UP = graphql(`
  mutation LogFollowUp($input: LogFollowUpInput!) {
    logFollowUp(input: $input) {
      id
      kind
      summary
      occurredAt
      nextStep
      nextStepDate
      author {
        name
      }
      contact {
        name
      }
      visit {
        id
      }
      opportunity {
        id
        nextStep
        nextStepDate
      }
    }
  }
`);

export const OPPORTUNITY_FOLLOW_UPS = graphql(`
  query OpportunityFollowUps($id: ID!, $first: Int) {
    opportunity(id: $id) {
      id
      nextStep
      nextStepDate
      followUps(first: $first) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          kind
          summary
          nextStep
          nextStepDate
        }
      }
    }
  }
`);

export const FOLLOW_UPS = graphql(`
  query FollowUps($opportunityId: ID!, $first: Int, $after: String) {
    followUps(opportunityId: $opportunityId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        summary
      }
    }
  }
`);

export const OPPORTUNITIES_WITH_FOLLOW_UPS = graphql(`
  query OpportunitiesWithFollowUps($first: Int) {
    opportunities(first: $first) {
      nodes {
        id
        name
        nextStepDate
        followUps(first: 3) {
          totalCount
          nodes {
            summary
            author {
              name
            }
          }
        }
      }
    }
  }
`);

export const CREATE_VISIT_PLAN = graphql(`
  mutation CreateVisitPlan($input: CreateVisitPlanInput!) {
    createVisitPlan(input: $input) {
      id
      version
      status
      plannedAt
      purpose
      recurrenceEvery
      recurrenceUnit
      plannedBy {
        name
      }
      customer {
        name
      }
    }
  }
`);

export const CANCEL_VISIT_PLAN = graphql(`
  mutation CancelVisitPlan($id: ID!, $version: Int!, $reason: String!) {
    cancelVisitPlan(id: $id, version: $version, reason: $reason) {
      id
      status
      cancelReason
      closedAt
    }
  }
`);

export const COMPLETE_VISIT_PLAN = graphql(`
  mutation CompleteVisitPlan($id: ID!, $version: Int!, $input: CompleteVisitPlanInput!) {
    completeVisitPlan(id: $id, version: $version, input: $input) {
      id
      status
      closedAt
      visit {
        id
        visitedOn
        purpose
        outcome
        plan {
          id
        }
        checkIn {
          distanceMetres
          far
          latitude
          longitude
          accuracyMetres
        }
      }
      nextPlan {
        id
        status
        plannedAt
        recurrenceEvery
        recurrenceUnit
        previousPlan {
          id
        }
      }
    }
  }
`);

export const VISIT_PLANS = graphql(`
  query VisitPlans($first: Int, $filter: VisitPlanFilter) {
    visitPlans(first: $first, filter: $filter) {
      totalCount
      nodes {
        id
        status
        plannedAt
        purpose
        cancelReason
        recurrenceEvery
        recurrenceUnit
        customer {
          name
        }
        plannedBy {
          name
        }
        visit {
          visitedOn
        }
        nextPlan {
          id
        }
      }
    }
  }
`);

export const VISIT_PLAN = graphql(`
  query VisitPlan($id: ID!) {
    visitPlan(id: $id) {
      id
      version
      status
    }
  }
`);

export const CHECK_IN_VISIT = graphql(`
  mutation CheckInVisit($visitId: ID!, $input: CheckInInput!) {
    checkInVisit(visitId: $visitId, input: $input) {
      id
      checkIn {
        checkedInAt
        latitude
        longitude
        accuracyMetres
        distanceMetres
        farThresholdMetres
        far
        checkedInBy {
          name
        }
      }
    }
  }
`);

export const VISITS_WITH_CHECK_INS = graphql(`
  query VisitsWithCheckIns($first: Int, $filter: VisitFilter) {
    visits(first: $first, filter: $filter) {
      nodes {
        id
        visitedOn
        customer {
          name
        }
        visitedBy {
          name
        }
        plan {
          id
          status
        }
        checkIn {
          latitude
          longitude
          accuracyMetres
          distanceMetres
          far
        }
      }
    }
  }
`);

export const CUSTOMERS_FOLLOW_UP_STATUS = graphql(`
  query CustomersFollowUpStatus($first: Int, $filter: CustomerFilter) {
    customers(first: $first, orderBy: NAME_ASC, filter: $filter) {
      nodes {
        id
        name
        latitude
        longitude
        followUpStatus {
          tier
          hasNorm
          serviceMode
          maxDaysBetweenContacts
          lastVisitOn
          lastContactOn
          nextContactDueOn
          overdue
          daysOverdue
        }
      }
    }
  }
`);

export const SET_CUSTOMER_COORDINATES = graphql(`
  mutation SetCustomerCoordinates($id: ID!, $version: Int!, $input: UpdateCustomerInput!) {
    updateCustomer(id: $id, version: $version, input: $input) {
      id
      version
      latitude
      longitude
    }
  }
`);
