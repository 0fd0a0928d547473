import { assertUnreachable, ErrorCode, ModuleInputError, type DescribedError, type ModuleErrorExtensions } from '../../api/errors';

/** Why an appraisal, scorecard or improvement plan operation failed; sent as `extensions.reason`. */
export enum AppraisalsErrorCode {
  APPRAISAL_NOT_FOUND = 'APPRAISAL_NOT_FOUND',
  PLAN_NOT_FOUND = 'PLAN_NOT_FOUND',
  ACTION_NOT_FOUND = 'ACTION_NOT_FOUND',
  PERSON_NOT_FOUND = 'PERSON_NOT_FOUND',
  UNIT_NOT_FOUND = 'UNIT_NOT_FOUND',
  NOT_BELOW_YOU = 'NOT_BELOW_YOU',
  NOT_YOUR_REVIEW = 'NOT_YOUR_REVIEW',
  NOT_YOUR_CONFIRMATION = 'NOT_YOUR_CONFIRMATION',
  APPRAISAL_STATUS_CONFLICT = 'APPRAISAL_STATUS_CONFLICT',
  UNKNOWN_INDICATOR = 'UNKNOWN_INDICATOR',
  RECOMMENDATION_REQUIRED = 'RECOMMENDATION_REQUIRED',
  PLAN_ALREADY_OPEN = 'PLAN_ALREADY_OPEN',
  PLAN_CLOSED = 'PLAN_CLOSED',
  NOT_A_PERIOD_START = 'NOT_A_PERIOD_START',
  STALE_VERSION = 'STALE_VERSION',
}

function describe(code: AppraisalsErrorCode): DescribedError {
  switch (code) {
    case AppraisalsErrorCode.APPRAISAL_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such appraisal, or it is not visible to you.' };
    case AppraisalsErrorCode.PLAN_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such improvement plan, or it is not visible to you.' };
    case AppraisalsErrorCode.ACTION_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such improvement action, or it is not visible to you.' };
    case AppraisalsErrorCode.PERSON_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such person, or they are not below you.' };
    case AppraisalsErrorCode.UNIT_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such org unit, or it is not below you.' };
    case AppraisalsErrorCode.NOT_BELOW_YOU:
      return { code: ErrorCode.FORBIDDEN, message: 'Only the person’s management chain, the VP or admins may do this.' };
    case AppraisalsErrorCode.NOT_YOUR_REVIEW:
      return { code: ErrorCode.FORBIDDEN, message: 'An appraisal is reviewed by the head of the person’s unit (the next head up for a unit’s head).' };
    case AppraisalsErrorCode.NOT_YOUR_CONFIRMATION:
      return { code: ErrorCode.FORBIDDEN, message: 'An appraisal is confirmed or returned by the level above its reviewer.' };
    case AppraisalsErrorCode.APPRAISAL_STATUS_CONFLICT:
      return { code: ErrorCode.CONFLICT, message: 'The appraisal is not in a status that allows this; an archived appraisal never changes.' };
    case AppraisalsErrorCode.UNKNOWN_INDICATOR:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'The appraisal has no line for this indicator, or it is adjusted twice.' };
    case AppraisalsErrorCode.RECOMMENDATION_REQUIRED:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'Give a recommendation before submitting the appraisal.' };
    case AppraisalsErrorCode.PLAN_ALREADY_OPEN:
      return { code: ErrorCode.CONFLICT, message: 'The person already has an open improvement plan.' };
    case AppraisalsErrorCode.PLAN_CLOSED:
      return { code: ErrorCode.CONFLICT, message: 'The improvement plan is closed.' };
    case AppraisalsErrorCode.NOT_A_PERIOD_START:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'is not the first day of a period of this kind' };
    case AppraisalsErrorCode.STALE_VERSION:
      return { code: ErrorCode.CONFLICT, message: 'The record was changed by someone else; reload it and try again.' };
    default:
      return assertUnreachable(code);
  }
}

/** The appraisals part's one error: a code, and the input path it concerns. */
export class AppraisalsError extends ModuleInputError {
  constructor(reason: AppraisalsErrorCode, extensions: ModuleErrorExtensions = {}) {
    super(reason, describe(reason), extensions);
  }
}

export const staleAppraisalVersion = (): AppraisalsError => new AppraisalsError(AppraisalsErrorCode.STALE_VERSION, { field: 'version' });
