import { graphql } from '../gql';

/** GraphQL documents of the order and shipment tests (typed by `npm run codegen`). */

export const ORDER_FIELDS = graphql(`
  fragment OrderFields on Order {
    id
    number
    version
    status
    total
    currency
    requestedDeliveryDate
    deliveryAddress
    cancelledAt
    cancelReason
    createdAt
    customer {
      id
    }
    owner {
      id
    }
    placedBy {
      id
    }
    contract {
      id
    }
    distributor {
      id
    }
    priceList {
      id
    }
    deliveryRegion {
      id
    }
    lines {
      id
      position
      quantity
      listPrice
      discountPercent
      unitPrice
      lineTotal
      shippedQuantity
      invoicedQuantity
      product {
        id
        sku
      }
      contractLine {
        id
      }
    }
  }
`);

export const PLACE_ORDER = graphql(`
  mutation PlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      ...OrderFields
    }
  }
`);

export const ORDER = graphql(`
  query Order($id: ID!) {
    order(id: $id) {
      ...OrderFields
    }
  }
`);

export const ORDER_CREDIT = graphql(`
  query OrderCredit($id: ID!) {
    order(id: $id) {
      id
      status
      creditHoldReason
      creditDecidedAt
      creditComment
      creditDecidedBy {
        id
      }
    }
  }
`);

export const ORDER_COSTS = graphql(`
  query OrderCosts($id: ID!) {
    order(id: $id) {
      id
      lines {
        unitCost
        margin
      }
    }
  }
`);

export const ORDERS = graphql(`
  query Orders($filter: OrderFilter, $orderBy: OrderOrder, $first: Int, $after: String) {
    orders(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        number
        status
        total
        distributor {
          id
        }
      }
    }
  }
`);

export const ORDERS_WITH_SHIPMENTS = graphql(`
  query OrdersWithShipments($first: Int) {
    orders(first: $first) {
      nodes {
        id
        lines {
          quantity
          product {
            sku
          }
        }
        shipments {
          number
          lines {
            quantity
            batchNumber
          }
        }
        customer {
          name
        }
        owner {
          name
        }
      }
    }
  }
`);

export const RELEASE_CREDIT_HOLD = graphql(`
  mutation ReleaseCreditHold($id: ID!, $version: Int!, $comment: String) {
    releaseCreditHold(id: $id, version: $version, comment: $comment) {
      id
      version
      status
      creditDecidedAt
      creditComment
      creditDecidedBy {
        id
      }
    }
  }
`);

export const REJECT_CREDIT_HOLD = graphql(`
  mutation RejectCreditHold($id: ID!, $version: Int!, $comment: String!) {
    rejectCreditHold(id: $id, version: $version, comment: $comment) {
      id
      version
      status
      cancelledAt
      cancelReason
      creditComment
      creditDecidedBy {
        id
      }
    }
  }
`);

export const CANCEL_ORDER = graphql(`
  mutation CancelOrder($id: ID!, $version: Int!, $reason: String!) {
    cancelOrder(id: $id, version: $version, reason: $reason) {
      id
      version
      status
      cancelledAt
      cancelReason
    }
  }
`);

export const SHIPMENT_FIELDS = graphql(`
  fragment ShipmentFields on Shipment {
    id
    number
    version
    status
    shippedOn
    carrier
    trackingNumber
    deliveryAddress
    deliveredOn
    receivedBy
    deliveryRegion {
      id
    }
    createdBy {
      id
    }
    order {
      id
      status
      version
      lines {
        id
        quantity
        shippedQuantity
      }
    }
    lines {
      quantity
      batchNumber
      orderLine {
        id
      }
      product {
        id
      }
    }
  }
`);

export const CREATE_SHIPMENT = graphql(`
  mutation CreateShipment($input: CreateShipmentInput!) {
    createShipment(input: $input) {
      ...ShipmentFields
    }
  }
`);

export const CONFIRM_DELIVERY = graphql(`
  mutation ConfirmDelivery($id: ID!, $version: Int!, $deliveredOn: LocalDate!, $receivedBy: String!) {
    confirmDelivery(id: $id, version: $version, deliveredOn: $deliveredOn, receivedBy: $receivedBy) {
      id
      version
      status
      deliveredOn
      receivedBy
    }
  }
`);

export const SHIPMENT = graphql(`
  query Shipment($id: ID!) {
    shipment(id: $id) {
      ...ShipmentFields
    }
  }
`);

export const SHIPMENTS = graphql(`
  query Shipments($filter: ShipmentFilter, $first: Int) {
    shipments(filter: $filter, first: $first) {
      totalCount
      nodes {
        id
        number
        status
      }
    }
  }
`);

export const BATCH_TRACE = graphql(`
  query BatchTrace($batchNumber: String!) {
    batchTrace(batchNumber: $batchNumber) {
      batchNumber
      totalQuantity
      lines {
        quantity
        batchNumber
        product {
          sku
        }
        shipment {
          id
          number
        }
        order {
          id
        }
        customer {
          id
        }
      }
      orders {
        id
        number
      }
      customers {
        id
        name
      }
    }
  }
`);
