import { assertUnreachable, ErrorCode, ModuleInputError, type DescribedError, type ModuleErrorExtensions } from '../../api/errors';

/** Why a forecast operation failed; sent as `extensions.reason`. */
export enum ForecastsErrorCode {
  NOT_A_MONTH = 'NOT_A_MONTH',
  HORIZON_OUT_OF_RANGE = 'HORIZON_OUT_OF_RANGE',
  MONTHS_NOT_CONSECUTIVE = 'MONTHS_NOT_CONSECUTIVE',
  COMMIT_ABOVE_BEST_CASE = 'COMMIT_ABOVE_BEST_CASE',
  UNIT_NOT_FOUND = 'UNIT_NOT_FOUND',
  PERSON_NOT_FOUND = 'PERSON_NOT_FOUND',
  NOT_YOUR_UNIT = 'NOT_YOUR_UNIT',
  NOT_READABLE = 'NOT_READABLE',
  STALE_VERSION = 'STALE_VERSION',
}

function describe(code: ForecastsErrorCode): DescribedError {
  switch (code) {
    case ForecastsErrorCode.NOT_A_MONTH:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'Forecasts are made per month: give the first day of a month.' };
    case ForecastsErrorCode.HORIZON_OUT_OF_RANGE:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'A forecast covers the current month and up to five months after it.' };
    case ForecastsErrorCode.MONTHS_NOT_CONSECUTIVE:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'The months must follow one another, starting with the current month.' };
    case ForecastsErrorCode.COMMIT_ABOVE_BEST_CASE:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'The best case includes the commit: it must not be below it.' };
    case ForecastsErrorCode.UNIT_NOT_FOUND:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'No such org unit.' };
    case ForecastsErrorCode.PERSON_NOT_FOUND:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'No such person.' };
    case ForecastsErrorCode.NOT_YOUR_UNIT:
      return { code: ErrorCode.FORBIDDEN, message: 'Only the heads of a unit and those above it (the VP, admins) adjust its forecast.' };
    case ForecastsErrorCode.NOT_READABLE:
      return { code: ErrorCode.FORBIDDEN, message: 'You may not see the forecast of this person or unit.' };
    case ForecastsErrorCode.STALE_VERSION:
      return { code: ErrorCode.CONFLICT, message: 'The forecast was changed by someone else; reload it and try again.' };
    default:
      return assertUnreachable(code);
  }
}

/** A forecasts error; with `field`, it names the input path. */
export class ForecastsError extends ModuleInputError {
  constructor(reason: ForecastsErrorCode, extensions: ModuleErrorExtensions = {}) {
    super(reason, describe(reason), extensions);
  }
}
