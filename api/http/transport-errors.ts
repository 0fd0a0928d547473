import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { ErrorCode } from '../errors';
import { INTERNAL_ERROR_MESSAGE } from '../format-error';
import { languageFromHeader, msg, translate, type Message, type PlainMessageId } from '../i18n';
import { requestIdOf } from './request-id';

/** The largest request body accepted, in body-parser's notation (README states it). */
export const MAX_BODY = '1mb';

const UTF8_ONLY: PlainMessageId = 'Send JSON encoded as UTF-8 (Content-Type: application/json; charset=utf-8).';

/**
 * Answers with a GraphQL-shaped error, as every failure of this server does, whatever layer it comes from:
 * `{ "errors": [{ "message", "extensions": { "code", … } }] }`, the message in the request's `Accept-Language`.
 */
export function sendError(res: Response, status: number, code: string, message: Message, extensions: Record<string, unknown> = {}): void {
  const text = translate(message, languageFromHeader(res.req.headers['accept-language']));
  res.status(status).type('application/json').send(JSON.stringify({ errors: [{ message: text, extensions: { code, ...extensions } }] }));
}

/** What body-parser's errors (they carry `type` and `status`) mean to a client. */
function describeBodyError(error: { type?: unknown; status?: unknown; limit?: unknown }): { status: number; code: ErrorCode; message: Message } | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return {
        status: 400,
        code: ErrorCode.BAD_REQUEST,
        message: 'The request body must be JSON: an object (one operation) or an array of objects (a batch).',
      };
    case 'entity.too.large':
      return { status: 413, code: ErrorCode.PAYLOAD_TOO_LARGE, message: msg('The request body is larger than the {{limit}} allowed.', { limit: MAX_BODY.toUpperCase() }) };
    case 'charset.unsupported':
      return { status: 415, code: ErrorCode.UNSUPPORTED_MEDIA_TYPE, message: UTF8_ONLY };
    case 'encoding.unsupported':
      return { status: 415, code: ErrorCode.UNSUPPORTED_MEDIA_TYPE, message: 'Send the body uncompressed, or compressed with gzip, deflate or br.' };
    case 'request.aborted':
    case 'request.size.invalid':
      return { status: 400, code: ErrorCode.BAD_REQUEST, message: 'The request body was cut short or did not match its Content-Length.' };
    default:
      return undefined;
  }
}

/** The `charset` parameter of a Content-Type header, lower-cased, without quotes. */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match === null ? undefined : match[1].toLowerCase();
}

/**
 * JSON is UTF-8 (RFC 8259). body-parser would decode UTF-16 and UTF-32 as well and then fail to parse what a client
 * meant as something else; any charset but UTF-8 is refused up front with 415.
 */
export function utf8Only(): RequestHandler {
  return (req, res, next) => {
    const charset = charsetOf(req.headers['content-type']);
    if (charset === undefined || charset === 'utf-8') return next();
    sendError(res, 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, UTF8_ONLY);
  };
}

/**
 * The operations of a request must be objects: a body of `[1, 2]` or `["{ me { id } }"]` is no batch. An array
 * holds between 1 and `maxBatchSize` operations.
 */
export function operationsShape(maxBatchSize: number): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST' || !Array.isArray(req.body)) return next();
    const size = req.body.length;
    if (size < 1 || size > maxBatchSize) {
      sendError(res, 400, ErrorCode.BAD_REQUEST, msg('A batch must hold between 1 and {{max}} operations; this one holds {{size}}.', { max: maxBatchSize, size }), { maxBatchSize });
      return;
    }
    if (!req.body.every((operation: unknown) => typeof operation === 'object' && operation !== null && !Array.isArray(operation))) {
      sendError(res, 400, ErrorCode.BAD_REQUEST, 'Every operation of a batch must be a JSON object such as {"query": "…"}.');
      return;
    }
    next();
  };
}

/** A method the GraphQL endpoint does not serve: 405 with the methods it does. */
export function methodNotAllowed(allowed: string[]): RequestHandler {
  return (req, res) => {
    res.setHeader('allow', allowed.join(', '));
    const or = translate(' or ', languageFromHeader(req.headers['accept-language']));
    sendError(res, 405, ErrorCode.BAD_REQUEST, msg('{{method}} is not served here: use {{allowed}}.', { method: req.method, allowed: allowed.join(or) }));
  };
}

/** Any path the server does not serve. */
export function notFound(graphqlPath: string): RequestHandler {
  return (_req, res) => {
    sendError(res, 404, ErrorCode.NOT_FOUND, msg('Nothing is served here: the API is at {{path}}.', { path: graphqlPath }));
  };
}

/**
 * The last express handler. Body-parser's refusals become their coded 4xx; anything else is logged with the
 * request id and answered with INTERNAL_SERVER_ERROR and that id only, never express's HTML page or a stack.
 */
export function finalErrorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const requestId = requestIdOf(res);
    const described = typeof error === 'object' && error !== null ? describeBodyError(error) : undefined;
    if (res.headersSent) {
      // Too late for an answer: the client sees the connection end, the log says why.
      log.error({ err: error, requestId, method: req.method, url: req.originalUrl }, 'error after the response started');
      res.destroy();
      return;
    }
    if (described !== undefined) {
      log.info({ requestId, method: req.method, url: req.originalUrl, status: described.status, code: described.code }, 'request refused');
      sendError(res, described.status, described.code, described.message);
      return;
    }
    log.error({ err: error, requestId, method: req.method, url: req.originalUrl }, 'unexpected error');
    sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, INTERNAL_ERROR_MESSAGE, { requestId });
  };
}
