import { assertUnreachable, ErrorCode, ModuleInputError, type ModuleErrorExtensions, type DescribedError } from '../../api/errors';

/** Why a contract, order, shipment, invoice or payment operation failed; sent as `extensions.reason`. */
export enum OrdersErrorCode {
  CONTRACT_NOT_FOUND = 'CONTRACT_NOT_FOUND',
  ORDER_NOT_FOUND = 'ORDER_NOT_FOUND',
  SHIPMENT_NOT_FOUND = 'SHIPMENT_NOT_FOUND',
  INVOICE_NOT_FOUND = 'INVOICE_NOT_FOUND',
  PAYMENT_NOT_FOUND = 'PAYMENT_NOT_FOUND',
  CUSTOMER_NOT_FOUND = 'CUSTOMER_NOT_FOUND',
  NOT_YOUR_CUSTOMER = 'NOT_YOUR_CUSTOMER',
  NOT_ORDER_OWNER = 'NOT_ORDER_OWNER',
  CONTRACT_SOURCE_NOT_CLOSED = 'CONTRACT_SOURCE_NOT_CLOSED',
  CONTRACT_EXISTS = 'CONTRACT_EXISTS',
  CONTRACT_STATUS_CONFLICT = 'CONTRACT_STATUS_CONFLICT',
  NOT_CONTRACT_OWNER = 'NOT_CONTRACT_OWNER',
  TERMINATION_NOT_ALLOWED = 'TERMINATION_NOT_ALLOWED',
  OWN_CONTRACT = 'OWN_CONTRACT',
  NOT_YOUR_TURN = 'NOT_YOUR_TURN',
  ALREADY_DECIDED = 'ALREADY_DECIDED',
  NO_APPROVER_COVERS_AMOUNT = 'NO_APPROVER_COVERS_AMOUNT',
  ABOVE_SIGNING_LIMIT = 'ABOVE_SIGNING_LIMIT',
  CONTRACT_NOT_ORDERABLE = 'CONTRACT_NOT_ORDERABLE',
  CONTRACT_QUANTITY_EXCEEDED = 'CONTRACT_QUANTITY_EXCEEDED',
  DIRECT_ORDER_ABOVE_LIMIT = 'DIRECT_ORDER_ABOVE_LIMIT',
  DISCOUNT_BEYOND_AUTHORITY = 'DISCOUNT_BEYOND_AUTHORITY',
  NO_PRICE = 'NO_PRICE',
  PRICE_BELOW_FLOOR = 'PRICE_BELOW_FLOOR',
  CUSTOMER_OUTSIDE_PARTNER_REGION = 'CUSTOMER_OUTSIDE_PARTNER_REGION',
  ORDER_STATUS_CONFLICT = 'ORDER_STATUS_CONFLICT',
  OVER_SHIPMENT = 'OVER_SHIPMENT',
  SHIPMENT_ALREADY_DELIVERED = 'SHIPMENT_ALREADY_DELIVERED',
  NOTHING_TO_INVOICE = 'NOTHING_TO_INVOICE',
  OVER_INVOICE = 'OVER_INVOICE',
  OVER_ALLOCATION = 'OVER_ALLOCATION',
  INVOICE_OVERPAID = 'INVOICE_OVERPAID',
  PAYMENT_CUSTOMER_MISMATCH = 'PAYMENT_CUSTOMER_MISMATCH',
  STALE_VERSION = 'STALE_VERSION',
}

function describe(code: OrdersErrorCode): DescribedError {
  switch (code) {
    case OrdersErrorCode.CONTRACT_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such contract, or it is not visible to you.' };
    case OrdersErrorCode.ORDER_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such order, or it is not visible to you.' };
    case OrdersErrorCode.SHIPMENT_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such shipment, or it is not visible to you.' };
    case OrdersErrorCode.INVOICE_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such invoice, or it is not visible to you.' };
    case OrdersErrorCode.PAYMENT_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such payment, or it is not visible to you.' };
    case OrdersErrorCode.CUSTOMER_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such customer, or it is not visible to you.' };
    case OrdersErrorCode.NOT_YOUR_CUSTOMER:
      return { code: ErrorCode.FORBIDDEN, message: 'Orders are placed by the customer’s owner, their management chain, the key account manager, the VP or admins.' };
    case OrdersErrorCode.NOT_ORDER_OWNER:
      return { code: ErrorCode.FORBIDDEN, message: 'Only the order’s owner, their management chain, admins or the partner that placed it may do this.' };
    case OrdersErrorCode.CONTRACT_SOURCE_NOT_CLOSED:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'A contract is made from a won opportunity or an accepted quote.' };
    case OrdersErrorCode.CONTRACT_EXISTS:
      return { code: ErrorCode.CONFLICT, message: 'The quote already has a contract that is not terminated.' };
    case OrdersErrorCode.CONTRACT_STATUS_CONFLICT:
      return { code: ErrorCode.CONFLICT, message: 'The contract is not in a status that allows this.' };
    case OrdersErrorCode.NOT_CONTRACT_OWNER:
      return { code: ErrorCode.FORBIDDEN, message: 'Only the contract’s owner, their management chain or an admin may do this.' };
    case OrdersErrorCode.TERMINATION_NOT_ALLOWED:
      return { code: ErrorCode.FORBIDDEN, message: 'Only the owner’s management chain or an admin may terminate a contract.' };
    case OrdersErrorCode.OWN_CONTRACT:
      return { code: ErrorCode.FORBIDDEN, message: 'Nobody approves their own contract.' };
    case OrdersErrorCode.NOT_YOUR_TURN:
      return { code: ErrorCode.CONFLICT, message: 'The contract is not waiting for your decision.' };
    case OrdersErrorCode.ALREADY_DECIDED:
      return { code: ErrorCode.CONFLICT, message: 'This approval step was already decided.' };
    case OrdersErrorCode.NO_APPROVER_COVERS_AMOUNT:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'Nobody in the owner’s management chain may approve a contract this large.' };
    case OrdersErrorCode.ABOVE_SIGNING_LIMIT:
      return { code: ErrorCode.FORBIDDEN, message: 'The amount is above your signing limit: submit the contract for approval first.' };
    case OrdersErrorCode.CONTRACT_NOT_ORDERABLE:
      return { code: ErrorCode.CONFLICT, message: 'Orders are placed only against a signed or active contract.' };
    case OrdersErrorCode.CONTRACT_QUANTITY_EXCEEDED:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'More than the contract leaves to order of this product.' };
    case OrdersErrorCode.DIRECT_ORDER_ABOVE_LIMIT:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'An order without a contract may not exceed the placer’s signing limit; make a contract.' };
    case OrdersErrorCode.DISCOUNT_BEYOND_AUTHORITY:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'The discount is beyond your authority; quote it for approval instead.' };
    case OrdersErrorCode.NO_PRICE:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'No active price list for the customer’s channel and region prices this product.' };
    case OrdersErrorCode.PRICE_BELOW_FLOOR:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'The price after discount is below the floor price; nobody may sell below it.' };
    case OrdersErrorCode.CUSTOMER_OUTSIDE_PARTNER_REGION:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'Partners order only for their distributor’s customers in its regions.' };
    case OrdersErrorCode.ORDER_STATUS_CONFLICT:
      return { code: ErrorCode.CONFLICT, message: 'The order is not in a status that allows this.' };
    case OrdersErrorCode.OVER_SHIPMENT:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'More than is left to ship on the order line.' };
    case OrdersErrorCode.SHIPMENT_ALREADY_DELIVERED:
      return { code: ErrorCode.CONFLICT, message: 'The shipment’s delivery was already confirmed.' };
    case OrdersErrorCode.NOTHING_TO_INVOICE:
      return { code: ErrorCode.CONFLICT, message: 'Every shipped unit of the order is invoiced already.' };
    case OrdersErrorCode.OVER_INVOICE:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'More than is shipped and not yet invoiced on the order line.' };
    case OrdersErrorCode.OVER_ALLOCATION:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'The allocations exceed what is left of the payment.' };
    case OrdersErrorCode.INVOICE_OVERPAID:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'The allocation exceeds what is still open on the invoice.' };
    case OrdersErrorCode.PAYMENT_CUSTOMER_MISMATCH:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'A payment pays only invoices of the customer who made it.' };
    case OrdersErrorCode.STALE_VERSION:
      return { code: ErrorCode.CONFLICT, message: 'The record was changed by someone else; reload it and try again.' };
    default:
      return assertUnreachable(code);
  }
}

/** An orders error; with `field`, it names the input path. */
export class OrdersError extends ModuleInputError {
  constructor(reason: OrdersErrorCode, extensions: ModuleErrorExtensions = {}) {
    super(reason, describe(reason), extensions);
  }
}

/** The orders module's answer to a stale version (see api/database/optimistic-lock.ts). */
export const staleVersion = (): OrdersError => new OrdersError(OrdersErrorCode.STALE_VERSION, { field: 'version' });
