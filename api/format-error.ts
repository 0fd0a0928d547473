import { DriverException } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import pg from 'pg';
import type { Logger } from 'pino';
import { ErrorCode, QueryLimit, QueryLimitError, ServiceUnavailableError } from './errors';
import { createRequestScope, currentRequestScope, type RequestScope } from './http/request-id';

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

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

/** Node's socket errors when the database host refuses, drops or cannot be reached. */
const NETWORK_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server that is going away or not there yet: class 08 (connection exception), 57P01–57P03 (admin
 * or crash shutdown, cannot connect now: starting up, shutting down, in recovery), 53300 (too many connections).
 */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/** What pg, the pool and MikroORM say when the connection is gone or cannot be had, for errors that carry no code. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|Connection ended unexpectedly|Timeout acquiring a connection|Client has encountered a connection error|the database system is (starting up|shutting down|not yet accepting connections|in recovery mode)|terminating connection due to administrator command/i;

/**
 * knex's message for a failed statement: the statement itself, ` - `, then the server's message. The SQL here (and
 * MikroORM's) is lower-case, while messages meant for clients start with a capital, so the match is case-sensitive.
 */
const SQL_STATEMENT_MESSAGE = /^\s*(select|insert|update|delete|with|begin|commit|rollback|savepoint|release|set|lock|call|do)\b[\s\S]* - /;

/** graphql's own parser limit (`parseOptions.maxTokens`), reported as a syntax error ("more that 2000 tokens" in 16.x). */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more \w+ (\d+) tokens/;

/** The error, what it wraps (`originalError`, `cause`) and what it aggregates (`errors`). */
function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  const pending = [error];
  while (pending.length > 0 && chain.length < 20) {
    const next = pending.shift();
    if (next === undefined || next === null || chain.includes(next)) continue;
    chain.push(next);
    if (typeof next !== 'object') continue;
    const wrapped = next as { originalError?: unknown; cause?: unknown; errors?: unknown };
    pending.push(wrapped.originalError, wrapped.cause);
    // An AggregateError's parts (MikroORM copies them onto its DriverException).
    if (Array.isArray(wrapped.errors)) pending.push(...wrapped.errors);
  }
  return chain;
}

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

/**
 * Whether the error (or anything it wraps) says the database is unreachable rather than that a statement failed.
 * A socket error counts only inside a driver error: a refused connection to anywhere else (a receiver, a DNS
 * lookup) is not the database's outage.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const chain = errorChain(error);
  const fromDriver = chain.some((link) => link instanceof DriverException || link instanceof pg.DatabaseError);
  return chain.some((link) => {
    if (link instanceof ServiceUnavailableError) return true;
    const code = codeOf(link);
    if (code !== undefined && (UNAVAILABLE_SQLSTATE.test(code) || (fromDriver && NETWORK_ERROR_CODES.has(code)))) return true;
    return link instanceof Error && !(link instanceof GraphQLError) && UNAVAILABLE_MESSAGE.test(link.message);
  });
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

/**
 * The one place errors are shaped for clients, over HTTP and WebSocket alike, in every environment:
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
      message: new ServiceUnavailableError().message,
      ...position(formatted),
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, requestId: scope.requestId },
    };
  }
  const limit = limitError(formatted, error);
  if (limit !== undefined) {
    const { http: _http, ...extensions } = limit.extensions;
    return { message: limit.message, ...position(formatted), extensions };
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
    return { ...formatted, extensions };
  }
  scope.log.error({ err: rootCause(error), path: formatted.path, code }, 'unexpected error');
  return {
    message: INTERNAL_ERROR_MESSAGE,
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
