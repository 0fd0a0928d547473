import { GraphQLError } from 'graphql';

/** The codes a client can rely on in `extensions.code` (DESIGN.md §7). */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  /** An events cursor older than the retention window: resuming from it would skip events. */
  CURSOR_EXPIRED = 'CURSOR_EXPIRED',
  /** The request itself is wrong: not JSON, not an operation, a subscription over HTTP, a method not served. */
  BAD_REQUEST = 'BAD_REQUEST',
  /** The query is deeper, costlier or longer than the limits allow (`extensions.reason` says which limit). */
  QUERY_LIMIT_EXCEEDED = 'QUERY_LIMIT_EXCEEDED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  /** The database cannot be reached right now: retry after `Retry-After` seconds. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** One invalid input value, named by its path from the argument, e.g. `filter.email`. */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * The one error base class: every error the API raises on purpose carries a stable `extensions.code`, and
 * module errors add their own `extensions.reason` (e.g. `USER_NOT_FOUND`).
 */
export class AppError extends GraphQLError {
  /** `originalError`: what went wrong underneath, for the log only (the client sees the message and code). */
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}, originalError?: Error) {
    super(message, { extensions: { ...extensions, code }, originalError });
    this.name = 'AppError';
  }

  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }
}

/** What a module's error code stands for: the client-facing code and message. */
export interface DescribedError {
  code: ErrorCode;
  message: string;
}

/** Extensions a module error may carry: `field` names the input path; `detail` is appended to the message. */
export type ModuleErrorExtensions = Record<string, unknown> & { field?: string; detail?: string };

/**
 * The base of module errors that name the offending input: `extensions.reason` is the module's code, and with
 * `field` a BAD_USER_INPUT error also lists it in `extensions.fields`, like every other invalid-input error.
 */
export abstract class ModuleInputError extends AppError {
  protected constructor(reason: string, described: DescribedError, extensions: ModuleErrorExtensions = {}) {
    const { code, message } = described;
    const text = extensions.detail === undefined ? message : `${message} ${extensions.detail}`;
    const fields = code === ErrorCode.BAD_USER_INPUT && extensions.field !== undefined ? [{ path: extensions.field, message: text }] : undefined;
    super(code, text, { ...extensions, reason, ...(fields ? { fields } : {}) });
  }
}

/** Same message whatever went wrong (unknown user, wrong password, bad token), so nothing is given away. */
export class UnauthenticatedError extends AppError {
  constructor() {
    super(ErrorCode.UNAUTHENTICATED, 'Not authenticated: sign in or send a valid token or API key.');
  }
}

/**
 * Which rule refused, for a client to act on: the rule's description under `allowedFor` (an operation) or
 * `readableBy` (a field or type), and for an API key refused for want of a scope, that scope (`READ_SALES`).
 */
export interface ForbiddenDetail {
  allowedFor?: string;
  readableBy?: string;
  missingScope?: string;
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this or to see this field.', detail: ForbiddenDetail = {}) {
    super(ErrorCode.FORBIDDEN, message, { ...detail });
  }
}

export class UserInputError extends AppError {
  constructor(problems: FieldProblem[]) {
    const summary = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    super(ErrorCode.BAD_USER_INPUT, `Invalid input. ${summary}`, { fields: problems });
  }

  static field(path: string, message: string): UserInputError {
    return new UserInputError([{ path, message }]);
  }
}

/** How long a client should wait before retrying after SERVICE_UNAVAILABLE (the `Retry-After` header). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The database is unreachable (down, restarting, or the pool cannot hand out a connection): retryable, HTTP 503
 * with `Retry-After`. The message names no host or port; the driver's error goes to the log only.
 */
export class ServiceUnavailableError extends AppError {
  constructor(cause?: unknown) {
    super(
      ErrorCode.SERVICE_UNAVAILABLE,
      `The service is temporarily unavailable: retry in ${RETRY_AFTER_SECONDS} seconds.`,
      { http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) } },
      cause instanceof Error ? cause : undefined,
    );
  }
}

/** A request that is not a GraphQL request we serve, answered with `status` (400 unless said otherwise). */
export class BadRequestError extends AppError {
  constructor(message: string, status = 400) {
    super(ErrorCode.BAD_REQUEST, message, { http: { status } });
  }
}

/** The limits a query is measured against before it runs; `extensions.reason` carries one of them. */
export enum QueryLimit {
  MAX_DEPTH = 'MAX_DEPTH',
  MAX_COST = 'MAX_COST',
  MAX_ALIASES = 'MAX_ALIASES',
  MAX_DIRECTIVES = 'MAX_DIRECTIVES',
  MAX_TOKENS = 'MAX_TOKENS',
}

/** How each limit is named to the client: what is wrong, and what was counted. */
const LIMIT_WORDING: Record<QueryLimit, { problem: string; unit: string }> = {
  [QueryLimit.MAX_DEPTH]: { problem: 'The query is nested too deeply', unit: 'levels' },
  [QueryLimit.MAX_COST]: { problem: 'The query would cost too much to run', unit: 'cost units' },
  [QueryLimit.MAX_ALIASES]: { problem: 'The query uses too many aliases', unit: 'aliases' },
  [QueryLimit.MAX_DIRECTIVES]: { problem: 'The query uses too many directives', unit: 'directives' },
  [QueryLimit.MAX_TOKENS]: { problem: 'The query is too long', unit: 'tokens' },
};

/** A query refused before it runs because it exceeds one of the limits (HTTP 400). */
export class QueryLimitError extends AppError {
  constructor(limit: QueryLimit, max: number, found?: number) {
    const { problem, unit } = LIMIT_WORDING[limit];
    const measured = found === undefined ? `more than ${max}` : String(found);
    super(ErrorCode.QUERY_LIMIT_EXCEEDED, `${problem}: ${measured} ${unit}; the limit is ${max}.`, {
      reason: limit,
      limit: max,
      http: { status: 400 },
    });
  }
}

/** For `switch` statements over a module's error codes: a code without a case fails type-checking. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled value: ${String(value)}`);
}
