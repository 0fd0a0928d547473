import { graphql } from '../gql';

/** The GraphQL documents of the opportunity and lead tests (typed by `npm run codegen`). */

export const OPPORTUNITY_FIELDS = graphql(`
  fragment OpportunityFields on Opportunity {
    id
    version
    name
    stage
    amount
    currency
    probability
    expectedCloseDate
    nextStep
    lostReason
    closedAt
    createdAt
  }
`);

export const CREATE_OPPORTUNITY = graphql(`
  mutation CreateOpportunity($input: CreateOpportunityInput!) {
    createOpportunity(input: $input) {
      ...OpportunityFields
      customer {
        id
        name
      }
      owner {
        id
        name
      }
      productLines {
        id
        code
      }
      stageHistory {
        fromStage
        toStage
        reason
        changedAt
        changedBy {
          id
          name
        }
      }
    }
  }
`);

export const UPDATE_OPPORTUNITY = graphql(`
  mutation UpdateOpportunity($id: ID!, $version: Int!, $input: UpdateOpportunityInput!) {
    updateOpportunity(id: $id, version: $version, input: $input) {
      ...OpportunityFields
      owner {
        id
      }
      productLines {
        id
        code
      }
    }
  }
`);

export const MOVE_OPPORTUNITY_STAGE = graphql(`
  mutation MoveOpportunityStage($id: ID!, $version: Int!, $input: MoveOpportunityStageInput!) {
    moveOpportunityStage(id: $id, version: $version, input: $input) {
      ...OpportunityFields
      stageHistory {
        fromStage
        toStage
        reason
        changedAt
        changedBy {
          id
          name
        }
      }
    }
  }
`);

export const OPPORTUNITY = graphql(`
  query Opportunity($id: ID!) {
    opportunity(id: $id) {
      ...OpportunityFields
      customer {
        id
        name
      }
      owner {
        id
      }
      productLines {
        code
      }
      stageHistory {
        fromStage
        toStage
        reason
        changedAt
        changedBy {
          id
        }
      }
    }
  }
`);

export const OPPORTUNITY_AMOUNT = graphql(`
  query OpportunityAmount($id: ID!) {
    opportunity(id: $id) {
      id
      name
      amount
    }
  }
`);

export const OPPORTUNITY_HISTORY = graphql(`
  query OpportunityHistory($id: ID!) {
    opportunity(id: $id) {
      id
      stageHistory {
        toStage
      }
    }
  }
`);

export const OPPORTUNITIES = graphql(`
  query Opportunities($filter: OpportunityFilter, $first: Int!, $after: String, $orderBy: OpportunityOrder! = CREATED_AT_DESC) {
    opportunities(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        amount
        stage
        expectedCloseDate
        owner {
          id
        }
      }
    }
  }
`);

export const OPPORTUNITY_PAGE = graphql(`
  query OpportunityPage($filter: OpportunityFilter, $first: Int!, $after: String, $orderBy: OpportunityOrder! = CREATED_AT_DESC) {
    opportunities(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
          amount
        }
      }
    }
  }
`);

export const OPPORTUNITY_PAGE_COUNTED = graphql(`
  query OpportunityPageCounted($filter: OpportunityFilter, $first: Int!, $after: String, $orderBy: OpportunityOrder! = CREATED_AT_DESC) {
    opportunities(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
          amount
        }
      }
    }
  }
`);

export const OPPORTUNITY_LIST_WITH_RELATIONS = graphql(`
  query OpportunityListWithRelations($filter: OpportunityFilter, $first: Int!) {
    opportunities(filter: $filter, first: $first) {
      nodes {
        id
        name
        customer {
          name
          tier
        }
        owner {
          name
        }
      }
    }
  }
`);

export const OPPORTUNITY_LIST_WITH_LINES = graphql(`
  query OpportunityListWithLines($filter: OpportunityFilter, $first: Int!) {
    opportunities(filter: $filter, first: $first) {
      nodes {
        id
        productLines {
          code
        }
        stageHistory {
          toStage
          changedBy {
            name
          }
        }
      }
    }
  }
`);

export const LEAD_FIELDS = graphql(`
  fragment LeadFields on Lead {
    id
    version
    source
    status
    company
    contactName
    contactTitle
    phone
    email
    notes
    disqualifiedReason
    assignedAt
    createdAt
    region {
      id
      name
    }
    team {
      id
      name
    }
    owner {
      id
      name
    }
  }
`);

export const CREATE_LEAD = graphql(`
  mutation CreateLead($input: CreateLeadInput!) {
    createLead(input: $input) {
      ...LeadFields
    }
  }
`);

export const ASSIGN_LEAD = graphql(`
  mutation AssignLead($id: ID!, $version: Int!, $input: AssignLeadInput!) {
    assignLead(id: $id, version: $version, input: $input) {
      ...LeadFields
    }
  }
`);

export const UPDATE_LEAD_STATUS = graphql(`
  mutation UpdateLeadStatus($id: ID!, $version: Int!, $input: UpdateLeadStatusInput!) {
    updateLeadStatus(id: $id, version: $version, input: $input) {
      ...LeadFields
    }
  }
`);

export const CONVERT_LEAD = graphql(`
  mutation ConvertLead($id: ID!, $version: Int!, $input: ConvertLeadInput!) {
    convertLead(id: $id, version: $version, input: $input) {
      lead {
        ...LeadFields
        convertedCustomer {
          id
          name
        }
        convertedOpportunity {
          id
        }
      }
      customer {
        id
        code
        name
      }
      opportunity {
        id
        name
        stage
        amount
        probability
        owner {
          id
        }
        customer {
          id
        }
        stageHistory {
          fromStage
          toStage
        }
      }
    }
  }
`);

export const LEAD = graphql(`
  query Lead($id: ID!) {
    lead(id: $id) {
      ...LeadFields
      convertedCustomer {
        id
      }
      convertedOpportunity {
        id
      }
    }
  }
`);

export const LEADS = graphql(`
  query Leads($filter: LeadFilter, $first: Int!, $after: String) {
    leads(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        company
        status
        owner {
          id
        }
      }
    }
  }
`);

export const TEAM_REPS = graphql(`
  query TeamReps($unitId: ID!) {
    users(first: 50, filter: { unitId: $unitId, roles: [SALES_REP, KEY_ACCOUNT_MANAGER], status: ACTIVE }) {
      nodes {
        id
        name
      }
    }
  }
`);

export const LEAD_PAGE = graphql(`
  query LeadPage($filter: LeadFilter, $first: Int!, $after: String) {
    leads(filter: $filter, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        company
        createdAt
      }
    }
  }
`);
