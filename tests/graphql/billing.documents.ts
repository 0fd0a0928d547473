import { graphql } from '../gql';

/** GraphQL documents of the invoice, payment and receivables tests (typed by `npm run codegen`). */

export const INVOICE_FIELDS = graphql(`
  fragment InvoiceFields on Invoice {
    id
    number
    version
    status
    issueDate
    dueDate
    amount
    paidAmount
    openAmount
    currency
    daysOverdue
    order {
      id
      number
      status
    }
    customer {
      id
      name
    }
    owner {
      id
    }
    createdBy {
      id
    }
    lines {
      quantity
      unitPrice
      lineTotal
      product {
        id
      }
      orderLine {
        id
        position
        shippedQuantity
        invoicedQuantity
      }
    }
  }
`);

export const CREATE_INVOICE = graphql(`
  mutation CreateInvoice($input: CreateInvoiceInput!) {
    createInvoice(input: $input) {
      ...InvoiceFields
    }
  }
`);

export const INVOICE = graphql(`
  query Invoice($id: ID!) {
    invoice(id: $id) {
      ...InvoiceFields
      allocations {
        id
        amount
        payment {
          id
        }
      }
    }
  }
`);

export const INVOICES = graphql(`
  query Invoices($filter: InvoiceFilter, $orderBy: InvoiceOrder, $first: Int, $after: String) {
    invoices(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        number
        status
        issueDate
        dueDate
        openAmount
        daysOverdue
      }
    }
  }
`);

/** A page of invoices with every nested field, for counting statements. */
export const INVOICE_PAGE = graphql(`
  query InvoicePage($filter: InvoiceFilter, $first: Int) {
    invoices(filter: $filter, orderBy: DUE_DATE_ASC, first: $first) {
      nodes {
        id
        daysOverdue
        order {
          id
        }
        customer {
          id
        }
        owner {
          id
        }
        createdBy {
          id
        }
        lines {
          quantity
          product {
            id
          }
          orderLine {
            id
          }
        }
        allocations {
          amount
          allocatedBy {
            id
          }
          payment {
            id
          }
        }
      }
    }
  }
`);

export const ORDER_INVOICES = graphql(`
  query OrderInvoicesOfInvoice($id: ID!) {
    invoice(id: $id) {
      id
      order {
        id
        invoices {
          id
          number
        }
      }
    }
  }
`);

export const PAYMENT_FIELDS = graphql(`
  fragment PaymentFields on Payment {
    id
    number
    version
    status
    amount
    allocatedAmount
    unallocatedAmount
    receivedOn
    note
    customer {
      id
    }
    owner {
      id
    }
    recordedBy {
      id
    }
    allocations {
      amount
      invoice {
        id
        status
        paidAmount
      }
      allocatedBy {
        id
      }
    }
  }
`);

export const RECORD_PAYMENT = graphql(`
  mutation RecordPayment($input: RecordPaymentInput!) {
    recordPayment(input: $input) {
      ...PaymentFields
    }
  }
`);

export const ALLOCATE_PAYMENT = graphql(`
  mutation AllocatePayment($paymentId: ID!, $version: Int!, $allocations: [AllocationInput!]!) {
    allocatePayment(paymentId: $paymentId, version: $version, allocations: $allocations) {
      ...PaymentFields
    }
  }
`);

export const PAYMENT = graphql(`
  query Payment($id: ID!) {
    payment(id: $id) {
      ...PaymentFields
    }
  }
`);

export const PAYMENT_DETAILS = graphql(`
  query PaymentDetails($id: ID!) {
    payment(id: $id) {
      id
      amount
      method
      reference
      payerAccount
    }
  }
`);

export const PAYMENTS = graphql(`
  query Payments($filter: PaymentFilter, $first: Int, $after: String) {
    payments(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        number
        status
        receivedOn
        amount
      }
    }
  }
`);

export const RECEIVABLES_AGING = graphql(`
  query ReceivablesAging($groupBy: ReceivablesGroupBy!, $asOf: LocalDate) {
    receivablesAging(groupBy: $groupBy, asOf: $asOf) {
      groupBy
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
    }
  }
`);

export const COLLECTION_PERFORMANCE = graphql(`
  query CollectionPerformance($from: LocalDate!, $to: LocalDate!) {
    collectionPerformance(from: $from, to: $to) {
      from
      to
      days
      rows {
        ownerId
        ownerName
        invoiced
        collected
        openAtEnd
        daysSalesOutstanding
        averageDaysToCollect
      }
      total {
        ownerId
        invoiced
        collected
        openAtEnd
        daysSalesOutstanding
        averageDaysToCollect
      }
    }
  }
`);
