import { graphql } from '../gql';

/** Documents of the order-to-cash permission matrix (tests/permissions.orders.matrix.test.ts). */

export const ORDERS_MATRIX_CONTRACTS = graphql(`
  query OrdersMatrixContracts {
    contracts(first: 100) {
      totalCount
      nodes {
        id
        number
        status
        amount
        lines {
          quantity
          listPrice
          unitPrice
          lineTotal
          unitCost
          margin
        }
      }
    }
  }
`);

export const ORDERS_MATRIX_CONTRACTS_BY_AMOUNT = graphql(`
  query OrdersMatrixContractsByAmount {
    contracts(first: 100, orderBy: AMOUNT_DESC) {
      nodes {
        id
      }
    }
  }
`);

export const ORDERS_MATRIX_ORDERS = graphql(`
  query OrdersMatrixOrders {
    orders(first: 50) {
      totalCount
      nodes {
        id
        number
        status
        total
        creditHoldReason
        creditDecidedAt
        creditDecidedBy {
          id
        }
        creditComment
        lines {
          quantity
          listPrice
          discountPercent
          unitPrice
          lineTotal
          unitCost
          margin
        }
      }
    }
  }
`);

export const ORDERS_MATRIX_ORDERS_BY_TOTAL = graphql(`
  query OrdersMatrixOrdersByTotal {
    orders(first: 100, orderBy: TOTAL_DESC) {
      totalCount
      nodes {
        id
      }
    }
  }
`);

export const ORDERS_MATRIX_SHIPMENTS = graphql(`
  query OrdersMatrixShipments {
    shipments(first: 100) {
      totalCount
    }
  }
`);

export const ORDERS_MATRIX_INVOICES = graphql(`
  query OrdersMatrixInvoices {
    invoices(first: 100) {
      totalCount
    }
  }
`);

export const ORDERS_MATRIX_PAYMENTS = graphql(`
  query OrdersMatrixPayments {
    payments(first: 100) {
      totalCount
      nodes {
        id
        number
        status
        method
        reference
        payerAccount
      }
    }
  }
`);

export const ORDERS_MATRIX_CHANNEL_CONFLICTS = graphql(`
  query OrdersMatrixChannelConflicts {
    channelConflicts(first: 100) {
      totalCount
    }
  }
`);

export const ORDERS_MATRIX_SELL_THROUGH_REPORTS = graphql(`
  query OrdersMatrixSellThroughReports {
    sellThroughReports(first: 100) {
      totalCount
    }
  }
`);

export const ORDERS_MATRIX_RENEWALS_DUE = graphql(`
  query OrdersMatrixRenewalsDue {
    renewalsDue(first: 100) {
      totalCount
    }
  }
`);

export const ORDERS_MATRIX_BATCH_TRACE = graphql(`
  query OrdersMatrixBatchTrace($batchNumber: String!) {
    batchTrace(batchNumber: $batchNumber) {
      totalQuantity
      orders {
        id
      }
      customers {
        id
      }
    }
  }
`);

export const ORDERS_MATRIX_EVENTS = graphql(`
  query OrdersMatrixEvents($types: [String!]!, $after: String) {
    events(first: 200, after: $after, filter: { types: $types }) {
      nodes {
        type
        aggregateType
        payload
        hiddenFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ORDERS_MATRIX_RECEIVABLES_AGING = graphql(`
  query OrdersMatrixReceivablesAging {
    receivablesAging(groupBy: CUSTOMER) {
      grandTotal {
        days0To30
      }
    }
  }
`);

export const ORDERS_MATRIX_COLLECTION_PERFORMANCE = graphql(`
  query OrdersMatrixCollectionPerformance($from: LocalDate!, $to: LocalDate!) {
    collectionPerformance(from: $from, to: $to) {
      days
    }
  }
`);

// Mutations, called with ids that match nothing: a caller the rule lets through gets NOT_FOUND or BAD_USER_INPUT.

export const ORDERS_MATRIX_CREATE_CONTRACT = graphql(`
  mutation OrdersMatrixCreateContract($input: CreateContractInput!) {
    createContract(input: $input) {
      id
    }
  }
`);

export const ORDERS_MATRIX_UPDATE_CONTRACT = graphql(`
  mutation OrdersMatrixUpdateContract($id: ID!, $version: Int!, $input: UpdateContractInput!) {
    updateContract(id: $id, version: $version, input: $input) {
      id
    }
  }
`);

export const ORDERS_MATRIX_SUBMIT_CONTRACT = graphql(`
  mutation OrdersMatrixSubmitContract($id: ID!, $version: Int!) {
    submitContract(id: $id, version: $version) {
      id
    }
  }
`);

export const ORDERS_MATRIX_APPROVE_CONTRACT = graphql(`
  mutation OrdersMatrixApproveContract($id: ID!, $version: Int!) {
    approveContract(id: $id, version: $version) {
      id
    }
  }
`);

export const ORDERS_MATRIX_REJECT_CONTRACT = graphql(`
  mutation OrdersMatrixRejectContract($id: ID!, $version: Int!, $comment: String!) {
    rejectContract(id: $id, version: $version, comment: $comment) {
      id
    }
  }
`);

export const ORDERS_MATRIX_SIGN_CONTRACT = graphql(`
  mutation OrdersMatrixSignContract($id: ID!, $version: Int!) {
    signContract(id: $id, version: $version) {
      id
    }
  }
`);

export const ORDERS_MATRIX_TERMINATE_CONTRACT = graphql(`
  mutation OrdersMatrixTerminateContract($id: ID!, $version: Int!, $reason: String!) {
    terminateContract(id: $id, version: $version, reason: $reason) {
      id
    }
  }
`);

export const ORDERS_MATRIX_PLACE_ORDER = graphql(`
  mutation OrdersMatrixPlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      id
    }
  }
`);

export const ORDERS_MATRIX_RELEASE_CREDIT_HOLD = graphql(`
  mutation OrdersMatrixReleaseCreditHold($id: ID!, $version: Int!) {
    releaseCreditHold(id: $id, version: $version) {
      id
    }
  }
`);

export const ORDERS_MATRIX_REJECT_CREDIT_HOLD = graphql(`
  mutation OrdersMatrixRejectCreditHold($id: ID!, $version: Int!, $comment: String!) {
    rejectCreditHold(id: $id, version: $version, comment: $comment) {
      id
    }
  }
`);

export const ORDERS_MATRIX_CANCEL_ORDER = graphql(`
  mutation OrdersMatrixCancelOrder($id: ID!, $version: Int!, $reason: String!) {
    cancelOrder(id: $id, version: $version, reason: $reason) {
      id
    }
  }
`);

export const ORDERS_MATRIX_CREATE_SHIPMENT = graphql(`
  mutation OrdersMatrixCreateShipment($input: CreateShipmentInput!) {
    createShipment(input: $input) {
      id
    }
  }
`);

export const ORDERS_MATRIX_CONFIRM_DELIVERY = graphql(`
  mutation OrdersMatrixConfirmDelivery($id: ID!, $version: Int!, $deliveredOn: LocalDate!, $receivedBy: String!) {
    confirmDelivery(id: $id, version: $version, deliveredOn: $deliveredOn, receivedBy: $receivedBy) {
      id
    }
  }
`);

export const ORDERS_MATRIX_CREATE_INVOICE = graphql(`
  mutation OrdersMatrixCreateInvoice($input: CreateInvoiceInput!) {
    createInvoice(input: $input) {
      id
    }
  }
`);

export const ORDERS_MATRIX_RECORD_PAYMENT = graphql(`
  mutation OrdersMatrixRecordPayment($input: RecordPaymentInput!) {
    recordPayment(input: $input) {
      id
    }
  }
`);

export const ORDERS_MATRIX_ALLOCATE_PAYMENT = graphql(`
  mutation OrdersMatrixAllocatePayment($paymentId: ID!, $version: Int!, $allocations: [AllocationInput!]!) {
    allocatePayment(paymentId: $paymentId, version: $version, allocations: $allocations) {
      id
    }
  }
`);

export const ORDERS_MATRIX_SUBMIT_SELL_THROUGH_REPORT = graphql(`
  mutation OrdersMatrixSubmitSellThroughReport($input: SubmitSellThroughReportInput!) {
    submitSellThroughReport(input: $input) {
      id
    }
  }
`);

export const ORDERS_MATRIX_RESOLVE_CHANNEL_CONFLICT = graphql(`
  mutation OrdersMatrixResolveChannelConflict($id: ID!, $version: Int!, $status: ChannelConflictStatus!, $resolution: String!) {
    resolveChannelConflict(id: $id, version: $version, status: $status, resolution: $resolution) {
      id
    }
  }
`);
