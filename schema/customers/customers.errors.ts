import { AppError, assertUnreachable, ErrorCode, type DescribedError } from '../../api/errors';

/** Why a customer operation failed; sent as `extensions.reason`. */
export enum CustomerErrorCode {
  CUSTOMER_NOT_FOUND = 'CUSTOMER_NOT_FOUND',
  CONTACT_NOT_FOUND = 'CONTACT_NOT_FOUND',
  VISIT_NOT_FOUND = 'VISIT_NOT_FOUND',
  COMPLAINT_NOT_FOUND = 'COMPLAINT_NOT_FOUND',
  DUPLICATE_CUSTOMER = 'DUPLICATE_CUSTOMER',
  TIER_CHANGE_NOT_ALLOWED = 'TIER_CHANGE_NOT_ALLOWED',
  STALE_VERSION = 'STALE_VERSION',
}

function describe(code: CustomerErrorCode): DescribedError {
  switch (code) {
    case CustomerErrorCode.CUSTOMER_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such customer, or it is not visible to you.' };
    case CustomerErrorCode.CONTACT_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such contact, or it is not visible to you.' };
    case CustomerErrorCode.VISIT_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such visit, or it is not visible to you.' };
    case CustomerErrorCode.COMPLAINT_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such complaint, or it is not visible to you.' };
    case CustomerErrorCode.DUPLICATE_CUSTOMER:
      return { code: ErrorCode.CONFLICT, message: 'A customer with this name or tax id already exists in this region.' };
    case CustomerErrorCode.TIER_CHANGE_NOT_ALLOWED:
      return { code: ErrorCode.FORBIDDEN, message: 'Only the owner’s management chain may change a customer’s ABC tier.' };
    case CustomerErrorCode.STALE_VERSION:
      return { code: ErrorCode.CONFLICT, message: 'The record was changed by someone else; reload it and try again.' };
    default:
      return assertUnreachable(code);
  }
}

export class CustomerError extends AppError {
  constructor(reason: CustomerErrorCode, extensions: Record<string, unknown> = {}) {
    const { code, message } = describe(reason);
    super(code, message, { ...extensions, reason });
  }
}
