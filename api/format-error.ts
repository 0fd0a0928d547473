import { DriverException } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import pg from 'pg';
import type { Logger } from 'pino';
import { errorChain, isDatabaseUnavailable } from './database/database-unavailable';
import { AppError, ErrorCode, QueryLimit, QueryLimitError, ServiceUnavailableError } from './errors';
import { createRequestScope, currentRequestScope, type RequestScope } from './http/request-id';
import { translate, type PlainMessageId } from './i18n';

/** Codes Apollo Server sets itself (parse, validation, variable coercion, operation name, persisted queries). */
export const APOLLO_ERROR_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  // Automatic persisted queries are on (Apollo's default): a hash the server has not seen yet.
  'PERSISTED_QUERY_NOT_FOUND',
] as const;

/** Every `extensions.code` a client can receive: ours and Apollo's. README's list of codes is checked against it. */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set<string>([...Object.values(ErrorCode), ...APOLLO_ERROR_CODES]);

export const INTERNAL_ERROR_MESSAGE: PlainMessageId = 'Internal server error';

/**
 * knex's message for a failed statement: the statement itself, ` - `, then the server's message. The SQL here (and
 * MikroORM's) is lower-case, while messages meant for clients start with a capital, so the match is case-sensitive.
 */
const SQL_STATEMENT_MESSAGE = /^\s*(select|insert|update|delete|with|begin|commit|rollback|savepoint|release|set|lock|call|do)\b[\s\S]* - /;

/** graphql's own parser limit (`parseOptions.maxTokens`), reported as a syntax error ("more that 2000 tokens" in 16.x). */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more \w+ (\d+) tokens/;

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** An error that came from the database driver or the ORM: its message may hold SQL, values, host and port. */
function isDriverError(error: unknown): boolean {
  if (error instanceof DriverException || error instanceof pg.DatabaseError) return true;
  if (!(error instanceof Error)) return false;
  return error.name === 'KnexTimeoutError' || 'sql' in error || SQL_STATEMENT_MESSAGE.test(error.message);
}

/** The first error below the GraphQL wrappers (the driver's, a bug's): what the log should show. */
function rootCause(error: unknown): unknown {
  const chain = errorChain(error);
  return chain.find((link) => !(link instanceof GraphQLError)) ?? error;
}

function limitError(formatted: GraphQLFormattedError, error: unknown): QueryLimitError | undefined {
  const limit = errorChain(error).find((link): link is QueryLimitError => link instanceof QueryLimitError);
  if (limit !== undefined) return limit;
  const tokens = TOKEN_LIMIT_MESSAGE.exec(formatted.message);
  return tokens === null ? undefined : new QueryLimitError(QueryLimit.MAX_TOKENS, Number(tokens[1]));
}

/** Where the error sits in the query: GraphQL's own fields, which carry nothing but what the client sent. */
function position(formatted: GraphQLFormattedError): Pick<GraphQLFormattedError, 'locations' | 'path'> {
  return {
    ...(formatted.locations === undefined ? {} : { locations: formatted.locations }),
    ...(formatted.path === undefined ? {} : { path: formatted.path }),
  };
}

/** Our error behind `error`, if it is one: it knows its message in every language. */
function appErrorOf(error: unknown): AppError | undefined {
  return errorChain(error).find((link): link is AppError => link instanceof AppError);
}

/**
 * The one place errors are shaped for clients, over HTTP and WebSocket alike, in every environment, and translated
 * into the request's language (`scope.language`; codes, reasons and paths never change):
 * - the database is unreachable: SERVICE_UNAVAILABLE with the request id, logged once per request;
 * - a query over a limit: QUERY_LIMIT_EXCEEDED with the limit that was hit (not graphql's "Syntax Error:");
 * - ours (AppError codes) and Apollo's own codes pass through, unless a driver error hides inside;
 * - anything else: logged at error level with the request id, and the client gets `Internal server error`, the
 *   code and the request id; no message, SQL, stack or host.
 */
export function formatErrorForClient(formatted: GraphQLFormattedError, error: unknown, scope: RequestScope): GraphQLFormattedError {
  if (isDatabaseUnavailable(error)) {
    if (!scope.outageLogged) {
      scope.outageLogged = true;
      scope.log.error({ err: rootCause(error), path: formatted.path }, 'database unavailable');
    }
    return {
      message: new ServiceUnavailableError().localize(scope.language).message,
      ...position(formatted),
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, requestId: scope.requestId },
    };
  }
  const limit = limitError(formatted, error);
  if (limit !== undefined) {
    const { http: _http, ...extensions } = limit.extensions;
    return { message: limit.localize(scope.language).message, ...position(formatted), extensions };
  }
  const code = formatted.extensions?.code;
  const passes =
    typeof code === 'string' &&
    CLIENT_ERROR_CODES.has(code) &&
    code !== ErrorCode.INTERNAL_SERVER_ERROR &&
    !errorChain(error).some(isDriverError) &&
    !SQL_STATEMENT_MESSAGE.test(formatted.message);
  if (passes) {
    // Stack traces are never included (includeStacktraceInErrorResponses is off); this keeps it so for any path.
    const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
    const localized = appErrorOf(error)?.localize(scope.language);
    if (localized === undefined) return { ...formatted, extensions };
    return { ...formatted, message: localized.message, extensions: { ...extensions, ...localized.extensions } };
  }
  scope.log.error({ err: rootCause(error), path: formatted.path, code }, 'unexpected error');
  return {
    message: translate(INTERNAL_ERROR_MESSAGE, scope.language),
    ...position(formatted),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId: scope.requestId },
  };
}

/** Apollo's `formatError`: the scope comes from the HTTP request being served (see `withRequestScope`). */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError =>
    formatErrorForClient(formatted, error, currentRequestScope() ?? createRequestScope(log));
}

/** The same shaping for errors that do not pass through Apollo (graphql-ws operations). */
export function formatGraphQLError(error: GraphQLError, scope: RequestScope): GraphQLFormattedError {
  const json = error.toJSON();
  const { http: _http, ...extensions } = json.extensions ?? {};
  return formatErrorForClient({ ...json, extensions: { ...extensions, code: extensions.code ?? ErrorCode.INTERNAL_SERVER_ERROR } }, error, scope);
}
