import { graphql } from '../gql';

/** Every GraphQL document the API tests send, in one place (typed by `npm run codegen`). */

export const LOGIN = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken
      tokenType
      expiresAt
      user {
        id
        name
        role
      }
    }
  }
`);

export const ME = graphql(`
  query Me {
    me {
      id
      name
      englishName
      role
      status
      unit {
        id
        name
        kind
      }
    }
  }
`);

export const USER_PERSONAL_FIELDS = graphql(`
  query UserPersonalFields($id: ID!) {
    user(id: $id) {
      id
      name
      role
      email
      phone
      hireDate
    }
  }
`);

export const USERS = graphql(`
  query Users($filter: UserFilter, $first: Int!, $after: String, $orderBy: UserOrder! = NAME_ASC) {
    users(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
          role
        }
      }
    }
  }
`);

export const USERS_WITH_MANAGERS = graphql(`
  query UsersWithManagers($first: Int!) {
    users(first: $first) {
      nodes {
        id
        name
        manager {
          id
          name
        }
        unit {
          id
          name
        }
      }
    }
  }
`);

export const ORG_TREE = graphql(`
  query OrgTree {
    orgUnits {
      id
      name
      kind
      depth
      parent {
        id
      }
      head {
        id
        name
      }
      children {
        id
        name
      }
      members {
        id
        name
        unit {
          id
          name
        }
      }
    }
  }
`);

export const ORG_UNIT = graphql(`
  query OrgUnit($id: ID!) {
    orgUnit(id: $id) {
      id
      name
      kind
      head {
        name
      }
      children {
        id
        name
      }
      members {
        id
        name
        role
      }
    }
  }
`);

export const PARTNER_VIEW = graphql(`
  query PartnerView {
    me {
      id
      name
      role
      distributor {
        code
        name
      }
    }
    orgUnits {
      id
      name
      kind
    }
    users(first: 100) {
      totalCount
      nodes {
        id
        name
        role
      }
    }
  }
`);

export const CREATE_API_KEY = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      key
      apiKey {
        id
        name
        prefix
        scopes
        active
        expiresAt
        user {
          id
          name
        }
      }
    }
  }
`);

export const API_KEYS = graphql(`
  query ApiKeys($userId: ID) {
    apiKeys(userId: $userId) {
      id
      name
      prefix
      scopes
      active
      revokedAt
      lastUsedAt
      user {
        id
      }
    }
  }
`);

export const REVOKE_API_KEY = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      active
      revokedAt
    }
  }
`);
