import { assertUnreachable, ErrorCode, ModuleInputError, type DescribedError, type ModuleErrorExtensions } from '../../api/errors';

/** Why an expense operation failed; sent as `extensions.reason`. */
export enum ExpensesErrorCode {
  CLAIM_NOT_FOUND = 'CLAIM_NOT_FOUND',
  BUDGET_NOT_FOUND = 'BUDGET_NOT_FOUND',
  CATEGORY_NOT_FOUND = 'CATEGORY_NOT_FOUND',
  UNIT_NOT_FOUND = 'UNIT_NOT_FOUND',
  NOT_A_PERIOD_START = 'NOT_A_PERIOD_START',
  NOT_YOUR_UNIT = 'NOT_YOUR_UNIT',
  TEAM_ABOVE_REGION = 'TEAM_ABOVE_REGION',
  REGION_BELOW_TEAMS = 'REGION_BELOW_TEAMS',
  NO_BUDGET = 'NO_BUDGET',
  NO_APPROVER_COVERS_AMOUNT = 'NO_APPROVER_COVERS_AMOUNT',
  CLAIM_STATUS_CONFLICT = 'CLAIM_STATUS_CONFLICT',
  NOT_YOUR_CLAIM = 'NOT_YOUR_CLAIM',
  NOT_YOUR_TURN = 'NOT_YOUR_TURN',
  ALREADY_DECIDED = 'ALREADY_DECIDED',
  LINE_NOT_FOUND = 'LINE_NOT_FOUND',
  NO_LINES = 'NO_LINES',
  LINK_NOT_VISIBLE = 'LINK_NOT_VISIBLE',
  STALE_VERSION = 'STALE_VERSION',
}

function describe(code: ExpensesErrorCode): DescribedError {
  switch (code) {
    case ExpensesErrorCode.CLAIM_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such expense claim, or it is not visible to you.' };
    case ExpensesErrorCode.BUDGET_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such expense budget, or it is not visible to you.' };
    case ExpensesErrorCode.CATEGORY_NOT_FOUND:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'No such active expense category.' };
    case ExpensesErrorCode.UNIT_NOT_FOUND:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'No such region or team.' };
    case ExpensesErrorCode.NOT_A_PERIOD_START:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'must be the first day of a month, quarter or year of that kind' };
    case ExpensesErrorCode.NOT_YOUR_UNIT:
      return { code: ErrorCode.FORBIDDEN, message: 'A budget is set by the director of its region (or the VP) for the region and its teams.' };
    case ExpensesErrorCode.TEAM_ABOVE_REGION:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'The teams’ budgets would exceed the region’s budget for the period and category.' };
    case ExpensesErrorCode.REGION_BELOW_TEAMS:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'The region’s budget would fall below what its teams’ budgets already hold.' };
    case ExpensesErrorCode.NO_BUDGET:
      return { code: ErrorCode.CONFLICT, message: 'Your unit has no budget for this category in the period of the expense.' };
    case ExpensesErrorCode.NO_APPROVER_COVERS_AMOUNT:
      return { code: ErrorCode.CONFLICT, message: 'Nobody up your management chain may approve an expense claim of this amount.' };
    case ExpensesErrorCode.CLAIM_STATUS_CONFLICT:
      return { code: ErrorCode.CONFLICT, message: 'The expense claim is not in a status that allows this.' };
    case ExpensesErrorCode.NOT_YOUR_CLAIM:
      return { code: ErrorCode.FORBIDDEN, message: 'Only the claimant changes and submits an expense claim; nobody approves their own.' };
    case ExpensesErrorCode.NOT_YOUR_TURN:
      return { code: ErrorCode.FORBIDDEN, message: 'The expense claim waits for another approver.' };
    case ExpensesErrorCode.ALREADY_DECIDED:
      return { code: ErrorCode.CONFLICT, message: 'You have already decided on this expense claim.' };
    case ExpensesErrorCode.LINE_NOT_FOUND:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'The expense claim has no such line.' };
    case ExpensesErrorCode.NO_LINES:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'An expense claim needs at least one line.' };
    case ExpensesErrorCode.LINK_NOT_VISIBLE:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'no such record is visible to you' };
    case ExpensesErrorCode.STALE_VERSION:
      return { code: ErrorCode.CONFLICT, message: 'The record was changed by someone else; reload it and try again.' };
    default:
      return assertUnreachable(code);
  }
}

/** An expenses error; with `field`, it names the input path. */
export class ExpensesError extends ModuleInputError {
  constructor(reason: ExpensesErrorCode, extensions: ModuleErrorExtensions = {}) {
    super(reason, describe(reason), extensions);
  }
}

export const staleExpenseVersion = (): ExpensesError => new ExpensesError(ExpensesErrorCode.STALE_VERSION, { field: 'version' });
