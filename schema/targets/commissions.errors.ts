import { assertUnreachable, ErrorCode, ModuleInputError, type DescribedError, type ModuleErrorExtensions } from '../../api/errors';

/** Why a commission operation failed; sent as `extensions.reason`. */
export enum CommissionsErrorCode {
  STATEMENT_NOT_FOUND = 'STATEMENT_NOT_FOUND',
  NOT_A_MONTH = 'NOT_A_MONTH',
  UNIT_NOT_FOUND = 'UNIT_NOT_FOUND',
  STATEMENT_STATUS_CONFLICT = 'STATEMENT_STATUS_CONFLICT',
  NOT_IN_YOUR_CHAIN = 'NOT_IN_YOUR_CHAIN',
  OWN_STATEMENT = 'OWN_STATEMENT',
  STALE_VERSION = 'STALE_VERSION',
}

function describe(code: CommissionsErrorCode): DescribedError {
  switch (code) {
    case CommissionsErrorCode.STATEMENT_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such commission statement, or it is not visible to you.' };
    case CommissionsErrorCode.NOT_A_MONTH:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'Commissions are computed per month: give the first day of a month.' };
    case CommissionsErrorCode.UNIT_NOT_FOUND:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'No such org unit.' };
    case CommissionsErrorCode.STATEMENT_STATUS_CONFLICT:
      return { code: ErrorCode.CONFLICT, message: 'The commission statement is not in a status that allows this.' };
    case CommissionsErrorCode.NOT_IN_YOUR_CHAIN:
      return { code: ErrorCode.FORBIDDEN, message: 'A commission statement is approved by a head of a unit above the person paid.' };
    case CommissionsErrorCode.OWN_STATEMENT:
      return { code: ErrorCode.FORBIDDEN, message: 'Nobody approves their own commission statement.' };
    case CommissionsErrorCode.STALE_VERSION:
      return { code: ErrorCode.CONFLICT, message: 'The record was changed by someone else; reload it and try again.' };
    default:
      return assertUnreachable(code);
  }
}

/** A commissions error; with `field`, it names the input path. */
export class CommissionsError extends ModuleInputError {
  constructor(reason: CommissionsErrorCode, extensions: ModuleErrorExtensions = {}) {
    super(reason, describe(reason), extensions);
  }
}
