import { AppError, assertUnreachable, ErrorCode, type DescribedError } from '../../api/errors';

/** Why a follow-up, visit plan or check-in operation failed; sent as `extensions.reason`. */
export enum FollowUpErrorCode {
  VISIT_PLAN_NOT_FOUND = 'VISIT_PLAN_NOT_FOUND',
  VISIT_PLAN_CLOSED = 'VISIT_PLAN_CLOSED',
  VISIT_PLAN_ALREADY_SUCCEEDED = 'VISIT_PLAN_ALREADY_SUCCEEDED',
  NOT_THE_PLANNER = 'NOT_THE_PLANNER',
  ALREADY_CHECKED_IN = 'ALREADY_CHECKED_IN',
  NOT_THE_VISITOR = 'NOT_THE_VISITOR',
  STALE_VERSION = 'STALE_VERSION',
}

function describe(code: FollowUpErrorCode): DescribedError {
  switch (code) {
    case FollowUpErrorCode.VISIT_PLAN_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such visit plan, or it is not visible to you.' };
    case FollowUpErrorCode.VISIT_PLAN_CLOSED:
      return { code: ErrorCode.CONFLICT, message: 'The visit plan is already done or cancelled.' };
    case FollowUpErrorCode.VISIT_PLAN_ALREADY_SUCCEEDED:
      return { code: ErrorCode.CONFLICT, message: 'The next visit of this regular plan already exists.' };
    case FollowUpErrorCode.NOT_THE_PLANNER:
      return { code: ErrorCode.FORBIDDEN, message: 'Only the person who planned the visit records it; their management chain may cancel it.' };
    case FollowUpErrorCode.ALREADY_CHECKED_IN:
      return { code: ErrorCode.CONFLICT, message: 'This visit already has a check-in.' };
    case FollowUpErrorCode.NOT_THE_VISITOR:
      return { code: ErrorCode.FORBIDDEN, message: 'Only the person who made the visit checks in to it.' };
    case FollowUpErrorCode.STALE_VERSION:
      return { code: ErrorCode.CONFLICT, message: 'The record was changed by someone else; reload it and try again.' };
    default:
      return assertUnreachable(code);
  }
}

/** The follow-up errors (visit plans, check-ins, follow-up log). */
export class FollowUpError extends AppError {
  constructor(reason: FollowUpErrorCode, extensions: Record<string, unknown> = {}) {
    const { code, message } = describe(reason);
    super(code, message, { ...extensions, reason });
  }
}
