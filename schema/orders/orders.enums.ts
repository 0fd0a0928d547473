import { registerEnumType } from 'type-graphql';

/** A contract's life (合同): drafted, approved by amount up the chain, signed, in force, then expired or terminated. */
export enum ContractStatus {
  DRAFT = 'DRAFT',
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  APPROVED = 'APPROVED',
  SIGNED = 'SIGNED',
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  TERMINATED = 'TERMINATED',
}

/** Contracts orders may be placed against: signed and not yet over. */
export const ORDERABLE_CONTRACT_STATUSES: readonly ContractStatus[] = [ContractStatus.SIGNED, ContractStatus.ACTIVE];

/** Contracts due for renewal as their end date nears (`renewalsDue`, `contract.renewalDue`): signed and not yet over. */
export const RENEWABLE_CONTRACT_STATUSES: readonly ContractStatus[] = [ContractStatus.SIGNED, ContractStatus.ACTIVE];

/** One step of a contract's approval chain. Steps after the current one wait; a rejection cancels the rest. */
export enum ApprovalStepStatus {
  WAITING = 'WAITING',
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
}

/**
 * A sales order (订单). CONFIRMED once its credit check passes (or finance releases the hold); shipped in one or
 * more shipments; INVOICED when every unit is shipped and invoiced.
 */
export enum OrderStatus {
  CREDIT_HOLD = 'CREDIT_HOLD',
  CONFIRMED = 'CONFIRMED',
  PARTIALLY_SHIPPED = 'PARTIALLY_SHIPPED',
  SHIPPED = 'SHIPPED',
  INVOICED = 'INVOICED',
  CANCELLED = 'CANCELLED',
}

export enum ShipmentStatus {
  SHIPPED = 'SHIPPED',
  DELIVERED = 'DELIVERED',
}

export enum InvoiceStatus {
  OPEN = 'OPEN',
  PARTIALLY_PAID = 'PARTIALLY_PAID',
  PAID = 'PAID',
}

export enum PaymentMethod {
  BANK_TRANSFER = 'BANK_TRANSFER',
  BANK_ACCEPTANCE = 'BANK_ACCEPTANCE',
  CHEQUE = 'CHEQUE',
  CASH = 'CASH',
}

/** How a payment stands against the invoices it pays. */
export enum PaymentStatus {
  UNALLOCATED = 'UNALLOCATED',
  PARTIALLY_ALLOCATED = 'PARTIALLY_ALLOCATED',
  ALLOCATED = 'ALLOCATED',
}

registerEnumType(ContractStatus, {
  name: 'ContractStatus',
  valuesConfig: {
    DRAFT: { description: 'Being prepared; lines and amount may still change.' },
    PENDING_APPROVAL: { description: 'Beyond the owner’s signing limit: waiting for the approval chain.' },
    APPROVED: { description: 'Approved by everyone it needed; ready to sign.' },
    SIGNED: { description: 'Signed; comes into force on its start date.' },
    ACTIVE: { description: 'In force: between its start and end dates.' },
    EXPIRED: { description: 'Past its end date.' },
    TERMINATED: { description: 'Ended early, with a reason.' },
  },
});
registerEnumType(ApprovalStepStatus, {
  name: 'ApprovalStepStatus',
  valuesConfig: {
    WAITING: { description: 'An earlier step has not been decided yet.' },
    PENDING: { description: 'Waiting for this approver.' },
    APPROVED: { description: 'Approved by this approver.' },
    REJECTED: { description: 'Rejected by this approver; the contract went back to DRAFT.' },
    CANCELLED: { description: 'Not needed any more: an earlier step rejected, or the contract was withdrawn.' },
  },
});
registerEnumType(OrderStatus, {
  name: 'OrderStatus',
  valuesConfig: {
    CREDIT_HOLD: { description: 'Would push the customer over its credit limit: waiting for finance.' },
    CONFIRMED: { description: 'Accepted; nothing shipped yet.' },
    PARTIALLY_SHIPPED: { description: 'Some units shipped.' },
    SHIPPED: { description: 'Every unit shipped.' },
    INVOICED: { description: 'Every unit shipped and invoiced.' },
    CANCELLED: { description: 'Cancelled before shipping, or refused by finance on credit hold.' },
  },
});
registerEnumType(ShipmentStatus, { name: 'ShipmentStatus' });
registerEnumType(InvoiceStatus, { name: 'InvoiceStatus' });
registerEnumType(PaymentMethod, {
  name: 'PaymentMethod',
  valuesConfig: { BANK_ACCEPTANCE: { description: 'Bank acceptance bill (银行承兑汇票).' } },
});
registerEnumType(PaymentStatus, { name: 'PaymentStatus' });
