import { graphql } from '../gql';

/** Every GraphQL document the API tests send, in one place (typed by `npm run codegen`). */

export const LOGIN = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken
      tokenType
      expiresAt
      refreshToken
      refreshTokenExpiresAt
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

export const PRODUCT_LINES = graphql(`
  query ProductLines {
    productLines {
      id
      code
      name
    }
  }
`);

export const PRODUCTS = graphql(`
  query Products($filter: ProductFilter, $first: Int!, $after: String, $orderBy: ProductOrder! = NAME_ASC) {
    products(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        sku
        name
        unit
        status
        productLine {
          code
        }
      }
    }
  }
`);

export const PRODUCT_COST = graphql(`
  query ProductCost($id: ID!) {
    product(id: $id) {
      id
      sku
      unitCost
    }
  }
`);

export const PRICE_LISTS = graphql(`
  query PriceLists($filter: PriceListFilter) {
    priceLists(filter: $filter) {
      id
      name
      channel
      currency
      validFrom
      validTo
      active
      region {
        id
        name
      }
    }
  }
`);

export const PRICE_LIST_ENTRIES = graphql(`
  query PriceListEntries($id: ID!, $first: Int!, $after: String) {
    priceList(id: $id) {
      id
      name
      entries(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          listPrice
          floorPrice
          quantityBreaks {
            minQuantity
            unitPrice
          }
          product {
            sku
            name
          }
        }
      }
    }
  }
`);

export const APPROVAL_LIMITS = graphql(`
  query ApprovalLimits {
    approvalLimits {
      role
      maxDiscountPercent
      maxContractAmount
      maxExpenseAmount
      currency
    }
  }
`);

export const COMMISSION_PLANS = graphql(`
  query CommissionPlans {
    commissionPlans {
      name
      validFrom
      validTo
      tiers {
        achievementFrom
        achievementTo
        ratePercent
      }
    }
  }
`);

export const DISTRIBUTOR_CREDIT = graphql(`
  query DistributorCredit($id: ID!) {
    user(id: $id) {
      distributor {
        code
        contractStart
        contractEnd
        creditLimit
      }
    }
  }
`);

export const CREATE_PRODUCT = graphql(`
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      id
      sku
      name
      unitCost
      version
      productLine {
        code
      }
    }
  }
`);

export const UPDATE_PRODUCT = graphql(`
  mutation UpdateProduct($id: ID!, $version: Int!, $input: UpdateProductInput!) {
    updateProduct(id: $id, version: $version, input: $input) {
      id
      name
      status
      version
    }
  }
`);

export const CREATE_PRICE_LIST = graphql(`
  mutation CreatePriceList($input: CreatePriceListInput!) {
    createPriceList(input: $input) {
      id
      name
      channel
      validFrom
      validTo
    }
  }
`);

export const SET_PRICE_LIST_ENTRY = graphql(`
  mutation SetPriceListEntry($input: SetPriceListEntryInput!) {
    setPriceListEntry(input: $input) {
      id
      listPrice
      floorPrice
      quantityBreaks {
        minQuantity
        unitPrice
      }
    }
  }
`);
