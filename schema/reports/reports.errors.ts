import { assertUnreachable, ErrorCode, ModuleInputError, type DescribedError, type ModuleErrorExtensions } from '../../api/errors';

/** Why a work report or meeting operation failed; sent as `extensions.reason`. */
export enum ReportsErrorCode {
  REPORT_NOT_FOUND = 'REPORT_NOT_FOUND',
  MEETING_NOT_FOUND = 'MEETING_NOT_FOUND',
  ACTION_ITEM_NOT_FOUND = 'ACTION_ITEM_NOT_FOUND',
  UNIT_NOT_FOUND = 'UNIT_NOT_FOUND',
  PERSON_NOT_FOUND = 'PERSON_NOT_FOUND',
  VISIT_NOT_FOUND = 'VISIT_NOT_FOUND',
  REPORT_EXISTS = 'REPORT_EXISTS',
  FUTURE_PERIOD = 'FUTURE_PERIOD',
  NOT_YOUR_REPORT = 'NOT_YOUR_REPORT',
  NOT_YOUR_REVIEW = 'NOT_YOUR_REVIEW',
  NOT_ABOVE_AUTHOR = 'NOT_ABOVE_AUTHOR',
  REPORT_STATUS_CONFLICT = 'REPORT_STATUS_CONFLICT',
  NOT_AN_IMPORTANT_MATTER = 'NOT_AN_IMPORTANT_MATTER',
  NOT_YOUR_MEETING = 'NOT_YOUR_MEETING',
  WRONG_UNIT_KIND = 'WRONG_UNIT_KIND',
  TOO_MANY_PERIODS = 'TOO_MANY_PERIODS',
  NOT_A_PERIODIC_KIND = 'NOT_A_PERIODIC_KIND',
  STALE_VERSION = 'STALE_VERSION',
}

function describe(code: ReportsErrorCode): DescribedError {
  switch (code) {
    case ReportsErrorCode.REPORT_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such work report, or it is not visible to you.' };
    case ReportsErrorCode.MEETING_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such meeting, or it is not visible to you.' };
    case ReportsErrorCode.ACTION_ITEM_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such action item, or it is not visible to you.' };
    case ReportsErrorCode.UNIT_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such org unit, or it is not below you.' };
    case ReportsErrorCode.PERSON_NOT_FOUND:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'is not an active internal user' };
    case ReportsErrorCode.VISIT_NOT_FOUND:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'names a visit that is not yours or not of that day' };
    case ReportsErrorCode.REPORT_EXISTS:
      return { code: ErrorCode.CONFLICT, message: 'You already have a report of this kind for this period.' };
    case ReportsErrorCode.FUTURE_PERIOD:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'is in a period that has not started yet (company time)' };
    case ReportsErrorCode.NOT_YOUR_REPORT:
      return { code: ErrorCode.FORBIDDEN, message: 'Only its author writes and submits a work report.' };
    case ReportsErrorCode.NOT_YOUR_REVIEW:
      return { code: ErrorCode.FORBIDDEN, message: 'A work report is reviewed by its author’s management chain (the heads of the units above the author), the VP or admins.' };
    case ReportsErrorCode.NOT_ABOVE_AUTHOR:
      return { code: ErrorCode.FORBIDDEN, message: 'An important matter is acknowledged by the heads of the units above its author, the VP or admins.' };
    case ReportsErrorCode.REPORT_STATUS_CONFLICT:
      return { code: ErrorCode.CONFLICT, message: 'The work report is not in a status that allows this.' };
    case ReportsErrorCode.NOT_AN_IMPORTANT_MATTER:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'Only important-matter reports are acknowledged; periodic reports are reviewed.' };
    case ReportsErrorCode.NOT_YOUR_MEETING:
      return { code: ErrorCode.FORBIDDEN, message: 'A meeting is recorded and changed by the heads of its unit and the units above, the VP or admins.' };
    case ReportsErrorCode.WRONG_UNIT_KIND:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'a team meeting is held by a team, a director meeting by a region or the company' };
    case ReportsErrorCode.TOO_MANY_PERIODS:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'spans more than 400 periods, or ends before it starts' };
    case ReportsErrorCode.NOT_A_PERIODIC_KIND:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'must be a periodic kind: important matters have no periods or deadlines' };
    case ReportsErrorCode.STALE_VERSION:
      return { code: ErrorCode.CONFLICT, message: 'The record was changed by someone else; reload it and try again.' };
    default:
      return assertUnreachable(code);
  }
}

/** The reports module's one error: a code, and the input path it concerns. */
export class ReportsError extends ModuleInputError {
  constructor(reason: ReportsErrorCode, extensions: ModuleErrorExtensions = {}) {
    super(reason, describe(reason), extensions);
  }
}

export const staleReportVersion = (): ReportsError => new ReportsError(ReportsErrorCode.STALE_VERSION, { field: 'version' });
