import { GraphQLError } from 'graphql';
import { msg, nested, translate, type Language, type Message } from './i18n';

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
  message: Message;
}

/** What an error says to one client: its message, and extensions that carry text, in the client's language. */
export interface LocalizedError {
  message: string;
  extensions?: Record<string, unknown>;
}

/**
 * The one error base class: every error the API raises on purpose carries a stable `extensions.code`, and
 * module errors add their own `extensions.reason` (e.g. `USER_NOT_FOUND`). Its message is a `Message`: `message`
 * holds the English (for the log), and `localize` gives each client its language where errors are shaped.
 */
export class AppError extends GraphQLError {
  /** The message as data, to be translated for the client. */
  readonly localized: Message;

  /** `originalError`: what went wrong underneath, for the log only (the client sees the message and code). */
  constructor(code: ErrorCode, message: Message, extensions: Record<string, unknown> = {}, originalError?: Error) {
    super(translate(message, 'en'), { extensions: { ...extensions, code }, originalError });
    this.name = 'AppError';
    this.localized = message;
  }

  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }

  /** The message, and any extensions that carry text, in `language`. Codes and reasons never change. */
  localize(language: Language): LocalizedError {
    const extensions = this.localizedExtensions(language);
    return { message: translate(this.localized, language), ...(extensions === undefined ? {} : { extensions }) };
  }

  /** The extensions that carry text (none here), in `language`. */
  protected localizedExtensions(_language: Language): Record<string, unknown> | undefined {
    return undefined;
  }
}

/** What a module's error code stands for: the client-facing code and message. */
export interface DescribedError {
  code: ErrorCode;
  message: Message;
}

/**
 * Extensions a module error may carry: `field` names the input path; `detail` is appended to the message (and
 * sent as `extensions.detail`).
 */
export type ModuleErrorExtensions = Record<string, unknown> & { field?: string; detail?: Message };

/**
 * The base of module errors that name the offending input: `extensions.reason` is the module's code, and with
 * `field` a BAD_USER_INPUT error also lists it in `extensions.fields`, like every other invalid-input error.
 */
export abstract class ModuleInputError extends AppError {
  private readonly detail: Message | undefined;
  /** The input path listed in `extensions.fields` (BAD_USER_INPUT only). */
  private readonly listedField: string | undefined;

  protected constructor(reason: string, described: DescribedError, extensions: ModuleErrorExtensions = {}) {
    const { detail, field } = extensions;
    const message = detail === undefined ? described.message : msg('{{message}} {{detail}}', { message: nested(described.message), detail: nested(detail) });
    const listedField = described.code === ErrorCode.BAD_USER_INPUT ? field : undefined;
    super(described.code, message, { ...extensions, reason, ...ModuleInputError.textExtensions(message, detail, listedField, 'en') });
    this.detail = detail;
    this.listedField = listedField;
  }

  private static textExtensions(message: Message, detail: Message | undefined, field: string | undefined, language: Language): Record<string, unknown> {
    return {
      ...(detail === undefined ? {} : { detail: translate(detail, language) }),
      ...(field === undefined ? {} : { fields: [{ path: field, message: translate(message, language) }] }),
    };
  }

  protected override localizedExtensions(language: Language): Record<string, unknown> | undefined {
    if (this.detail === undefined && this.listedField === undefined) return undefined;
    return ModuleInputError.textExtensions(this.localized, this.detail, this.listedField, language);
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
  constructor(message: Message = 'You are not allowed to do this or to see this field.', detail: ForbiddenDetail = {}) {
    super(ErrorCode.FORBIDDEN, message, { ...detail });
  }
}

export class UserInputError extends AppError {
  private readonly problems: readonly FieldProblem[];

  /** `Invalid input. a: …; b: …`, with every problem's path and message (there is at least one). */
  constructor(problems: FieldProblem[]) {
    const parts = problems.map((problem) => msg('{{path}}: {{problem}}', { path: problem.path, problem: nested(problem.message) }));
    const list = parts.reduce((joined, part) => msg('{{first}}; {{second}}', { first: joined, second: part }));
    super(ErrorCode.BAD_USER_INPUT, msg('Invalid input. {{problems}}', { problems: list }), { fields: UserInputError.fields(problems, 'en') });
    this.problems = problems;
  }

  static field(path: string, message: Message): UserInputError {
    return new UserInputError([{ path, message }]);
  }

  private static fields(problems: readonly FieldProblem[], language: Language): { path: string; message: string }[] {
    return problems.map((problem) => ({ path: problem.path, message: translate(problem.message, language) }));
  }

  protected override localizedExtensions(language: Language): Record<string, unknown> {
    return { fields: UserInputError.fields(this.problems, language) };
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
      msg('The service is temporarily unavailable: retry in {{seconds}} seconds.', { seconds: RETRY_AFTER_SECONDS }),
      { http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) } },
      cause instanceof Error ? cause : undefined,
    );
  }
}

/** A request that is not a GraphQL request we serve, answered with `status` (400 unless said otherwise). */
export class BadRequestError extends AppError {
  constructor(message: Message, status = 400) {
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

/** How each limit is named to the client: what is wrong, what was counted, and the limit. */
function limitMessage(limit: QueryLimit, max: number, found: number | undefined): Message {
  if (found === undefined) {
    switch (limit) {
      case QueryLimit.MAX_DEPTH:
        return msg('The query is nested too deeply: more than {{max}} levels; the limit is {{max}}.', { max });
      case QueryLimit.MAX_COST:
        return msg('The query would cost too much to run: more than {{max}} cost units; the limit is {{max}}.', { max });
      case QueryLimit.MAX_ALIASES:
        return msg('The query uses too many aliases: more than {{max}} aliases; the limit is {{max}}.', { max });
      case QueryLimit.MAX_DIRECTIVES:
        return msg('The query uses too many directives: more than {{max}} directives; the limit is {{max}}.', { max });
      case QueryLimit.MAX_TOKENS:
        return msg('The query is too long: more than {{max}} tokens; the limit is {{max}}.', { max });
      default:
        return assertUnreachable(limit);
    }
  }
  switch (limit) {
    case QueryLimit.MAX_DEPTH:
      return msg('The query is nested too deeply: {{found}} levels; the limit is {{max}}.', { found, max });
    case QueryLimit.MAX_COST:
      return msg('The query would cost too much to run: {{found}} cost units; the limit is {{max}}.', { found, max });
    case QueryLimit.MAX_ALIASES:
      return msg('The query uses too many aliases: {{found}} aliases; the limit is {{max}}.', { found, max });
    case QueryLimit.MAX_DIRECTIVES:
      return msg('The query uses too many directives: {{found}} directives; the limit is {{max}}.', { found, max });
    case QueryLimit.MAX_TOKENS:
      return msg('The query is too long: {{found}} tokens; the limit is {{max}}.', { found, max });
    default:
      return assertUnreachable(limit);
  }
}

/** A query refused before it runs because it exceeds one of the limits (HTTP 400). */
export class QueryLimitError extends AppError {
  constructor(limit: QueryLimit, max: number, found?: number) {
    super(ErrorCode.QUERY_LIMIT_EXCEEDED, limitMessage(limit, max, found), {
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
