import { assertUnreachable, ErrorCode, ModuleInputError, type ModuleErrorExtensions, type DescribedError } from '../../api/errors';

/** Why a pipeline operation failed; sent as `extensions.reason`. */
export enum PipelineErrorCode {
  LEAD_NOT_FOUND = 'LEAD_NOT_FOUND',
  OPPORTUNITY_NOT_FOUND = 'OPPORTUNITY_NOT_FOUND',
  QUOTE_NOT_FOUND = 'QUOTE_NOT_FOUND',
  APPROVAL_NOT_FOUND = 'APPROVAL_NOT_FOUND',
  STAGE_MOVE_NOT_ALLOWED = 'STAGE_MOVE_NOT_ALLOWED',
  WON_NEEDS_ACCEPTED_QUOTE = 'WON_NEEDS_ACCEPTED_QUOTE',
  REASON_REQUIRED = 'REASON_REQUIRED',
  OPPORTUNITY_CLOSED = 'OPPORTUNITY_CLOSED',
  LEAD_ALREADY_CONVERTED = 'LEAD_ALREADY_CONVERTED',
  NO_PRICE = 'NO_PRICE',
  PRICE_BELOW_FLOOR = 'PRICE_BELOW_FLOOR',
  DISCOUNT_BEYOND_ANY_AUTHORITY = 'DISCOUNT_BEYOND_ANY_AUTHORITY',
  QUOTE_STATUS_CONFLICT = 'QUOTE_STATUS_CONFLICT',
  NOT_THE_APPROVER = 'NOT_THE_APPROVER',
  ALREADY_DECIDED = 'ALREADY_DECIDED',
  STALE_VERSION = 'STALE_VERSION',
}

function describe(code: PipelineErrorCode): DescribedError {
  switch (code) {
    case PipelineErrorCode.LEAD_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such lead, or it is not visible to you.' };
    case PipelineErrorCode.OPPORTUNITY_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such opportunity, or it is not visible to you.' };
    case PipelineErrorCode.QUOTE_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such quote, or it is not visible to you.' };
    case PipelineErrorCode.APPROVAL_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such approval request, or it is not visible to you.' };
    case PipelineErrorCode.STAGE_MOVE_NOT_ALLOWED:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'The sales process does not allow this stage change.' };
    case PipelineErrorCode.WON_NEEDS_ACCEPTED_QUOTE:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'An opportunity is won only with an accepted quote.' };
    case PipelineErrorCode.REASON_REQUIRED:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'A reason is required for this change.' };
    case PipelineErrorCode.OPPORTUNITY_CLOSED:
      return { code: ErrorCode.CONFLICT, message: 'The opportunity is won or lost; reopen it first.' };
    case PipelineErrorCode.LEAD_ALREADY_CONVERTED:
      return { code: ErrorCode.CONFLICT, message: 'The lead was already converted or disqualified.' };
    case PipelineErrorCode.NO_PRICE:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'No active price list for the customer’s channel and region prices this product.' };
    case PipelineErrorCode.PRICE_BELOW_FLOOR:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'The price after discount is below the floor price; nobody may sell below it.' };
    case PipelineErrorCode.DISCOUNT_BEYOND_ANY_AUTHORITY:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'Nobody in your management chain may approve a discount this large.' };
    case PipelineErrorCode.QUOTE_STATUS_CONFLICT:
      return { code: ErrorCode.CONFLICT, message: 'The quote is not in a status that allows this.' };
    case PipelineErrorCode.NOT_THE_APPROVER:
      return { code: ErrorCode.FORBIDDEN, message: 'Only the addressed approver may decide this request.' };
    case PipelineErrorCode.ALREADY_DECIDED:
      return { code: ErrorCode.CONFLICT, message: 'The request was already decided.' };
    case PipelineErrorCode.STALE_VERSION:
      return { code: ErrorCode.CONFLICT, message: 'The record was changed by someone else; reload it and try again.' };
    default:
      return assertUnreachable(code);
  }
}

/** A pipeline error; with `field`, it names the input path. */
export class PipelineError extends ModuleInputError {
  constructor(reason: PipelineErrorCode, extensions: ModuleErrorExtensions = {}) {
    super(reason, describe(reason), extensions);
  }
}

/** The pipeline's answer to a stale version (see api/database/optimistic-lock.ts). */
export const staleVersion = (): PipelineError => new PipelineError(PipelineErrorCode.STALE_VERSION, { field: 'version' });
