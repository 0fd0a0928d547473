import { graphql } from '../gql';

/** Documents of the deal event tests. */
export const EVENTS = graphql(`
  query Events($first: Int, $after: String, $filter: EventFilter) {
    events(first: $first, after: $after, filter: $filter) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        cursor
        type
        aggregateType
        aggregateId
        aggregateVersion
        occurredAt
        payload
        hiddenFields
        actor {
          name
        }
      }
    }
  }
`);

export const DEAL_CHANGED = graphql(`
  subscription DealChanged($filter: DealChangedFilter) {
    dealChanged(filter: $filter) {
      id
      type
      aggregateType
      aggregateId
      payload
      hiddenFields
      actor {
        name
      }
    }
  }
`);

export const APPROVAL_REQUESTED = graphql(`
  subscription ApprovalRequested {
    approvalRequested {
      id
      type
      aggregateId
      payload
    }
  }
`);
