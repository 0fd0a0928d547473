import type { RequestHandler, Response } from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DEFAULT_LANGUAGE, languageFromHeader, type Language } from '../i18n';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * An incoming id is kept when it looks like one (a uuid, a trace id, `web-42`): letters, digits and `._:/+=-`, at
 * most 128 characters. Anything else (spaces, newlines, a kilobyte of text) is replaced by a fresh uuid, so a client
 * cannot write into the log or the response headers through it.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:/+=-]{0,127}$/;

export function newRequestId(): string {
  return randomUUID();
}

export function acceptedRequestId(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value !== undefined && SANE_REQUEST_ID.test(value) ? value : newRequestId();
}

/** What every log line and every masked error of one request or WebSocket operation share. */
export interface RequestScope {
  requestId: string;
  /** The logger with `requestId` bound. */
  log: Logger;
  /** A database outage is logged once per request, however many resolvers ran into it. */
  outageLogged: boolean;
  /** The language its error messages are given in (`Accept-Language`, or a WebSocket's `connectionParams.language`). */
  language: Language;
}

const scopes = new AsyncLocalStorage<RequestScope>();

export function createRequestScope(log: Logger, requestId = newRequestId(), language: Language = DEFAULT_LANGUAGE): RequestScope {
  return { requestId, log: log.child({ requestId }), outageLogged: false, language };
}

/**
 * The scope of the HTTP request being served. Apollo's `formatError` is given only the error, so this is how it
 * learns the request id it must log and return.
 */
export function currentRequestScope(): RequestScope | undefined {
  return scopes.getStore();
}

/** The id of a response's request (set by `requestId`, which runs first). */
export function requestIdOf(res: Response): string {
  return (res.locals.requestId as string | undefined) ?? newRequestId();
}

/**
 * First middleware: every request gets an id (the client's `x-request-id` when sane), returned as the
 * `x-request-id` response header on every answer, errors and 404s included.
 */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const id = acceptedRequestId(req.headers[REQUEST_ID_HEADER]);
    res.locals.requestId = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    next();
  };
}

/**
 * Runs the rest of the chain (the GraphQL server) inside the request's scope, in the language its `Accept-Language`
 * asks for. Placed after the body parser: the scope then holds for everything Apollo does with the request, down to
 * formatting its errors.
 */
export function withRequestScope(log: Logger): RequestHandler {
  return (req, res, next) => {
    scopes.run(createRequestScope(log, requestIdOf(res), languageFromHeader(req.headers['accept-language'])), next);
  };
}
