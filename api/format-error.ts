import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { ErrorCode } from './errors';

/** Codes Apollo and graphql-armor set themselves (parse, validation, variable coercion, limits). */
const PASS_THROUGH_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Errors are shaped once, here. Ours and the server's own keep their message and code; anything unexpected is
 * logged and reaches the client as INTERNAL_SERVER_ERROR without its message or stack (outside development).
 */
export function createErrorFormatter(log: Logger, development: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    // Apollo adds `extensions.stacktrace` only in development (includeStacktraceInErrorResponses).
    if (typeof code === 'string' && PASS_THROUGH_CODES.has(code)) return formatted;
    const original = unwrapResolverError(error);
    log.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
    if (development) return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR } };
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
