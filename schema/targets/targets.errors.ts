import { assertUnreachable, ErrorCode, ModuleInputError, type DescribedError, type ModuleErrorExtensions } from '../../api/errors';

/** Why a target or adjustment operation failed; sent as `extensions.reason`. */
export enum TargetsErrorCode {
  TARGET_NOT_FOUND = 'TARGET_NOT_FOUND',
  ADJUSTMENT_NOT_FOUND = 'ADJUSTMENT_NOT_FOUND',
  NOT_YOUR_LEVEL = 'NOT_YOUR_LEVEL',
  NOT_A_CHILD = 'NOT_A_CHILD',
  MIXED_DIMENSIONS = 'MIXED_DIMENSIONS',
  DUPLICATE_CHILD = 'DUPLICATE_CHILD',
  BAD_PERIOD = 'BAD_PERIOD',
  BAD_LEVEL = 'BAD_LEVEL',
  TARGET_LOCKED = 'TARGET_LOCKED',
  TARGET_NOT_LOCKED = 'TARGET_NOT_LOCKED',
  ADJUSTMENT_PENDING = 'ADJUSTMENT_PENDING',
  ALREADY_DECIDED = 'ALREADY_DECIDED',
  OWN_REQUEST = 'OWN_REQUEST',
  NOTHING_TO_SPLIT = 'NOTHING_TO_SPLIT',
  STALE_VERSION = 'STALE_VERSION',
  PLAN_NOT_FOUND = 'PLAN_NOT_FOUND',
  PLAN_ACTION_NOT_FOUND = 'PLAN_ACTION_NOT_FOUND',
  PLAN_EXISTS = 'PLAN_EXISTS',
  NOT_YOUR_PLAN = 'NOT_YOUR_PLAN',
  NOT_IN_PLAN_SCOPE = 'NOT_IN_PLAN_SCOPE',
}

function describe(code: TargetsErrorCode): DescribedError {
  switch (code) {
    case TargetsErrorCode.TARGET_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such target, or it is not visible to you.' };
    case TargetsErrorCode.ADJUSTMENT_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such target adjustment, or it is not visible to you.' };
    case TargetsErrorCode.NOT_YOUR_LEVEL:
      return { code: ErrorCode.FORBIDDEN, message: 'Targets are set, and their changes approved, only for the units and people below a unit you head (the VP and admins: all).' };
    case TargetsErrorCode.NOT_A_CHILD:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'A child target must be one step finer than its parent in one dimension (org level, period, product line or customer segment) and the same in the others.' };
    case TargetsErrorCode.MIXED_DIMENSIONS:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'All children of one call must split the parent the same way.' };
    case TargetsErrorCode.DUPLICATE_CHILD:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'The same target is given twice.' };
    case TargetsErrorCode.BAD_PERIOD:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'periodStart must be the first day of a period of that kind (a year on 1 January, a quarter on 1 January, April, July or October, a month on its 1st).' };
    case TargetsErrorCode.BAD_LEVEL:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'A target is for exactly one org unit or one person in the org tree.' };
    case TargetsErrorCode.TARGET_LOCKED:
      return { code: ErrorCode.CONFLICT, message: 'The target’s period has started, so it is locked: request an adjustment instead.' };
    case TargetsErrorCode.TARGET_NOT_LOCKED:
      return { code: ErrorCode.CONFLICT, message: 'The target’s period has not started: whoever sets it may still change it directly.' };
    case TargetsErrorCode.ADJUSTMENT_PENDING:
      return { code: ErrorCode.CONFLICT, message: 'A change of this target is already waiting for a decision.' };
    case TargetsErrorCode.ALREADY_DECIDED:
      return { code: ErrorCode.CONFLICT, message: 'This adjustment was already decided.' };
    case TargetsErrorCode.OWN_REQUEST:
      return { code: ErrorCode.FORBIDDEN, message: 'Nobody decides their own adjustment request.' };
    case TargetsErrorCode.NOTHING_TO_SPLIT:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'The target has no children in that dimension to split into.' };
    case TargetsErrorCode.STALE_VERSION:
      return { code: ErrorCode.CONFLICT, message: 'The record was changed by someone else; reload it and try again.' };
    case TargetsErrorCode.PLAN_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such sales plan, or it is not visible to you.' };
    case TargetsErrorCode.PLAN_ACTION_NOT_FOUND:
      return { code: ErrorCode.NOT_FOUND, message: 'No such plan action, or it is not visible to you.' };
    case TargetsErrorCode.PLAN_EXISTS:
      return { code: ErrorCode.CONFLICT, message: 'The person already has a plan for this period.' };
    case TargetsErrorCode.NOT_YOUR_PLAN:
      return { code: ErrorCode.FORBIDDEN, message: 'Plans are written by their person and the managers above them, and commented on by those managers.' };
    case TargetsErrorCode.NOT_IN_PLAN_SCOPE:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'A plan lists only customers and deals its person may see.' };
    default:
      return assertUnreachable(code);
  }
}

/** A targets error; with `field`, it names the input path. */
export class TargetsError extends ModuleInputError {
  constructor(reason: TargetsErrorCode, extensions: ModuleErrorExtensions = {}) {
    super(reason, describe(reason), extensions);
  }
}

export const staleTargetVersion = (): TargetsError => new TargetsError(TargetsErrorCode.STALE_VERSION, { field: 'version' });
