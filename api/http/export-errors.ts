import { assertUnreachable, ErrorCode, ModuleInputError, type DescribedError, type ModuleErrorExtensions } from '../errors';

/** Why an export was refused before its file started; sent as `extensions.reason`. */
export enum ExportErrorCode {
  /** `GET /export/<name>.<format>`: no report of that name in the registry. */
  UNKNOWN_REPORT = 'UNKNOWN_REPORT',
  /** A format other than `csv` or `xlsx`. */
  UNSUPPORTED_FORMAT = 'UNSUPPORTED_FORMAT',
  /** The body is not `{ query, variables?, operationName?, format, rows? }`. */
  BAD_EXPORT_REQUEST = 'BAD_EXPORT_REQUEST',
  /** A mutation or subscription: only queries are exported. */
  NOT_A_QUERY = 'NOT_A_QUERY',
  /** `rows` names no list of objects in the query (or the query has none). */
  NO_LIST = 'NO_LIST',
  /** The list at `rows` sits inside another list or is reached through a fragment spread: it has no one place. */
  AMBIGUOUS_LIST = 'AMBIGUOUS_LIST',
  /** A query-string parameter that is no variable of the named report. */
  UNKNOWN_PARAMETER = 'UNKNOWN_PARAMETER',
  /** More rows than EXPORT_MAX_ROWS. */
  TOO_MANY_ROWS = 'TOO_MANY_ROWS',
}

function describe(code: ExportErrorCode): DescribedError {
  switch (code) {
    case ExportErrorCode.UNKNOWN_REPORT:
      return { code: ErrorCode.NOT_FOUND, message: 'No report of that name can be exported.' };
    case ExportErrorCode.UNSUPPORTED_FORMAT:
      return { code: ErrorCode.BAD_REQUEST, message: 'An export is made as csv or xlsx.' };
    case ExportErrorCode.BAD_EXPORT_REQUEST:
      return { code: ErrorCode.BAD_REQUEST, message: 'Send {"query": "…", "variables": {…}, "format": "csv" or "xlsx"} and optionally "rows": "path.to.list".' };
    case ExportErrorCode.NOT_A_QUERY:
      return { code: ErrorCode.BAD_REQUEST, message: 'Only queries are exported, not mutations or subscriptions.' };
    case ExportErrorCode.NO_LIST:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'names no list of objects in the query' };
    case ExportErrorCode.AMBIGUOUS_LIST:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'must be a list selected directly (not through a fragment spread) and not inside another list' };
    case ExportErrorCode.UNKNOWN_PARAMETER:
      return { code: ErrorCode.BAD_USER_INPUT, message: 'is not a variable of this report' };
    case ExportErrorCode.TOO_MANY_ROWS:
      return { code: ErrorCode.QUERY_LIMIT_EXCEEDED, message: 'The export would hold more rows than allowed: narrow the filters.' };
    default:
      return assertUnreachable(code);
  }
}

/** The export endpoint's one error: a reason, and the input it concerns. */
export class ExportError extends ModuleInputError {
  constructor(reason: ExportErrorCode, extensions: ModuleErrorExtensions = {}) {
    super(reason, describe(reason), extensions);
  }
}
